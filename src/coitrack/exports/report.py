"""The per-vendor compliance report: what the printable page and the PDF both show.

Vendor details and contacts, the compliance checklist of every applied template (each
requirement with the engine's explanation per line: which limit, what was required and found,
which evidence), the open deficiencies in words, the waivers, and the certificates on file.
Built once here so the HTML print view and the PDF cannot say different things.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import DatabaseError

from coitrack.certificates.models import Certificate
from coitrack.compliance.checklist import TemplateChecklist, build_checklist
from coitrack.compliance.labels import deficiency_label
from coitrack.compliance.models import VendorEvaluation, Waiver
from coitrack.compliance.services import evaluate_vendor, local_today
from coitrack.compliance.services.waivers import waiver_end_label, waiver_state
from coitrack.vendors.forms import user_label
from coitrack.vendors.models import Vendor

logger = logging.getLogger(__name__)
CERTIFICATES_SHOWN = 50
WAIVERS_SHOWN = 50


@dataclass
class CertificateLine:
    pk: int
    received: dt.date
    status: str
    policies: list[str]  # "General liability GL-1, 2026-01-01 to 2027-01-01"


@dataclass
class DeficiencyLine:
    label: str
    message: str
    template: str


@dataclass
class WaiverLine:
    code: str
    scope: str  # "general_liability / each_occurrence"
    reason: str
    state: str
    end: str


@dataclass
class VendorReport:
    vendor: Vendor
    organization_name: str
    today: dt.date
    details: list[tuple[str, str]]
    contacts: list[str]
    evaluation: VendorEvaluation | None
    templates: list[TemplateChecklist] = field(default_factory=list)
    deficiencies: list[DeficiencyLine] = field(default_factory=list)
    waivers: list[WaiverLine] = field(default_factory=list)
    certificates: list[CertificateLine] = field(default_factory=list)
    pending: int = 0

    @property
    def status_label(self) -> str:
        return self.evaluation.status_label if self.evaluation else "Not evaluated"


def _current_evaluation(vendor: Vendor, today: dt.date) -> VendorEvaluation | None:
    """Today's evaluation (evaluated now if the stored one is older, like the vendor page)."""
    evaluation = VendorEvaluation.objects.filter(vendor=vendor).first()
    if evaluation is None or evaluation.as_of != today:
        try:
            evaluation = evaluate_vendor(vendor, as_of=today)
        except DatabaseError:  # busy database: the stored one, which says its day
            logger.exception("could not evaluate vendor %s for its report", vendor.pk)
        except VendorEvaluation.DoesNotExist:  # merged away
            pass
    return evaluation


def build_report(vendor: Vendor) -> VendorReport:
    """Everything the report shows about ``vendor`` (of its own organization only)."""
    organization = vendor.organization
    today = local_today(organization)
    address = ", ".join(p for p in (vendor.address_line1, vendor.address_line2, vendor.city,
                                    vendor.state, vendor.postal_code) if p)
    details = [("Legal name", vendor.legal_name), ("DBA", vendor.dba),
               ("Type", vendor.vendor_type.name if vendor.vendor_type else ""),
               ("Status", vendor.get_status_display()), ("Address", address),
               ("Tax ID", vendor.tax_id),
               ("Owner", user_label(vendor.owner) if vendor.owner else "")]
    contacts = [", ".join(p for p in (c.name, c.get_role_display(), c.email, c.phone) if p)
                for c in vendor.contacts.all()]
    evaluation = _current_evaluation(vendor, today)
    report = VendorReport(vendor=vendor, organization_name=organization.name, today=today,
                          details=[(k, v) for k, v in details if v], contacts=contacts,
                          evaluation=evaluation)
    if evaluation is not None:
        report.templates = build_checklist(evaluation)
        report.deficiencies = [
            DeficiencyLine(deficiency_label(d["code"]), d.get("message", ""),
                           d.get("template", ""))
            for d in evaluation.deficiencies if not d.get("waived")]
        report.pending = evaluation.pending_certificates
    for waiver in Waiver.objects.filter(organization=organization,
                                        vendor=vendor)[:WAIVERS_SHOWN]:
        report.waivers.append(WaiverLine(
            deficiency_label(waiver.code), " / ".join(p for p in (waiver.coverage, waiver.limit)
                                                      if p),
            waiver.reason, waiver_state(waiver, today=today), waiver_end_label(waiver)))
    certificates = (Certificate.objects.filter(organization=organization, vendor=vendor)
                    .prefetch_related("policies")[:CERTIFICATES_SHOWN])
    for certificate in certificates:
        report.certificates.append(CertificateLine(
            certificate.pk, certificate.received_date, certificate.get_status_display(),
            [_policy_text(p) for p in certificate.policies.all()]))
    return report


def _policy_text(policy) -> str:
    dates = " to ".join(d.isoformat() for d in (policy.effective_date, policy.expiration_date)
                        if d)
    parts = [policy.coverage_label, policy.policy_number, dates]
    return " · ".join(p for p in parts if p)
