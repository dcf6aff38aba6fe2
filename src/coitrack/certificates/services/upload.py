"""Receiving certificate files: check them, store them once, create the certificate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from django.conf import settings
from django.db import IntegrityError, transaction

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.certificates import blobs
from coitrack.certificates.models import (
    Certificate,
    CertificateSource,
    CertificateStatus,
    Document,
)
from coitrack.certificates.services.summary import refresh_vendor_summary
from coitrack.certificates.uploads import CheckedFile, UploadRejected, inspect_upload


class UploadFailed(Exception):
    """One or more files were refused; ``errors`` holds one sentence per refused file."""

    def __init__(self, errors: list[str]):
        super().__init__(" ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Duplicate:
    """A file whose bytes were already on file, and the certificate it belongs to (if any)."""

    name: str
    document: Document
    certificate: Certificate | None


@dataclass
class UploadResult:
    certificate: Certificate | None  # None when every file was already on file
    duplicates: list[Duplicate] = field(default_factory=list)


def check_files(files: Sequence[tuple[str, BinaryIO]], *, max_bytes: int | None = None
                ) -> list[CheckedFile]:
    """Check every ``(name, file)``; raise :class:`UploadFailed` listing each bad one."""
    if not files:
        raise UploadFailed(["Choose at least one file to upload."])
    limit = settings.MAX_UPLOAD_BYTES if max_bytes is None else max_bytes
    checked, errors = [], []
    for name, fileobj in files:
        try:
            checked.append(inspect_upload(fileobj, name=name, max_bytes=limit))
        except UploadRejected as error:
            errors.append(str(error))
    if errors:
        raise UploadFailed(errors)
    return checked


def upload_certificate(
    *,
    vendor,
    files: Sequence[tuple[str, BinaryIO]],
    received_date: dt.date,
    source: str = CertificateSource.UPLOAD,
    actor,
) -> UploadResult:
    """Store the files of one certificate for ``vendor`` and create the certificate.

    All or nothing: if any file is refused, :class:`UploadFailed` is raised and nothing is stored;
    if the database transaction fails, the blobs this call wrote are deleted again.

    Files whose bytes the organization already has are not stored again: their ``Document`` is
    reused and reported in ``duplicates``. When *every* file is such a duplicate of a document
    that already belongs to a certificate, no certificate is created (it would be a copy).
    A preview of each new document is rendered in the background once the transaction commits.
    """
    if source not in CertificateSource.values:
        raise ValueError(f"unknown certificate source {source!r}")
    checked = _unique(check_files(files))
    created_blobs: list[str] = []
    try:
        with transaction.atomic():
            result = _store(vendor, checked, received_date, source, actor, created_blobs)
    except IntegrityError:
        # Only a simultaneous upload of the same bytes can collide on the unique hash.
        blobs.delete_quietly(created_blobs)
        raise UploadFailed(
            ["The same file was being uploaded at the same moment; please try again."]
        ) from None
    except BaseException:
        blobs.delete_quietly(created_blobs)
        raise
    return result


def _unique(checked: list[CheckedFile]) -> list[CheckedFile]:
    """The same file chosen twice in one submission counts once."""
    seen: dict[str, CheckedFile] = {}
    for item in checked:
        seen.setdefault(item.sha256, item)
    return list(seen.values())


def _store(vendor, checked, received_date, source, actor, created_blobs) -> UploadResult:
    org = vendor.organization
    existing = {
        doc.sha256: doc
        for doc in Document.objects.select_for_update().filter(
            organization=org, sha256__in=[c.sha256 for c in checked]
        )
    }
    duplicates = []
    for item in checked:
        doc = existing.get(item.sha256)
        if doc is not None:
            cert = doc.certificates.order_by("-received_date", "-id").first()
            if cert is not None:
                duplicates.append(Duplicate(name=item.name, document=doc, certificate=cert))
    if len(duplicates) == len(checked):
        return UploadResult(certificate=None, duplicates=duplicates)

    cert = Certificate.objects.create(
        organization=org, vendor=vendor, status=CertificateStatus.RECEIVED,
        source=source, received_date=received_date,
    )
    record(organization=org, actor=actor, action=Action.CREATE, obj=cert,
           changes={"status": [None, cert.status], "source": [None, source],
                    "received_date": [None, received_date.isoformat()]},
           vendor_id=vendor.pk, certificate_id=cert.pk)
    new_documents = []
    for item in checked:
        doc = existing.get(item.sha256)
        if doc is None:
            doc = _new_document(org, item, created_blobs)
            new_documents.append(doc)
        cert.documents.add(doc)
        record(organization=org, actor=actor, action=Action.UPLOAD, obj=doc,
               note=_upload_note(item, reused=doc not in new_documents),
               vendor_id=vendor.pk, certificate_id=cert.pk)
    refresh_vendor_summary(vendor)

    from coitrack.certificates.tasks import render_previews

    for doc in new_documents:
        render_previews.enqueue(doc.pk)  # runs after commit (see core.task_backend)
    from coitrack.certificates.services.reading import schedule_reading

    schedule_reading(certificate=cert, actor=actor, quiet=True)  # in the background, then review
    from coitrack.outreach.services.answers import certificate_received

    certificate_received(certificate=cert, actor=actor)  # pauses the vendor's open request
    return UploadResult(certificate=cert, duplicates=duplicates)


def _new_document(org, item: CheckedFile, created_blobs: list[str]) -> Document:
    name = blobs.document_name(item.sha256, item.kind.extension)
    if blobs.store(name, item.content):
        created_blobs.append(name)
    return Document.objects.create(
        organization=org, sha256=item.sha256, file=name, original_name=item.name[:255],
        content_type=item.kind.content_type, size=item.size, page_count=item.page_count,
    )


def _upload_note(item: CheckedFile, *, reused: bool) -> str:
    pages = f"{item.page_count} page{'s' if item.page_count != 1 else ''}"
    note = f"{item.name} ({item.kind.label.split(' ', 1)[1]}, {pages}, {item.size:,} bytes)"
    return note + (", already on file: the stored copy was reused" if reused else "")
