"""The portal's answer to an upload: read the certificate at once, then judge it as if accepted.

    upload (portal) -> read_now: in this process when a reading slot is free and no file needs
                       OCR, else left to the queued task (upload_certificate always queues one;
                       the conditional claim lets only one of them read)
                    -> answer_for: "reading" while the reading is pending, then
                       "received" (what was sent meets the requirements, as far as a machine
                       can tell), "missing" (with what is still missing), "unreadable", or
                       "late" (still not read after ANSWER_WAIT: the page stops waiting).

The answer is a preview, never a decision: the certificate still waits for the organization's
review, and the portal says so. :func:`what_if` is the judgement: the vendor's evaluation inputs
(accepted certificates, waivers, applied templates) plus the certificates awaiting review,
through the same engine the stored evaluation uses.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import timezone

from coitrack.certificates.models import Certificate, CertificateEvidence, ReadingState
from coitrack.certificates.schema_io import certificate_to_schema
from coitrack.certificates.services.reading import MAX_DOCUMENTS, read_certificate_file
from coitrack.chasing import wording
from coitrack.compliance.services.clock import local_today
from coitrack.compliance.services.judging import (
    TemplateCache,
    VendorResult,
    judge_vendor,
)
from coitrack.compliance.services.loading import PENDING, load_inputs
from coitrack.outreach.services.portal_words import unique_texts

logger = logging.getLogger(__name__)

# Readings done inside web requests, per process at once. The reader already runs in a child
# process with time and memory limits; this keeps a burst of uploads from tying up every web
# thread (the others go to the queue, which the worker drains).
READ_SLOTS = threading.BoundedSemaphore(1)
ANSWER_WAIT = dt.timedelta(seconds=90)  # after this the page stops waiting for the reading
_DATE_CODES = {"POLICY_EXPIRED", "POLICY_EXPIRING"}


@dataclass(slots=True)
class Answer:
    """``state``: reading | received | missing | unreadable | late. ``items``: what is still
    missing (for ``missing``)."""

    state: str
    certificate: Certificate
    items: list[str] = field(default_factory=list)

    @property
    def waiting(self) -> bool:
        return self.state == "reading"


def read_now(certificate: Certificate) -> bool:
    """Read ``certificate`` in this process if its reading is still queued, a slot is free
    and no file looks like a scan (OCR takes many seconds: the worker does those). Returns
    whether this call read it. Never raises: the queued task remains as the fallback."""
    evidence = CertificateEvidence.objects.filter(certificate=certificate).first()
    if evidence is None or evidence.state != ReadingState.QUEUED:
        return False
    try:
        if _needs_ocr(certificate):
            return False
    except OSError:
        return False
    if not READ_SLOTS.acquire(blocking=False):
        return False
    try:
        return read_certificate_file(certificate_id=certificate.pk) != "nothing"
    except Exception:
        logger.exception("reading portal certificate %s at once failed", certificate.pk)
        return False
    finally:
        READ_SLOTS.release()


def _needs_ocr(certificate: Certificate) -> bool:
    from coitrack.reading.ocr.warm import may_need_ocr

    for document in certificate.documents.order_by("id")[:MAX_DOCUMENTS]:
        with document.file.open("rb") as handle:
            if may_need_ocr(handle.read()):
                return True
    return False


def what_if(vendor, certificates: Sequence[Certificate], *, today: dt.date) -> VendorResult | None:
    """``vendor``'s evaluation if ``certificates`` (read, not yet reviewed) were accepted:
    its accepted certificates, waivers and templates as stored, plus these. ``None`` for a
    merged-away vendor. Reads only; nothing is stored."""
    from coitrack.requirements.services import carrier_table

    organization = vendor.organization
    inputs = load_inputs(organization, [vendor.pk], as_of=today).get(vendor.pk)
    if inputs is None:
        return None
    inputs.certificates.extend(certificate_to_schema(c) for c in certificates)
    return judge_vendor(inputs, as_of=today, carriers=carrier_table(organization),
                        cache=TemplateCache())


def missing_after(result: VendorResult, *, today: dt.date, window_days: int) -> list[str]:
    """What the vendor would still owe after ``result``: each open deficiency's sentence, and
    a renewal line for a judged policy that ends within ``window_days`` (the organization
    would ask for its renewal straight away). Empty: nothing missing."""
    # Expiry is said once per policy by its renewal line (as on the page, ``owed``).
    lines = [d.get("message") or d["code"] for d in result.deficiencies
             if not d.get("waived") and d["code"] not in _DATE_CODES]
    limit = today + dt.timedelta(days=window_days)
    for evaluation in result.evaluations:
        for report in evaluation["coverages"]:
            policy = report.get("policy")
            if not policy or not policy.get("expiration_date"):
                continue
            ends = dt.date.fromisoformat(policy["expiration_date"])
            if ends <= limit:
                lines.append(wording.renewal_line(policy["coverage"],
                                                  policy.get("policy_number") or "", ends, today))
    return unique_texts(lines)


def pending_certificates(vendor) -> list[Certificate]:
    """The vendor's certificates awaiting review whose reading wrote data (oldest first)."""
    return list(Certificate.objects.filter(vendor=vendor, status__in=PENDING,
                                           evidence__state=ReadingState.DONE)
                .order_by("received_date", "id"))


def answer_for(certificate: Certificate, *, window_days: int, now=None) -> Answer:
    """The portal's answer about ``certificate`` (a portal upload of the link's vendor)."""
    now = now or timezone.now()
    evidence = CertificateEvidence.objects.filter(certificate=certificate).first()
    if evidence is not None and evidence.pending:
        late = now - certificate.created_at > ANSWER_WAIT
        return Answer("late" if late else "reading", certificate)
    if evidence is None or evidence.state != ReadingState.DONE:
        return Answer("unreadable", certificate)
    vendor = certificate.vendor
    today = local_today(vendor.organization, now=now)
    result = what_if(vendor, pending_certificates(vendor), today=today)
    if result is None:
        return Answer("unreadable", certificate)
    items = missing_after(result, today=today, window_days=window_days)
    return Answer("missing" if items else "received", certificate, items)
