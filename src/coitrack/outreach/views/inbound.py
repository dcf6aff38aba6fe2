"""The inbox of e-mail that could not be filed by itself: list, read, assign, discard.

Reading is for every member; deciding is for reviewers. Every query is scoped to
``request.organization``: another organization's messages answer 404.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from coitrack.accounts.access import can, member_required
from coitrack.accounts.models import Role
from coitrack.certificates.uploads import FileKind, sniff
from coitrack.outreach.models import InboundMessage, InboundStatus
from coitrack.outreach.services.inbound_addresses import organization_address
from coitrack.outreach.services.inbound_review import (
    InboundRefused,
    assign,
    attachment,
    discard,
)
from coitrack.vendors.listing import search_condition
from coitrack.vendors.models import Vendor

PAGE_SIZE = 25
CANDIDATE_LIMIT = 25
SHOWN = {"waiting": [InboundStatus.UNMATCHED], "all": list(InboundStatus.values)}


def _message(request: HttpRequest, pk: int) -> InboundMessage:
    return get_object_or_404(InboundMessage, organization=request.organization, pk=pk)


@require_safe
@member_required()
def inbox(request: HttpRequest) -> HttpResponse:
    """The organization's received e-mail: waiting for a reviewer (default) or all of it."""
    show = request.GET.get("show") if request.GET.get("show") in SHOWN else "waiting"
    rows = (InboundMessage.objects.filter(organization=request.organization,
                                          status__in=SHOWN[show])
            .select_related("vendor", "suggested_vendor"))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    waiting = InboundMessage.objects.filter(organization=request.organization,
                                            status=InboundStatus.UNMATCHED).count()
    return render(request, "outreach/inbound/list.html", {
        "page": page, "show": show, "waiting": waiting,
        "address": organization_address(request.organization)})


@require_safe
@member_required()
def inbox_detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = _message(request, pk)
    q = request.GET.get("q", "").strip()[:200]
    candidates = []
    if message.status == InboundStatus.UNMATCHED and can(request, Role.REVIEWER):
        vendors = Vendor.objects.filter(organization=request.organization,
                                        merged_into__isnull=True)
        if q:
            candidates = list(vendors.filter(search_condition(q))
                              .order_by("legal_name", "id")[:CANDIDATE_LIMIT])
        suggested = message.suggested_vendor
        if suggested is not None and suggested.merged_into_id is None and not q:
            candidates = [suggested]
    return render(request, "outreach/inbound/detail.html", {
        "message": message, "q": q, "candidates": candidates,
        "can_decide": can(request, Role.REVIEWER)
        and message.status == InboundStatus.UNMATCHED})


@require_POST
@member_required(Role.REVIEWER)
def inbox_assign(request: HttpRequest, pk: int) -> HttpResponse:
    message = _message(request, pk)
    vendor = Vendor.objects.filter(organization=request.organization,
                                   pk=_int(request.POST.get("vendor"))).first()
    if vendor is None:
        messages.error(request, "Choose a vendor of this organization to file the e-mail with.")
        return redirect("outreach:inbox_detail", message.pk)
    try:
        message = assign(message, vendor=vendor, actor=request.user)
    except InboundRefused as error:
        messages.error(request, str(error))
        return redirect("outreach:inbox_detail", message.pk)
    if message.certificate_id:
        messages.success(request, f"Filed with {vendor}: certificate #{message.certificate_id} "
                                  "was created and will be read.")
        return redirect("certificates:detail", message.certificate_id)
    messages.success(request, f"Filed with {vendor}: the e-mail is on its communications log.")
    return redirect("outreach:inbox")


@require_POST
@member_required(Role.REVIEWER)
def inbox_discard(request: HttpRequest, pk: int) -> HttpResponse:
    message = _message(request, pk)
    try:
        discard(message, actor=request.user, note=request.POST.get("note", ""))
    except InboundRefused as error:
        messages.error(request, str(error))
        return redirect("outreach:inbox_detail", message.pk)
    messages.success(request, "E-mail discarded.")
    return redirect("outreach:inbox")


@require_safe
@member_required()
def inbox_file(request: HttpRequest, pk: int, index: int) -> FileResponse:
    """One attachment of a kept e-mail, only if it passed the upload checks (PDF or image)."""
    message = _message(request, pk)
    rows = message.attachments
    if not 0 <= index < len(rows) or rows[index]["problem"]:
        raise Http404("No such attachment.")
    try:
        item = attachment(message, index)
    except InboundRefused:
        raise Http404("The e-mail is no longer kept.") from None
    kind = sniff(item.content[:1024])  # the type its bytes show, as on upload
    if not isinstance(kind, FileKind):
        raise Http404("No such attachment.")
    response = FileResponse(io.BytesIO(item.content), filename=item.name,
                            content_type=kind.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
