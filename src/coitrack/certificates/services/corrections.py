"""A reviewer's save of certificate data, keeping what they corrected of the reader's work.

Every value a reviewer changes away from what the reader wrote becomes a labelled example
(:class:`~coitrack.certificates.models.ReadingCorrection`: the document's hash, the JSON path,
the extracted and the corrected value, the reader's evidence), and the audit trail gets an event
that says it corrects the reader. Examples are exported as JSONL to improve the reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.certificates.models import Certificate, CertificateEvidence, ReadingCorrection
from coitrack.certificates.reading_diff import corrections, evidence_for, leaves
from coitrack.certificates.services.data import CertificateData, save_certificate_data
from coitrack.certificates.services.reading import certificate_leaves


@dataclass(frozen=True)
class ReviewSaved:
    events: int  # audit events written for the data (as save_certificate_data counts them)
    corrections: int  # values corrected away from the reader's, kept as labelled examples
    withdrawn: int  # earlier corrections undone because the value is the reader's again


def save_reviewed_data(*, certificate: Certificate, data: CertificateData, actor) -> ReviewSaved:
    """Save ``data`` like :func:`save_certificate_data` and keep corrections of the reader.

    Only values this save changes are judged: changed to something other than what the reader
    wrote, they are kept (one row per certificate, reading and path, updated when corrected
    again); changed back to the reader's value, the earlier correction is deleted. A certificate
    that was never read saves as usual with no examples. One transaction; raises what
    :func:`save_certificate_data` raises.
    """
    with transaction.atomic():
        cert = Certificate.objects.select_for_update(
            of=("self",)
        ).select_related("organization").get(
            pk=certificate.pk
        )
        evidence = CertificateEvidence.objects.filter(certificate=cert).first()
        written = evidence is not None and evidence.run > 0 and evidence.applied is not None
        before = certificate_leaves(cert) if written else {}
        events = save_certificate_data(certificate=cert, data=data, actor=actor)
        found, reverted = [], []
        if written:
            found, reverted = corrections(
                leaves(evidence.applied, evidence.policy_ids), before, certificate_leaves(cert)
            )
            _keep(cert, evidence, found, reverted, actor)
    certificate.refresh_from_db()
    return ReviewSaved(events=events, corrections=len(found), withdrawn=len(reverted))


def _keep(cert: Certificate, evidence: CertificateEvidence, found, reverted, actor) -> None:
    user = None if actor is None or isinstance(actor, str) else actor
    for item in found:
        ReadingCorrection.objects.update_or_create(
            certificate=cert, run=evidence.run, path=item.path,
            defaults={
                "organization": cert.organization,
                "document_sha256": evidence.document_sha256,
                "extracted": item.extracted,
                "corrected": item.corrected,
                "reader": evidence.reader,
                "evidence": _evidence(evidence, item.path),
                "created_by": user,
            },
        )
    withdrawn = ReadingCorrection.objects.filter(
        certificate=cert, run=evidence.run, path__in=reverted
    ).delete()[0] if reverted else 0
    if not found and not withdrawn:
        return
    document = evidence.document.original_name if evidence.document else "its file"
    note = f"Corrects what the reader ({evidence.reader}) read from {document}"
    note += f": {len(found)} value{'s' if len(found) != 1 else ''} kept as labelled examples."
    if withdrawn:
        note += f" {withdrawn} earlier correction{'s' if withdrawn != 1 else ''} withdrawn."
    record(organization=cert.organization, actor=actor, action=Action.UPDATE, obj=cert,
           changes={f"read {c.path}": [c.extracted, c.corrected] for c in found},
           note=note, vendor_id=cert.vendor_id, certificate_id=cert.pk)


def _evidence(evidence: CertificateEvidence, path: str) -> dict:
    """The reader's evidence for ``path``, with the page size its box is measured in."""
    found = evidence_for(evidence.values, path)
    page = found.get("page")
    if isinstance(page, int) and 1 <= page <= len(evidence.page_sizes):
        found["page_size"] = evidence.page_sizes[page - 1]
    return found
