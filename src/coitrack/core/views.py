"""The dashboard summary, placeholders for screens later issues build, and the health check."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from coitrack.accounts.access import member_required
from coitrack.certificates.models import Certificate, CertificateStatus
from coitrack.compliance.labels import status_counts
from coitrack.vendors.models import Vendor, VendorStatus


@require_safe
@member_required()
def dashboard(request: HttpRequest) -> HttpResponse:
    org = request.organization
    today = timezone.localdate()
    vendors = Vendor.objects.filter(organization=org, merged_into__isnull=True)
    active = vendors.filter(status=VendorStatus.ACTIVE)
    by_status = dict(
        Certificate.objects.filter(organization=org)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    context = {
        "vendor_count": active.count(),
        "expired_count": active.filter(next_expiration__lte=today).count(),
        "expiring_count": active.filter(
            next_expiration__gt=today, next_expiration__lte=today + timedelta(days=30)
        ).count(),
        "no_certificate_count": active.filter(next_expiration__isnull=True).count(),
        "compliance_counts": status_counts(active),
        "review_count": by_status.get(CertificateStatus.NEEDS_REVIEW, 0)
        + by_status.get(CertificateStatus.RECEIVED, 0),
        "expiring_soon": active.filter(
            next_expiration__gt=today, next_expiration__lte=today + timedelta(days=30)
        ).order_by("next_expiration")[:10],
        "today": today,
        "in_30_days": today + timedelta(days=30),
    }
    return render(request, "core/dashboard.html", context)


@require_safe
@member_required()
def placeholder(request: HttpRequest, *, title: str, blurb: str) -> HttpResponse:
    return render(request, "core/placeholder.html", {"title": title, "blurb": blurb})


@require_safe
def no_organization(request: HttpRequest) -> HttpResponse:
    return render(request, "core/no_organization.html")


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers; reveals nothing about any organization."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
