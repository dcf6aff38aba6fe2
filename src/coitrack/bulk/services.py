"""Bulk certificate upload: receive many files or ZIPs, read each, file it with its vendor.

    start_upload (the request: unpack, check, recognize duplicates, stage; audited)
      -> process_upload task (claim; per file: read in the isolated reader, match the insured
         name, upload_certificate for a match, else the unmatched tray; progress per file)
      -> assign / discard (a reviewer empties the tray; audited)

A file is only ever filed through ``certificates.services.upload_certificate`` (source
"upload"), so a bulk-filed certificate is stored, read, reviewed, evaluated and answers the
vendor's open request exactly like one uploaded on the vendor's page. That service reads the
file again for the certificate's data and evidence: the bulk reading only finds the vendor.
"""

from __future__ import annotations

import datetime as dt
import io
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.bulk import archive
from coitrack.bulk.matching import Match, VendorIndex
from coitrack.bulk.models import BulkItem, BulkUpload, ItemState, UploadStatus
from coitrack.certificates.models import CertificateSource, Document
from coitrack.certificates.services.upload import UploadFailed, upload_certificate
from coitrack.certificates.uploads import UploadRejected, inspect_upload
from coitrack.vendors.models import Vendor

logger = logging.getLogger(__name__)
STALE_AFTER = dt.timedelta(minutes=30)  # a claimed upload this old lost its worker
SYSTEM = "bulk upload"


class BulkRefused(Exception):
    """The whole drop is refused (nothing was stored); the message says why."""


def start_upload(*, organization, actor, files, received_date: dt.date) -> BulkUpload:
    """Check every file of the drop and queue the readable ones; raise :class:`BulkRefused`
    (changing nothing) when the drop is empty or passes the count or size limits."""
    if not files:
        raise BulkRefused("Choose files or a ZIP archive to upload.")
    limits = archive.Limits(max_file_bytes=settings.MAX_UPLOAD_BYTES)
    try:
        entries = archive.unpack(files, limits)
    except archive.TooMuch as error:
        raise BulkRefused(str(error)) from None
    if not entries:
        raise BulkRefused("The archive holds no files.")
    staged: list[str] = []
    try:
        with transaction.atomic():
            upload = BulkUpload.objects.create(organization=organization, created_by=actor,
                                               received_date=received_date)
            items = _items(upload, entries, limits, staged)
            BulkItem.objects.bulk_create(items)
            counts = {state: sum(1 for i in items if i.state == state) for state in ItemState}
            upload.total = counts[ItemState.QUEUED]
            if not upload.total:
                upload.status, upload.finished_at = UploadStatus.DONE, timezone.now()
            upload.save()
            record(organization=organization, actor=actor, action=Action.UPLOAD, obj=upload,
                   note=(f"Bulk upload of {len(items)} file{'s' if len(items) != 1 else ''}: "
                         f"{counts[ItemState.QUEUED]} to read, {counts[ItemState.REFUSED]} "
                         f"refused, {counts[ItemState.DUPLICATE]} already on file."))
            if upload.total:
                from coitrack.bulk.tasks import process_bulk_upload

                process_bulk_upload.enqueue(upload.pk)  # after commit (core.task_backend)
    except BaseException:
        for path in staged:
            default_storage.delete(path)
        raise
    return upload


def _items(upload: BulkUpload, entries, limits, staged: list[str]) -> list[BulkItem]:
    organization = upload.organization
    checked = {}
    items = []
    for position, entry in enumerate(entries):
        item = BulkItem(upload=upload, organization=organization, position=position,
                        name=entry.name[:255], source=entry.source[:255])
        items.append(item)
        if entry.content is None:
            item.state, item.reason = ItemState.REFUSED, entry.problem
            continue
        try:
            checked[position] = inspect_upload(io.BytesIO(entry.content), name=entry.name,
                                               max_bytes=limits.max_file_bytes)
        except UploadRejected as error:
            item.state, item.reason = ItemState.REFUSED, str(error)
    on_file = {d.sha256: d for d in Document.objects.filter(
        organization=organization, sha256__in=[c.sha256 for c in checked.values()])}
    first_of: dict[str, BulkItem] = {}
    for position, check in checked.items():
        item = items[position]
        item.sha256, item.size, item.content_type = (check.sha256, check.size,
                                                     check.kind.content_type)
        document = on_file.get(check.sha256)
        if document is not None:
            item.state = ItemState.DUPLICATE
            certificate = document.certificates.select_related("vendor").order_by(
                "-received_date", "-id").first()
            item.certificate = certificate
            item.vendor = certificate.vendor if certificate else None
            item.reason = (f"Already on file as certificate #{certificate.pk} of "
                           f"{certificate.vendor.legal_name}." if certificate
                           else "Already on file.")
        elif check.sha256 in first_of:
            item.state = ItemState.DUPLICATE
            item.reason = f"The same file as {first_of[check.sha256].name} in this upload."
        else:
            first_of[check.sha256] = item
            item.state = ItemState.QUEUED
            item.staged_path = default_storage.save(
                f"bulk/{organization.pk}/{check.sha256}.{check.kind.extension}",
                ContentFile(check.content))
            staged.append(item.staged_path)
    return items


# -- the background job ---------------------------------------------------------------------------

def process_upload(upload_id: int) -> int:
    """Read, match and file every waiting file of the upload; return how many were handled.

    Claimed with a conditional UPDATE (queued, or running but stale): a second run does
    nothing. Each file is handled on its own, so a stopped worker resumes where it was."""
    now = timezone.now()
    claimed = BulkUpload.objects.filter(pk=upload_id).filter(
        Q(status=UploadStatus.QUEUED)
        | Q(status=UploadStatus.RUNNING, claimed_at__lt=now - STALE_AFTER)
    ).update(status=UploadStatus.RUNNING, claimed_at=now)
    if not claimed:
        return 0
    upload = BulkUpload.objects.select_related("organization", "created_by").get(pk=upload_id)
    index = VendorIndex(Vendor.objects.filter(organization=upload.organization,
                                              merged_into__isnull=True)
                        .values_list("pk", "legal_name", "dba"))
    handled = 0
    for item in upload.items.filter(state=ItemState.QUEUED).order_by("position"):
        try:
            _process_item(upload, item, index)
        except Exception as error:  # one file's trouble must not stop the others
            logger.exception("bulk item %s failed", item.pk)
            BulkItem.objects.filter(pk=item.pk, state=ItemState.QUEUED).update(
                state=ItemState.UNMATCHED, reason=f"Unexpected error ({error.__class__.__name__}"
                                                  "); choose the vendor by hand.")
        BulkUpload.objects.filter(pk=upload.pk).update(done=F("done") + 1)
        handled += 1
    BulkUpload.objects.filter(pk=upload.pk).update(status=UploadStatus.DONE,
                                                   finished_at=timezone.now())
    return handled


def _staged_bytes(item: BulkItem) -> bytes:
    with default_storage.open(item.staged_path, "rb") as handle:
        return handle.read()


def read_insured_name(content: bytes, name: str) -> tuple[str, str]:
    """``(insured name, problem)`` of a certificate file, read in the isolated child process."""
    from coitrack.reading import ReadingError, read_document

    try:
        result = read_document(content, filename=name)
    except ReadingError as error:
        return "", str(error)
    insured = ((result.data.get("insured") or {}).get("name") or "").strip()
    return insured, "" if insured else "The reader found no insured name on it."


def _process_item(upload: BulkUpload, item: BulkItem, index: VendorIndex) -> None:
    content = _staged_bytes(item)
    insured, problem = read_insured_name(content, item.name)
    match = index.match(insured)
    item.insured_name = insured[:300]
    item.confidence = match.confidence if insured else None
    item.candidates = [{"vendor_id": c.vendor_id, "name": c.name, "score": c.score}
                       for c in match.candidates]
    if match.vendor_id is None:
        item.state, item.reason = ItemState.UNMATCHED, _why_unmatched(match, insured, problem)
        item.save()
        return
    vendor = Vendor.objects.get(pk=match.vendor_id, organization=upload.organization)
    item.match_method = match.method
    _file(item, vendor, content, upload, actor=upload.created_by or SYSTEM,
          state=ItemState.MATCHED,
          note=f"Filed from bulk upload #{upload.pk}: insured “{insured}” matched "
               f"{vendor.legal_name} ({match.method}, confidence {match.confidence:.2f}).")


def _why_unmatched(match: Match, insured: str, problem: str) -> str:
    if not insured:
        return f"The insured name could not be read: {problem}"
    if match.method == "ambiguous":
        return f"Several vendors are named “{insured}”; choose one."
    if match.candidates:
        return (f"No vendor is named “{insured}” closely enough (best "
                f"{match.candidates[0].name}, {match.candidates[0].score:.2f}); choose one.")
    return f"No vendor is named like “{insured}”."


def _file(item: BulkItem, vendor: Vendor, content: bytes, upload: BulkUpload, *, actor,
          state: str, note: str) -> None:
    """Create the certificate for ``vendor`` through the upload service; in the same
    transaction the item records it, with an audit event."""
    with transaction.atomic():
        try:
            result = upload_certificate(vendor=vendor, files=[(item.name, io.BytesIO(content))],
                                        received_date=upload.received_date,
                                        source=CertificateSource.UPLOAD, actor=actor)
        except UploadFailed as error:
            item.state, item.reason = ItemState.FAILED, " ".join(error.errors)
            item.save()
            return
        item.vendor = vendor
        if result.certificate is None:  # filed meanwhile by someone else
            duplicate = result.duplicates[0]
            item.state, item.certificate = ItemState.DUPLICATE, duplicate.certificate
            item.reason = f"Already on file as certificate #{duplicate.certificate.pk}."
        else:
            item.state, item.certificate, item.reason = state, result.certificate, ""
            record(organization=upload.organization, actor=actor, action=Action.UPDATE,
                   obj=item, note=note, vendor_id=vendor.pk,
                   certificate_id=result.certificate.pk)
        item.save()
        path = item.staged_path
        transaction.on_commit(lambda: default_storage.delete(path))


# -- the unmatched tray ---------------------------------------------------------------------------

class TrayError(Exception):
    """The item cannot be assigned or discarded now; the message says why."""


OPEN_STATES = (ItemState.UNMATCHED, ItemState.FAILED)


def _locked_item(organization, item_id: int) -> BulkItem:
    item = (BulkItem.objects.select_for_update(of=("self",)).select_related("upload")
            .filter(organization=organization, pk=item_id).first())
    if item is None:
        raise BulkItem.DoesNotExist
    if item.state not in OPEN_STATES:
        raise TrayError(f"{item.name} is no longer waiting ({item.get_state_display()}).")
    return item


def assign(*, organization, actor, item_id: int, vendor: Vendor) -> BulkItem:
    """File a waiting item with ``vendor`` (of the same organization), as a reviewer."""
    if vendor.organization_id != organization.pk:
        raise BulkItem.DoesNotExist
    with transaction.atomic():
        item = _locked_item(organization, item_id)
        item.match_method = "reviewer"
        item.decided_by, item.decided_at = actor, timezone.now()
        _file(item, vendor, _staged_bytes(item), item.upload, actor=actor,
              state=ItemState.ASSIGNED,
              note=f"Assigned to {vendor.legal_name} from the bulk upload tray "
                   f"(insured read: “{item.insured_name or 'nothing'}”).")
    if item.state == ItemState.FAILED:
        raise TrayError(item.reason)
    return item


def discard(*, organization, actor, item_id: int) -> BulkItem:
    """Drop a waiting item (its staged file is deleted); audited."""
    with transaction.atomic():
        item = _locked_item(organization, item_id)
        item.state = ItemState.DISCARDED
        item.decided_by, item.decided_at = actor, timezone.now()
        item.save(update_fields=["state", "decided_by", "decided_at"])
        record(organization=organization, actor=actor, action=Action.DELETE, obj=item,
               note=f"Discarded {item.name} from the bulk upload tray"
                    + (f" (insured read: “{item.insured_name}”)." if item.insured_name else "."))
        path = item.staged_path
        transaction.on_commit(lambda: default_storage.delete(path))
    return item
