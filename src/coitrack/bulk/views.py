"""Bulk upload screens: the drop page, an upload's progress and results, the unmatched tray."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from coitrack.accounts.access import can, member_required
from coitrack.accounts.models import Role
from coitrack.bulk import services
from coitrack.bulk.forms import AssignForm, BulkUploadForm
from coitrack.bulk.models import BulkItem, BulkUpload, ItemState
from coitrack.compliance.services import local_today

TRAY_PAGE = 25


@member_required(Role.REVIEWER)
def upload(request: HttpRequest) -> HttpResponse:
    today = local_today(request.organization)
    form = BulkUploadForm(request.POST or None, request.FILES or None, today=today)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            bulk = services.start_upload(
                organization=request.organization, actor=request.user,
                files=[(f.name, f) for f in form.cleaned_data["files"]],
                received_date=form.cleaned_data["received_date"])
        except services.BulkRefused as refused:
            error = str(refused)
        else:
            return redirect("bulk:detail", bulk.pk)
    recent = BulkUpload.objects.filter(organization=request.organization)[:10]
    return render(request, "bulk/upload.html", {
        "form": form, "error": error, "recent": recent,
        "waiting": BulkItem.objects.filter(organization=request.organization,
                                           state__in=services.OPEN_STATES).count(),
    }, status=400 if request.method == "POST" else 200)


def _upload(request: HttpRequest, pk: int) -> BulkUpload:
    return get_object_or_404(BulkUpload, organization=request.organization, pk=pk)


def _summary(bulk: BulkUpload) -> dict:
    items = list(bulk.items.select_related("vendor", "certificate"))
    counts = {state: 0 for state in ItemState}
    for item in items:
        counts[item.state] += 1
    return {"bulk": bulk, "items": items,
            "counts": [(ItemState(s).label, s, n) for s, n in counts.items() if n]}


@require_safe
@member_required()
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "bulk/detail.html", _summary(_upload(request, pk)))


@require_safe
@member_required()
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress and results part, polled by htmx while the upload is being read."""
    return render(request, "bulk/_results.html", _summary(_upload(request, pk)))


@require_safe
@member_required()
def tray(request: HttpRequest) -> HttpResponse:
    items = (BulkItem.objects.filter(organization=request.organization,
                                     state__in=services.OPEN_STATES)
             .select_related("upload").order_by("upload__created_at", "position"))
    page = Paginator(items, TRAY_PAGE).get_page(request.GET.get("page"))
    return render(request, "bulk/tray.html", {
        "page": page, "can_assign": can(request, Role.REVIEWER)})


def _item(request: HttpRequest, pk: int) -> BulkItem:
    return get_object_or_404(BulkItem, organization=request.organization, pk=pk)


@require_safe
@member_required()
def item_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A waiting file, to look at before choosing its vendor."""
    item = _item(request, pk)
    if not item.staged_path or item.state not in services.OPEN_STATES:
        raise Http404("This file is no longer kept here.")
    from django.core.files.storage import default_storage

    try:
        handle = default_storage.open(item.staged_path, "rb")
    except OSError:
        raise Http404("The file is missing.") from None
    response = FileResponse(handle, content_type=item.content_type or "application/pdf",
                            filename=item.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@member_required(Role.REVIEWER)
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = AssignForm(request.POST, organization=request.organization)
    if not form.is_valid():
        messages.error(request, f"{item.name}: " + " ".join(form.non_field_errors()))
        return redirect("bulk:tray")
    vendor = form.cleaned_data["vendor_obj"]
    try:
        item = services.assign(organization=request.organization, actor=request.user,
                               item_id=item.pk, vendor=vendor)
    except services.TrayError as error:
        messages.error(request, str(error))
    else:
        if item.state == ItemState.DUPLICATE:
            messages.info(request, f"{item.name}: {item.reason}")
        else:
            messages.success(request, f"{item.name} was filed with {vendor.legal_name}.")
    return redirect("bulk:tray")


@require_POST
@member_required(Role.REVIEWER)
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    try:
        services.discard(organization=request.organization, actor=request.user,
                         item_id=item.pk)
    except services.TrayError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Discarded {item.name}.")
    return redirect("bulk:tray")
