"""Reading screens: the certificate list, one certificate, a vendor's certificate history."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Min, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from coitrack.accounts.access import can, member_required
from coitrack.accounts.models import Role
from coitrack.audit.services import events_for_certificate
from coitrack.certificates.forms.upload import StatusForm
from coitrack.certificates.models import Certificate, CertificateStatus, Policy
from coitrack.certificates.views.lookups import certificate_or_404, vendor_or_404

PAGE_SIZE = 25
REVIEW = "review"  # the filter "to review": received or needs review
STATUS_FILTERS = [("", "All statuses"), (REVIEW, "To review"), *CertificateStatus.choices]


def _policies_with_limits():
    return Prefetch(
        "policies",
        queryset=Policy.objects.prefetch_related("limits").select_related(
            "superseded_by__certificate"
        ),
    )


@require_safe
@member_required()
def certificate_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()[:100]
    certificates = (
        Certificate.objects.filter(organization=request.organization)
        .select_related("vendor")
        .prefetch_related("policies")
        .annotate(first_expiration=Min("policies__expiration_date"),
                  document_count=Count("documents", distinct=True))
        .order_by("-received_date", "-id")  # annotating drops Meta.ordering
    )
    if status == REVIEW:
        certificates = certificates.filter(
            status__in=[CertificateStatus.RECEIVED, CertificateStatus.NEEDS_REVIEW]
        )
    elif status in CertificateStatus.values:
        certificates = certificates.filter(status=status)
    else:
        status = ""
    if query:
        certificates = certificates.filter(
            Q(vendor__legal_name__icontains=query) | Q(vendor__dba__icontains=query)
            | Q(insured_name__icontains=query)
        )
    page = Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "certificates/list.html", {
        "page": page, "status": status, "q": query, "status_filters": STATUS_FILTERS,
        "filtered": bool(status or query),
    })


@require_safe
@member_required()
def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = certificate_or_404(request, pk)
    documents = documents_with_previews(certificate)
    if request.htmx and request.GET.get("part") == "previews":
        return render(request, "certificates/_previews.html", {
            "certificate": certificate, "documents": documents,
        })
    insurers = list(certificate.insurers.all())
    by_letter = {i.letter: i for i in insurers}
    policies = list(
        certificate.policies.prefetch_related("limits", "supersedes__certificate")
        .select_related("superseded_by__certificate")
    )
    for policy in policies:
        policy.insurer = by_letter.get(policy.insurer_letter)
    return render(request, "certificates/detail.html", {
        "certificate": certificate,
        "vendor": certificate.vendor,
        "documents": documents,
        "insurers": insurers,
        "policies": policies,
        "has_data": bool(policies or insurers or certificate.insured_name
                         or certificate.producer_name or certificate.certificate_date),
        "events": events_for_certificate(request.organization, certificate.pk)[:200],
        "can_review": can(request, Role.REVIEWER),
        "status_form": StatusForm(),
        "actions": _actions(certificate),
    })


def documents_with_previews(certificate: Certificate) -> list:
    """The certificate's documents, each with ``preview_pages`` (1..n) for the template."""
    documents = list(certificate.documents.order_by("id"))
    for document in documents:
        document.preview_pages = range(1, (document.preview_count or 0) + 1)
    return documents


def _actions(certificate: Certificate) -> dict[str, bool]:
    """Which decisions the page offers; the service enforces the same rules."""
    status = certificate.status
    final = status == CertificateStatus.SUPERSEDED
    return {
        "accept": status != CertificateStatus.ACCEPTED and not final,
        "reject": status != CertificateStatus.REJECTED and not final,
        "needs_review": status != CertificateStatus.NEEDS_REVIEW and not final,
    }


@require_safe
@member_required()
def vendor_history(request: HttpRequest, vendor_pk: int) -> HttpResponse:
    vendor = vendor_or_404(request, vendor_pk)
    certificates = (
        Certificate.objects.filter(organization=request.organization, vendor=vendor)
        .prefetch_related(_policies_with_limits(), "documents")
        .order_by("-received_date", "-id")
    )
    return render(request, "certificates/history.html", {
        "vendor": vendor, "certificates": certificates,
        "can_review": can(request, Role.REVIEWER),
    })
