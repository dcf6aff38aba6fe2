"""A reviewer's decisions on a certificate (accept, reject, needs review) and superseding.

Accepting a certificate makes its policies the vendor's current ones: for each of its policies,
an older current policy of the same coverage (``Policy.coverage_key()``) on another accepted
certificate becomes ``superseded``, linked to the policy that replaced it. A certificate whose
policies are all superseded becomes ``superseded`` itself. When a certificate stops being
accepted, what it superseded is restored, so the record always reflects accepted evidence.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.certificates.models import (
    Certificate,
    CertificateStatus,
    Policy,
    PolicyStatus,
)
from coitrack.certificates.services.summary import refresh_vendor_summary
from coitrack.compliance.services.schedule import schedule_reevaluation
from coitrack.outreach.services.answers import certificate_decided
from coitrack.webhooks.services.hooks import certificate_status_changed

SYSTEM = "system"


class StatusChangeRefused(Exception):
    """The change is not allowed in the certificate's current state; the message says why."""


def set_status(*, certificate: Certificate, status: str, reason: str = "", actor) -> Certificate:
    """Apply a reviewer's decision: ``status`` is ``accepted``, ``rejected`` or ``needs_review``."""
    changes = {
        CertificateStatus.ACCEPTED: accept_certificate,
        CertificateStatus.REJECTED: reject_certificate,
        CertificateStatus.NEEDS_REVIEW: mark_needs_review,
    }
    if status not in changes:
        raise StatusChangeRefused(f"A certificate cannot be set to {status!r} by hand.")
    return changes[status](certificate=certificate, reason=reason, actor=actor)


def accept_certificate(*, certificate: Certificate, reason: str = "", actor) -> Certificate:
    """Accept the certificate and supersede the vendor's older policies of the same coverages.

    Refused when already accepted or superseded, when it has no policies, or when a policy lacks
    its effective or expiration date (superseding and compliance both need them).
    """
    with transaction.atomic():
        cert = _locked(certificate)
        if cert.status in (CertificateStatus.ACCEPTED, CertificateStatus.SUPERSEDED):
            raise StatusChangeRefused(f"This certificate is already {cert.get_status_display()}.")
        policies = list(cert.policies.all())
        if not policies:
            raise StatusChangeRefused("Enter the certificate's policies before accepting it.")
        undated = [str(p) for p in policies if not (p.effective_date and p.expiration_date)]
        if undated:
            raise StatusChangeRefused(
                "Enter the effective and expiration dates of every policy before accepting "
                f"(missing on {', '.join(undated)})."
            )
        _change_status(cert, CertificateStatus.ACCEPTED, reason, actor)
        _supersede(cert, policies, actor)
        refresh_vendor_summary(cert.vendor)
        schedule_reevaluation(organization=cert.organization, vendor_ids=[cert.vendor_id],
                              reason=f"certificate #{cert.pk} accepted")
        # After the re-evaluation above (callbacks run in order): a request may close, an
        # answer be judged, or the new certificate's gaps start a request.
        transaction.on_commit(lambda: certificate_decided(cert.pk, accepted=True), robust=True)
    certificate.refresh_from_db()
    return certificate


def reject_certificate(*, certificate: Certificate, reason: str, actor) -> Certificate:
    """Reject the certificate; ``reason`` is required (it is what the vendor will be told)."""
    if not reason.strip():
        raise StatusChangeRefused("Give a reason for rejecting the certificate.")
    return _leave(certificate, CertificateStatus.REJECTED, reason.strip(), actor)


def mark_needs_review(*, certificate: Certificate, reason: str = "", actor) -> Certificate:
    """Send the certificate (back) to review, e.g. when something on it looks wrong."""
    return _leave(certificate, CertificateStatus.NEEDS_REVIEW, reason.strip(), actor)


def _leave(certificate: Certificate, status: str, reason: str, actor) -> Certificate:
    with transaction.atomic():
        cert = _locked(certificate)
        if cert.status == status:
            raise StatusChangeRefused(f"This certificate is already {cert.get_status_display()}.")
        if cert.status == CertificateStatus.SUPERSEDED:
            raise StatusChangeRefused(
                "This certificate was superseded by a newer one; it stays in the history."
            )
        was_accepted = cert.status == CertificateStatus.ACCEPTED
        _change_status(cert, status, reason, actor)
        if was_accepted:
            restore_superseded(
                policies=list(cert.policies.all()), actor=actor,
                reason=f"certificate #{cert.pk} is no longer accepted",
            )
        refresh_vendor_summary(cert.vendor)
        schedule_reevaluation(organization=cert.organization, vendor_ids=[cert.vendor_id],
                              reason=f"certificate #{cert.pk} {status}")
        transaction.on_commit(lambda: certificate_decided(cert.pk, accepted=False),
                              robust=True)
    certificate.refresh_from_db()
    return certificate


def _locked(certificate: Certificate) -> Certificate:
    return Certificate.objects.select_for_update(
        of=("self",)
    ).select_related("vendor", "organization").get(
        pk=certificate.pk
    )


def _change_status(cert: Certificate, status: str, reason: str, actor, note: str = "") -> None:
    before = cert.status
    cert.status = status
    cert.status_reason = reason
    cert.save(update_fields=["status", "status_reason", "updated_at"])
    record(organization=cert.organization, actor=actor, action=Action.STATUS, obj=cert,
           changes={"status": [before, status]}, note=note or reason,
           vendor_id=cert.vendor_id, certificate_id=cert.pk)
    certificate_status_changed(cert, before, status)  # webhooks: needs review, accepted


def _age(policy: Policy) -> tuple[dt.date, dt.date]:
    """Sort key of "newer": later effective date, then later expiration; undated is oldest."""
    return (policy.effective_date or dt.date.min, policy.expiration_date or dt.date.min)


def _supersede(cert: Certificate, policies: list[Policy], actor) -> list[Policy]:
    """Supersede the older of each pair of current policies of the same coverage.

    Usually the older one is on a previously accepted certificate; if a reviewer accepts an old
    certificate after its renewal, its own policy is the older one and is superseded instead, so
    a vendor never has two current policies of one coverage. Same dates: the newly accepted
    certificate wins (a re-issued certificate for the same term replaces the earlier print).
    """
    superseded: list[Policy] = []
    others = list(
        Policy.objects.filter(
            vendor=cert.vendor, status=PolicyStatus.CURRENT,
            certificate__status=CertificateStatus.ACCEPTED,
        ).exclude(certificate=cert).select_related("certificate")
    )
    for policy in policies:
        for other in others:
            if other.status != PolicyStatus.CURRENT or policy.status != PolicyStatus.CURRENT:
                continue
            if other.coverage_key() != policy.coverage_key():
                continue
            older, newer = (other, policy) if _age(other) <= _age(policy) else (policy, other)
            _mark_superseded(older, newer, actor)
            superseded.append(older)
    for certificate in {p.certificate_id: p.certificate for p in superseded}.values():
        _supersede_certificate_if_done(certificate)
    return superseded


def _mark_superseded(policy: Policy, by: Policy, actor) -> None:
    policy.status = PolicyStatus.SUPERSEDED
    policy.superseded_by = by
    policy.save(update_fields=["status", "superseded_by"])
    replacement = f"{by} (certificate #{by.certificate_id})"
    record(organization=policy.certificate.organization, actor=actor, action=Action.SUPERSEDE,
           obj=policy, changes={"status": ["current", "superseded"],
                                "superseded_by": [None, replacement]},
           note=f"Replaced by {by} on certificate #{by.certificate_id}",
           vendor_id=policy.vendor_id, certificate_id=policy.certificate_id)


def _supersede_certificate_if_done(cert: Certificate) -> None:
    cert.refresh_from_db(fields=["status"])
    if cert.status != CertificateStatus.ACCEPTED:
        return
    if cert.policies.filter(status=PolicyStatus.CURRENT).exists():
        return
    _change_status(cert, CertificateStatus.SUPERSEDED, "", SYSTEM,
                   note="All of its policies were replaced by newer ones.")


def restore_superseded(*, policies: list[Policy], actor, reason: str) -> list[Policy]:
    """Make current again the policies that ``policies`` superseded (they stopped counting).

    A certificate that had become ``superseded`` because of them is accepted again.
    """
    restored = list(
        Policy.objects.filter(superseded_by__in=policies).select_related("certificate")
    )
    for policy in restored:
        policy.status = PolicyStatus.CURRENT
        policy.superseded_by = None
        policy.save(update_fields=["status", "superseded_by"])
        record(organization=policy.certificate.organization, actor=actor, action=Action.UPDATE,
               obj=policy, changes={"status": ["superseded", "current"]},
               note=f"Current again: {reason}.", vendor_id=policy.vendor_id,
               certificate_id=policy.certificate_id)
    for cert in {p.certificate_id: p.certificate for p in restored}.values():
        if cert.status == CertificateStatus.SUPERSEDED:
            _change_status(cert, CertificateStatus.ACCEPTED, "", SYSTEM,
                           note=f"Accepted again: {reason}.")
    return restored
