"""Gathering what the misinformation checks compare a certificate with.

Everything :func:`coitrack.rules.misinformation.find_flags` needs, read from the database and
file storage: the certificate as schema, the vendor's names, its earlier certificates, the
carrier table, the templates that apply to the vendor, and the bytes of the certificate's PDF.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from coitrack.certificates.models import Certificate, CertificateStatus
from coitrack.certificates.schema_io import certificate_to_schema
from coitrack.requirements.services import carrier_table, templates_for_vendor
from coitrack.rules.pdf_edits import MAX_BYTES

logger = logging.getLogger(__name__)

# Earlier certificates compared with: the newest ones are what "previous" means, and a vendor
# with decades of history should not make each check slower.
MAX_PREVIOUS = 10
PDF = "application/pdf"


@dataclass
class CheckInputs:
    schema: dict[str, Any]
    previous_ids: list[int]  # the earlier certificates, newest first, as in ``kwargs``
    kwargs: dict[str, Any] = field(default_factory=dict)  # find_flags' keyword arguments

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.schema)


def gather(certificate: Certificate) -> CheckInputs:
    """The inputs of the checks for ``certificate`` (its vendor and organization loaded)."""
    vendor = certificate.vendor
    schema = certificate_to_schema(certificate)
    earlier = list(
        Certificate.objects.filter(
            organization_id=certificate.organization_id, vendor_id=vendor.pk,
            pk__lt=certificate.pk,  # arrived before this one
        ).exclude(status=CertificateStatus.REJECTED)
        .prefetch_related("insurers").order_by("-received_date", "-id")[:MAX_PREVIOUS]
    )
    return CheckInputs(
        schema=schema,
        previous_ids=[c.pk for c in earlier],
        kwargs={
            "certificate": schema,
            "vendor_legal_name": vendor.legal_name,
            "vendor_dba": vendor.dba or None,
            "previous": [certificate_to_schema(c) for c in earlier],
            "carriers": carrier_table(certificate.organization),
            "requirements": [t.data for t in templates_for_vendor(vendor)],
            "pdf_bytes": first_pdf_bytes(certificate),
        },
    )


def first_pdf_bytes(certificate: Certificate) -> bytes | None:
    """The bytes of the certificate's first PDF document, or None (none, too big, unreadable)."""
    document = certificate.documents.filter(content_type=PDF).order_by("id").first()
    if document is None or document.size > MAX_BYTES:
        return None
    try:
        with document.file.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except (OSError, ValueError) as error:
        logger.warning("Certificate %s: cannot read document %s for checks: %s",
                       certificate.pk, document.pk, error)
        return None
    return data if len(data) <= MAX_BYTES else None


# What the checks read of a certificate's own data. A correction of anything else (the producer's
# phone, the holder, the description, a check box) is not material to them.
_MATERIAL_POLICY_KEYS = ("coverage", "description", "insurer_letter", "policy_number",
                         "effective_date", "expiration_date", "limits")


def fingerprint(schema: dict[str, Any]) -> str:
    """A digest of the parts of a certificate's data the misinformation checks read."""
    material = {
        "certificate_date": schema.get("certificate_date"),
        "insured": (schema.get("insured") or {}).get("name"),
        "insurers": schema.get("insurers") or [],
        "policies": [{key: p.get(key) for key in _MATERIAL_POLICY_KEYS}
                     for p in schema.get("policies") or []],
    }
    text = json.dumps(material, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
