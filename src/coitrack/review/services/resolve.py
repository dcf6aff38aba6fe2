"""A reviewer's judgement on a flag: resolved, with a note saying why."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.review.models import CertificateFlag

MAX_NOTE = 2000


class FlagError(Exception):
    """The flag cannot be resolved as asked; the message says why."""


def resolve_flag(*, flag: CertificateFlag, actor, note: str) -> CertificateFlag:
    """Resolve an open flag with the reviewer's ``note`` (required); audited.

    Raises :class:`FlagError` for an empty note or a flag already resolved. Resolving does not
    change the certificate's status: the reviewer then accepts or rejects it.
    """
    note = (note or "").strip()
    if not note:
        raise FlagError("Say why the flag is resolved (e.g. \"agent confirmed the new limits\").")
    if len(note) > MAX_NOTE:
        raise FlagError(f"Keep the note under {MAX_NOTE:,} characters.")
    with transaction.atomic():
        flag = CertificateFlag.objects.select_for_update(
            of=("self",)
        ).select_related("certificate").get(
            pk=flag.pk
        )
        if not flag.is_open:
            raise FlagError("This flag was already resolved.")
        flag.resolved_at = timezone.now()
        flag.resolved_by = actor
        flag.resolution_note = note
        flag.save(update_fields=["resolved_at", "resolved_by", "resolution_note"])
        record(organization=flag.organization, actor=actor, action=Action.UPDATE, obj=flag,
               changes={"resolved": [None, "resolved"]}, note=note,
               vendor_id=flag.certificate.vendor_id, certificate_id=flag.certificate_id)
    return flag


def resolve_open_flags(*, certificate, actor, note: str) -> int:
    """Resolve every open flag of ``certificate`` with ``note`` (a reviewer accepted it anyway).

    Returns how many were resolved; each is audited like :func:`resolve_flag`.
    """
    resolved = 0
    for flag in CertificateFlag.objects.filter(certificate=certificate, resolved_at__isnull=True):
        try:
            resolve_flag(flag=flag, actor=actor, note=note)
        except FlagError:
            continue  # resolved by someone else in the meantime
        resolved += 1
    return resolved
