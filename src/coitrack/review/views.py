"""Resolving a flag, and the list of the organization's certificates with open flags."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.certificates.models import Certificate
from coitrack.review.models import CertificateFlag
from coitrack.review.services import FlagError, resolve_flag

PAGE_SIZE = 25


@require_POST
@member_required(Role.REVIEWER)
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_object_or_404(CertificateFlag, organization=request.organization, pk=pk)
    try:
        resolve_flag(flag=flag, actor=request.user, note=request.POST.get("note", ""))
    except FlagError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Flag resolved: {flag.title}.")
    return redirect(reverse("certificates:detail", args=[flag.certificate_id]) + "#flags")


@require_safe
@member_required()
def flagged_certificates(request: HttpRequest) -> HttpResponse:
    """Certificates with open flags, the longest waiting first."""
    open_flags = Q(flags__resolved_at__isnull=True, flags__isnull=False)
    flagged = CertificateFlag.objects.filter(organization=request.organization,
                                             resolved_at__isnull=True).values("certificate_id")
    certificates = (
        Certificate.objects.filter(organization=request.organization, pk__in=flagged)
        .annotate(flagged_since=Min("flags__created_at", filter=open_flags))
        .select_related("vendor")
        .order_by("flagged_since", "id")
    )
    page = Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page"))
    flags_by_cert: dict[int, list[CertificateFlag]] = {}
    for flag in CertificateFlag.objects.filter(
        organization=request.organization, resolved_at__isnull=True,
        certificate_id__in=[c.pk for c in page.object_list],
    ):
        flags_by_cert.setdefault(flag.certificate_id, []).append(flag)
    for certificate in page.object_list:
        certificate.open_flags = flags_by_cert.get(certificate.pk, [])
    return render(request, "review/flagged.html", {"page": page})
