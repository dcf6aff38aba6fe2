"""Checking a certificate for misinformation when it arrives or its data changes.

:func:`check_certificate` runs the checks of :mod:`coitrack.rules.misinformation` and makes the
certificate's open flags say what they found:

- a flag found again keeps its row (same code and message); open flags no longer found are
  removed; a flag identical to one a reviewer already resolved is not raised again (the
  reviewer judged exactly that);
- when a *new* flag appears, the certificate goes to ``needs_review`` with the flags' messages as
  its reason (actor "system"), and the vendor's owner and the organization's reviewers and admins
  are notified in the app and by e-mail. A certificate not yet accepted also goes to review when
  only earlier open flags remain; an accepted one does not, since a reviewer accepted it with
  those flags in view;
- the reason of a certificate in review ends with the open flags' messages (after
  ``REASON_PREFIX``), kept in step when they change and removed when none remain; what a person
  or the reader wrote before it is kept, and the status then stays for a reviewer to decide;
- rejected and superseded certificates are not checked: they no longer count.

:func:`check_after_data_change` is what ``save_certificate_data`` calls after commit when a
certificate's data was saved with changes (both data entry and the reader). Decision: for an
accepted certificate the check runs only when data the checks read changed (dates, policy
numbers, limits, insurers, the insured, the certificate date; see ``inputs.fingerprint``), so
correcting a phone number or a check box never withdraws an acceptance.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from coitrack.audit.models import Action
from coitrack.audit.services import actor_fields, record
from coitrack.certificates.models import Certificate, CertificateStatus
from coitrack.certificates.services.status import SYSTEM, mark_needs_review
from coitrack.notifications import events
from coitrack.notifications.services import publish
from coitrack.review.models import CertificateCheck, CertificateFlag
from coitrack.review.services.inputs import CheckInputs, gather
from coitrack.rules.misinformation import Flag, find_flags

logger = logging.getLogger(__name__)

REASON_PREFIX = "Flagged automatically: "
NOT_CHECKED = (CertificateStatus.REJECTED, CertificateStatus.SUPERSEDED)


def check_after_data_change(*, certificate_id: int, actor) -> None:
    """Check a certificate whose data was just saved (see the module docstring)."""
    certificate = (Certificate.objects.select_related("vendor", "organization")
                   .filter(pk=certificate_id).first())
    if certificate is None:
        return
    check_certificate(certificate, actor=actor, only_if_material=True)


def check_certificate(certificate: Certificate, *, actor,
                      only_if_material: bool = False) -> list[CertificateFlag]:
    """Run the checks on ``certificate``, store the flags and act on them; return its open flags.

    ``actor`` is who caused the check (the flags and status changes are the system's doing).
    With ``only_if_material``, an accepted certificate whose checked data did not change since
    its last check is left alone. One transaction for flags, status, audit and notifications;
    e-mails leave after it commits.
    """
    if certificate.status in NOT_CHECKED:
        return []
    inputs = gather(certificate)  # file reads and queries, outside the lock
    found = find_flags(**inputs.kwargs)
    with transaction.atomic():
        cert = (Certificate.objects.select_for_update(of=("self",))
                .select_related("vendor__owner", "organization").get(pk=certificate.pk))
        if cert.status in NOT_CHECKED:
            return []
        last = CertificateCheck.objects.filter(certificate=cert).first()
        if (only_if_material and cert.status == CertificateStatus.ACCEPTED
                and last is not None and last.fingerprint == inputs.fingerprint):
            return list(cert.flags.filter(resolved_at__isnull=True))
        new, open_flags = _store_flags(cert, found, inputs, actor_fields(actor)["actor_label"])
        _remember(cert, last, inputs)
        _update_status(cert, new, open_flags)
        if new:
            _notify(cert, new)
    certificate.refresh_from_db()
    return open_flags


def _details(flag: Flag, inputs: CheckInputs) -> dict:
    details = dict(flag.details)
    index = details.get("previous_index")
    if isinstance(index, int) and 0 <= index < len(inputs.previous_ids):
        details["previous_certificate_id"] = inputs.previous_ids[index]
    return details


def _store_flags(cert: Certificate, found: list[Flag], inputs: CheckInputs, cause: str
                 ) -> tuple[list[CertificateFlag], list[CertificateFlag]]:
    existing = list(cert.flags.all())
    open_before = {(f.code, f.message): f for f in existing if f.is_open}
    judged = {(f.code, f.message) for f in existing if not f.is_open}
    new, kept = [], []
    for flag in found:
        key = (flag.code, flag.message)
        if key in judged:
            continue
        if key in open_before:
            kept.append(open_before.pop(key))
            continue
        row = CertificateFlag.objects.create(
            organization=cert.organization, certificate=cert, code=flag.code,
            message=flag.message, details=_details(flag, inputs),
        )
        record(organization=cert.organization, actor=SYSTEM, action=Action.CREATE, obj=row,
               note=f"Found when {cause} saved the data: {flag.message}",
               vendor_id=cert.vendor_id, certificate_id=cert.pk)
        new.append(row)
        judged.add(key)  # the same finding twice in one run is one flag
    for stale in open_before.values():
        record(organization=cert.organization, actor=SYSTEM, action=Action.DELETE, obj=stale,
               note=f"No longer found after the data changed: {stale.message}",
               vendor_id=cert.vendor_id, certificate_id=cert.pk)
        stale.delete()
    return new, sorted(kept + new, key=lambda f: (f.created_at, f.pk))


def _remember(cert: Certificate, last: CertificateCheck | None, inputs: CheckInputs) -> None:
    if last is None:
        CertificateCheck.objects.create(organization=cert.organization, certificate=cert,
                                        fingerprint=inputs.fingerprint,
                                        checked_at=timezone.now())
    else:
        last.fingerprint = inputs.fingerprint
        last.checked_at = timezone.now()
        last.save(update_fields=["fingerprint", "checked_at"])


def reason_for(flags: list[CertificateFlag], reason: str = "") -> str:
    """``reason`` with its automatic part (always last, after ``REASON_PREFIX``) made to list
    ``flags``; what a person or the reader wrote before it is kept."""
    kept = reason.split(REASON_PREFIX, 1)[0].rstrip()
    if not flags:
        return kept
    found = REASON_PREFIX + " ".join(f.message for f in flags)
    return f"{kept}\n{found}" if kept else found


def _update_status(cert: Certificate, new: list[CertificateFlag],
                   open_flags: list[CertificateFlag]) -> None:
    if cert.status == CertificateStatus.NEEDS_REVIEW:
        reason = reason_for(open_flags, cert.status_reason)
        if reason != cert.status_reason:
            _set_reason(cert, reason, flagged=bool(open_flags))
        return
    if new or (open_flags and cert.status != CertificateStatus.ACCEPTED):
        mark_needs_review(certificate=cert, reason=reason_for(open_flags), actor=SYSTEM)


def _set_reason(cert: Certificate, reason: str, *, flagged: bool) -> None:
    before = cert.status_reason
    cert.status_reason = reason
    cert.save(update_fields=["status_reason", "updated_at"])
    note = "The flags changed." if flagged else "No flag remains after the data changed."
    record(organization=cert.organization, actor=SYSTEM, action=Action.UPDATE, obj=cert,
           changes={"status_reason": [before, reason]}, note=note,
           vendor_id=cert.vendor_id, certificate_id=cert.pk)


def _notify(cert: Certificate, new: list[CertificateFlag]) -> None:
    """Publish "certificate needs review": its owner and the reviewers hear of it as they chose
    (``coitrack.notifications``)."""
    vendor = cert.vendor
    count = len(new)
    lines = [f"- {flag.title}: {flag.message}" for flag in new]
    publish(
        events.CERTIFICATE_NEEDS_REVIEW, cert.organization, vendor=vendor,
        title=f"Certificate #{cert.pk} of {vendor.legal_name} needs review",
        body=(f"{count} thing{'s' if count != 1 else ''} on the certificate of "
              f"{vendor.display_name} need{'s' if count == 1 else ''} a look:\n"
              + "\n".join(lines)),
        url=reverse("certificates:detail", args=[cert.pk]),
    )
