"""The vendor summary (certificate count, next expiration) that vendor lists sort on."""

from __future__ import annotations

from django.db.models import Min

from coitrack.certificates.models import Certificate, CertificateStatus, Policy, PolicyStatus


def refresh_vendor_summary(vendor) -> None:
    """Recompute the vendor's denormalized ``certificate_count`` and ``next_expiration``.

    ``next_expiration`` is the earliest expiration among the vendor's current policies on accepted
    certificates (None when it has none), which is what the vendor list sorts and filters on.
    """
    vendor.certificate_count = Certificate.objects.filter(vendor=vendor).count()
    vendor.next_expiration = Policy.objects.filter(
        vendor=vendor,
        status=PolicyStatus.CURRENT,
        certificate__status=CertificateStatus.ACCEPTED,
        expiration_date__isnull=False,
    ).aggregate(first=Min("expiration_date"))["first"]
    type(vendor).objects.filter(pk=vendor.pk).update(
        certificate_count=vendor.certificate_count, next_expiration=vendor.next_expiration
    )
