"""Reading a certificate's file automatically, in the background, and reading it again.

    upload / "Read again" -> schedule_reading (queued; the task runs after commit)
      -> read_certificate task -> read_certificate_file:
         claim (conditional UPDATE: one worker only; certificate "processing")
         -> coitrack.reading.read_document, in an isolated child process
         -> one transaction: apply_schema as "system" + evidence -> "needs review"

A reviewer must always confirm what was read, so a successful reading ends in ``needs_review``,
as does a file that cannot be read (with the reader's message as the reason). Running the task
twice does nothing the second time. Data a person typed in is never overwritten: the reading is
then not applied, and the certificate's history says why.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.certificates.models import (
    Certificate,
    CertificateEvidence,
    CertificateStatus,
    ReadingState,
)
from coitrack.certificates.reading_diff import edited_paths, leaves
from coitrack.certificates.schema_io import SchemaError, apply_schema, certificate_to_schema
from coitrack.certificates.services.reading_files import (  # noqa: F401 - MAX_DOCUMENTS: API
    MAX_DOCUMENTS,
    _Read,
    _read_files,
    _Unreadable,
    _with_endorsements,
)
from coitrack.certificates.services.status import SYSTEM, _change_status

logger = logging.getLogger(__name__)

STALE_AFTER = dt.timedelta(minutes=10)  # a claim this old belonged to a worker that died
READABLE = (CertificateStatus.RECEIVED, CertificateStatus.PROCESSING,
            CertificateStatus.NEEDS_REVIEW)


class ReadingRefused(Exception):
    """The certificate cannot be (re)read now; the message says why, for a person."""


def certificate_leaves(cert: Certificate):
    """The certificate's current data as :func:`reading_diff.leaves`."""
    ids = list(cert.policies.order_by("position", "id").values_list("pk", flat=True))
    return leaves(certificate_to_schema(cert), ids)


def human_edited_paths(cert: Certificate, evidence: CertificateEvidence | None) -> list[str]:
    """Paths whose value is not what the last reading wrote (all data, if none was written)."""
    written = {}
    if evidence is not None and evidence.applied is not None:
        written = leaves(evidence.applied, evidence.policy_ids)
    return edited_paths(certificate_leaves(cert), written)


def schedule_reading(*, certificate: Certificate, actor, replace_human_edits: bool = False,
                     quiet: bool = False) -> CertificateEvidence:
    """Queue the reading of ``certificate``'s files; the task runs once the transaction commits.

    The upload service calls this for every new certificate; "Read again" calls it too, with
    ``replace_human_edits=True`` once the reviewer confirmed that typed-in data may be replaced.
    The request is recorded in the certificate's history unless ``quiet`` (the upload's own
    events already say what happened). Raises :class:`ReadingRefused` when the certificate was
    accepted, rejected or superseded, has no files, is already being read, or has data entered
    by hand (without the flag).
    """
    with transaction.atomic():
        cert = Certificate.objects.select_for_update(
            of=("self",)
        ).select_related("organization").get(
            pk=certificate.pk
        )
        if cert.status not in READABLE:
            raise ReadingRefused(
                f"This certificate is {cert.get_status_display().lower()}; mark it as needing "
                "review before reading it again."
            )
        if not cert.documents.exists():
            raise ReadingRefused("This certificate has no file to read.")
        evidence, created = CertificateEvidence.objects.select_for_update().get_or_create(
            certificate=cert, defaults={"organization": cert.organization}
        )
        if not created and evidence.pending and not is_stale(evidence):
            raise ReadingRefused("The certificate is already being read.")
        edited = [] if replace_human_edits else human_edited_paths(cert, evidence)
        if edited:
            raise ReadingRefused(
                "Data was entered by hand on this certificate; confirm that reading the file "
                "again may replace it."
            )
        evidence.state = ReadingState.QUEUED
        evidence.replace_human_edits = replace_human_edits
        evidence.claimed_at = None
        evidence.save()
        if not quiet:
            record(organization=cert.organization, actor=actor, action=Action.UPDATE, obj=cert,
                   note="Asked to read the certificate's file again"
                   + (", replacing the data entered by hand." if replace_human_edits else "."),
                   vendor_id=cert.vendor_id, certificate_id=cert.pk)
        from coitrack.certificates.tasks import read_certificate

        read_certificate.enqueue(cert.pk)  # after commit (see core.task_backend)
    return evidence


def is_stale(evidence: CertificateEvidence) -> bool:
    """A reading claimed so long ago that its worker must have died; it may be queued again."""
    return (evidence.state == ReadingState.READING and evidence.claimed_at is not None
            and evidence.claimed_at < timezone.now() - STALE_AFTER)


def read_certificate_file(*, certificate_id: int) -> str:
    """Read a queued certificate and write what was read; return what happened, in one word.

    ``"nothing"`` when no reading is queued for it (already done, or claimed by another worker),
    ``"skipped"`` when the result must not be applied (decided, or edited by hand),
    ``"failed"`` when no file could be read, ``"read"`` when the data and evidence were written.
    """
    evidence, outcome = _claim(certificate_id)
    if evidence is None:
        return outcome
    cert = evidence.certificate
    try:
        read = _read_files(cert)
    except _Unreadable as error:
        _fail(evidence, str(error))
        return "failed"
    return _apply(evidence, read)


def _locked(pk: int) -> Certificate:
    return Certificate.objects.select_for_update(
        of=("self",)
    ).select_related("organization", "vendor").get(
        pk=pk
    )


def _claim(certificate_id: int) -> tuple[CertificateEvidence | None, str]:
    """Take the queued reading (only one worker can) and mark the certificate processing.

    Returns the claimed evidence row, or None and the outcome (``nothing`` or ``skipped``).
    """
    now = timezone.now()
    with transaction.atomic():
        claimed = CertificateEvidence.objects.filter(certificate_id=certificate_id).filter(
            Q(state=ReadingState.QUEUED)
            | Q(state=ReadingState.READING, claimed_at__lt=now - STALE_AFTER)
        ).update(state=ReadingState.READING, claimed_at=now)
        if not claimed:
            return None, "nothing"
        cert = _locked(certificate_id)
        evidence = CertificateEvidence.objects.get(certificate=cert)
        evidence.certificate = cert
        reason = _why_not_apply(cert, evidence)
        if reason:
            _skip(cert, evidence, reason)
            return None, "skipped"
        if cert.status != CertificateStatus.PROCESSING:
            _change_status(cert, CertificateStatus.PROCESSING, "", SYSTEM,
                           note="Reading the certificate's file automatically.")
    return evidence, ""


def _why_not_apply(cert: Certificate, evidence: CertificateEvidence) -> str:
    if cert.status not in READABLE:
        return (f"The certificate was already {cert.get_status_display().lower()}; what was read "
                "was not applied.")
    if evidence.replace_human_edits:
        return ""
    edited = human_edited_paths(cert, evidence)
    if edited:
        shown = ", ".join(edited[:5]) + (" …" if len(edited) > 5 else "")
        return ("Data was entered by hand, so what was read was not applied and nothing was "
                f"overwritten ({shown}). Use “Read again” to replace it.")
    return ""


def _apply(evidence: CertificateEvidence, read: _Read) -> str:
    """Write what was read, all or nothing, unless a person acted while it was being read."""
    try:
        with transaction.atomic():
            cert = _locked(evidence.certificate_id)
            current = CertificateEvidence.objects.select_for_update().get(pk=evidence.pk)
            if current.state != ReadingState.READING or current.claimed_at != evidence.claimed_at:
                return "nothing"  # queued again meanwhile: the newer reading will write
            reason = _why_not_apply(cert, current)
            if reason:
                _skip(cert, current, reason)
                return "skipped"
            apply_schema(certificate=cert, data=_with_endorsements(read), actor=SYSTEM)
            _store_evidence(cert, current, read)
            if cert.status == CertificateStatus.PROCESSING:
                summary = _summary(current)
                _change_status(cert, CertificateStatus.NEEDS_REVIEW, summary, SYSTEM)
                _tell_if_unclear(cert, current)
    except (SchemaError, ValidationError, ValueError) as error:
        # The reader produced data the certificate cannot hold: a reader bug, rolled back whole.
        logger.warning("reading of certificate %s could not be saved: %s",
                       evidence.certificate_id, error)
        _fail(evidence, f"{read.document.original_name}: what the reader found could not be "
                        f"saved ({_message(error)}).")
        return "failed"
    return "read"


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error)


def _store_evidence(cert: Certificate, evidence: CertificateEvidence, read: _Read) -> None:
    evidence.state = ReadingState.DONE
    evidence.run += 1
    evidence.read_at = timezone.now()
    evidence.document = read.document
    evidence.document_sha256 = read.document.sha256
    evidence.reader = read.result.reader
    evidence.values = read.result.evidence
    evidence.extracted = read.result.data
    evidence.applied = _in_reader_order(certificate_to_schema(cert), read.result.data)
    evidence.policy_ids = list(
        cert.policies.order_by("position", "id").values_list("pk", flat=True)
    )
    evidence.page_sizes = [list(size) for size in read.page_sizes]
    evidence.warnings = read.warnings
    evidence.error = evidence.note = ""
    evidence.replace_human_edits = False
    evidence.save()


def _in_reader_order(applied: dict, extracted: dict) -> dict:
    """Insurers as the reader listed them, so ``insurers[i]`` means the same in both."""
    order = [i.get("letter") for i in extracted.get("insurers") or []]
    applied["insurers"].sort(
        key=lambda i: order.index(i["letter"]) if i["letter"] in order else len(order)
    )
    return applied


def flagged_paths(evidence: CertificateEvidence) -> list[str]:
    """Paths the reader was not sure of (left empty for the reviewer)."""
    return [path for path, item in evidence.values.items() if evidence_flags(item)]


def evidence_flags(item: dict) -> set[str]:
    """A reader's evidence flags: ``flag`` (one) or ``flags`` (several)."""
    flags = set(item.get("flags") or [])
    if item.get("flag"):
        flags.add(item["flag"])
    return flags


def _summary(evidence: CertificateEvidence) -> str:
    document = evidence.document.original_name if evidence.document else "the file"
    flagged = len(flagged_paths(evidence))
    text = f"Read automatically from {document}; check the data against the document."
    if flagged:
        text += f" {flagged} value{'s were' if flagged != 1 else ' was'} unclear and left empty."
    return text


def _tell_if_unclear(cert: Certificate, evidence: CertificateEvidence) -> None:
    """Publish "certificate needs review" when the reader was unsure of some values (it left
    them empty): a person must fill them in. A clean reading tells nobody; it waits in the
    review queue like any other. In the reading's transaction."""
    unclear = flagged_paths(evidence)
    if not unclear:
        return
    from django.urls import reverse

    from coitrack.notifications import events
    from coitrack.notifications.services import publish

    document = evidence.document.original_name if evidence.document else "the file"
    shown = ", ".join(unclear[:5]) + (" …" if len(unclear) > 5 else "")
    count = len(unclear)
    publish(events.CERTIFICATE_NEEDS_REVIEW, cert.organization, vendor=cert.vendor,
            title=f"Certificate #{cert.pk} of {cert.vendor.legal_name} needs review",
            body=(f"The reader was unsure of {count} value{'s' if count != 1 else ''} in "
                  f"{document} and left {'them' if count != 1 else 'it'} empty ({shown}). "
                  "Check the data against the document."),
            url=reverse("certificates:detail", args=[cert.pk]))


def _skip(cert: Certificate, evidence: CertificateEvidence, reason: str) -> None:
    evidence.state = ReadingState.SKIPPED
    evidence.note = reason
    evidence.replace_human_edits = False
    evidence.save(update_fields=["state", "note", "replace_human_edits"])
    record(organization=cert.organization, actor=SYSTEM, action=Action.UPDATE, obj=cert,
           note=reason, vendor_id=cert.vendor_id, certificate_id=cert.pk)
    if cert.status == CertificateStatus.PROCESSING:
        _change_status(cert, CertificateStatus.NEEDS_REVIEW, reason, SYSTEM)


def _fail(evidence: CertificateEvidence, message: str) -> None:
    """Record why no file could be read; the certificate needs a person to enter its data."""
    reason = f"The file could not be read automatically: {message} Enter the data by hand."
    with transaction.atomic():
        cert = _locked(evidence.certificate_id)
        current = CertificateEvidence.objects.select_for_update().get(pk=evidence.pk)
        if current.state != ReadingState.READING or current.claimed_at != evidence.claimed_at:
            return
        current.state = ReadingState.FAILED
        current.error = message
        current.replace_human_edits = False
        current.save(update_fields=["state", "error", "replace_human_edits"])
        if cert.status in (CertificateStatus.PROCESSING, CertificateStatus.RECEIVED):
            _change_status(cert, CertificateStatus.NEEDS_REVIEW, reason, SYSTEM)
        else:
            record(organization=cert.organization, actor=SYSTEM, action=Action.UPDATE, obj=cert,
                   note=reason, vendor_id=cert.vendor_id, certificate_id=cert.pk)
