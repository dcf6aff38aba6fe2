"""A reviewer's decisions on unmatched e-mail: assign it to a vendor, or discard it.

Both take the message only while it is still unmatched (checked under a row lock, so two
reviewers deciding at once cannot both act), record an audit event in the same transaction, and
delete the kept ``.eml`` once committed: after a decision the attachments live on as the
certificate's documents, or not at all.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.certificates import blobs
from coitrack.compliance.services.clock import local_today
from coitrack.outreach.models import InboundMessage, InboundStatus
from coitrack.outreach.services.inbound import file_with_vendor
from coitrack.outreach.services.inbound_parse import Attachment, Parsed, parse


class InboundRefused(Exception):
    """The decision cannot be taken; the message says why (nothing was changed)."""


def kept_message(message: InboundMessage) -> Parsed:
    """The kept e-mail, read again from storage."""
    if not message.raw:
        raise InboundRefused("The e-mail itself is no longer kept.")
    try:
        with default_storage.open(message.raw, "rb") as handle:
            raw = handle.read()
    except OSError:
        raise InboundRefused("The stored e-mail is missing.") from None
    return parse(raw, inbound_address=settings.INBOUND_ADDRESS)


def attachment(message: InboundMessage, index: int) -> Attachment:
    """Attachment ``index`` (0-based, as listed on the record) of a kept e-mail."""
    files = kept_message(message).attachments
    if not 0 <= index < len(files):
        raise InboundRefused("There is no such attachment.")
    return files[index]


def _check_unmatched(message: InboundMessage) -> None:
    if message.status != InboundStatus.UNMATCHED:
        raise InboundRefused(f"This e-mail was already dealt with: "
                             f"{message.get_status_display().lower()}.")


def _lock_unmatched(message: InboundMessage) -> InboundMessage:
    locked = InboundMessage.objects.select_for_update().get(pk=message.pk)
    _check_unmatched(locked)
    return locked


def assign(message: InboundMessage, *, vendor, actor, now=None) -> InboundMessage:
    """File ``message`` with ``vendor`` (of the same organization) as if it had come to the
    vendor's reply address: its acceptable attachments become one e-mail certificate received
    on the day the e-mail arrived; its text is logged as the vendor's reply when no
    certificate came of it, with the reasons any attachment was refused."""
    now = now or timezone.now()
    if vendor.organization_id != message.organization_id:
        raise InboundRefused("Choose a vendor of this organization.")
    if vendor.merged_into_id:
        raise InboundRefused(f"{vendor} was merged into another vendor; choose that one.")
    _check_unmatched(message)
    parsed = kept_message(message)
    name = message.raw
    with transaction.atomic():
        locked = _lock_unmatched(message)
        file_with_vendor(locked, parsed, vendor=vendor, actor=actor, now=now,
                         received_date=local_today(vendor.organization, now=locked.received_at))
        locked.status, locked.vendor, locked.raw = InboundStatus.ASSIGNED, vendor, ""
        locked.decided_at, locked.decided_by = now, actor
        locked.save()
        record(organization=locked.organization, actor=actor, action=Action.UPDATE,
               obj=locked, changes={"status": [InboundStatus.UNMATCHED, locked.status],
                                    "vendor": [None, str(vendor)]},
               note=locked.reason if locked.certificate_id is None else "",
               vendor_id=vendor.pk, certificate_id=locked.certificate_id)
    transaction.on_commit(lambda: blobs.delete_quietly([name]))
    return locked


def discard(message: InboundMessage, *, actor, note: str = "", now=None) -> InboundMessage:
    """Set ``message`` aside for good (spam, or nothing to file); the record stays."""
    now = now or timezone.now()
    name = message.raw
    with transaction.atomic():
        locked = _lock_unmatched(message)
        locked.status, locked.raw = InboundStatus.DISCARDED, ""
        locked.decided_at, locked.decided_by = now, actor
        locked.save()
        record(organization=locked.organization, actor=actor, action=Action.STATUS,
               obj=locked, changes={"status": [InboundStatus.UNMATCHED, locked.status]},
               note=note.strip()[:1000])
    if name:
        transaction.on_commit(lambda: blobs.delete_quietly([name]))
    return locked
