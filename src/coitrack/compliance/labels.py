"""Words for deficiency codes and statuses in lists and filters (the codes stay the API)."""

from __future__ import annotations

from coitrack.compliance.models import STATUS_CHOICES
from coitrack.rules.deficiencies import CODES

DEFICIENCY_LABELS = {
    "COVERAGE_MISSING": "Coverage missing",
    "POLICY_EXPIRED": "Policy expired",
    "POLICY_NOT_YET_EFFECTIVE": "Policy not yet effective",
    "POLICY_EXPIRING": "Policy expiring soon",
    "WORK_PERIOD_NOT_COVERED": "Work period not covered",
    "LIMIT_BELOW_MINIMUM": "Limit below minimum",
    "ADDITIONAL_INSURED_MISSING": "Additional insured missing",
    "ADDITIONAL_INSURED_NOT_CONFIRMED": "Additional insured not confirmed",
    "WAIVER_OF_SUBROGATION_MISSING": "Waiver of subrogation missing",
    "WAIVER_OF_SUBROGATION_NOT_CONFIRMED": "Waiver of subrogation not confirmed",
    "PRIMARY_NONCONTRIBUTORY_MISSING": "Primary & non-contributory missing",
    "PRIMARY_NONCONTRIBUTORY_NOT_CONFIRMED": "Primary & non-contributory not confirmed",
    "CLAIMS_MADE_NOT_ACCEPTED": "Claims-made not accepted",
    "AGGREGATE_NOT_PER_PROJECT": "Aggregate not per project",
    "RETENTION_ABOVE_MAXIMUM": "Retention above maximum",
    "WC_NOT_STATUTORY": "Workers comp not statutory",
    "INSURER_RATING_BELOW_MINIMUM": "Insurer rating below minimum",
    "INSURER_NOT_RATED": "Insurer not rated",
    "NAMED_INSURED_MISMATCH": "Named insured mismatch",
    "CERTIFICATE_HOLDER_MISMATCH": "Certificate holder mismatch",
    "DATA_INCONSISTENT": "Certificate contradicts itself",
}


def deficiency_label(code: str) -> str:
    """The words for a code; a code added to the engine later reads as its own words."""
    return DEFICIENCY_LABELS.get(code) or code.replace("_", " ").capitalize()


DEFICIENCY_CHOICES = [(code, deficiency_label(code)) for code in CODES]
COMPLIANCE_CHOICES = list(STATUS_CHOICES)


def status_counts(vendors) -> list[tuple[str, str, int]]:
    """``(status, label, count)`` of a vendor queryset, worst status first, zeros included.

    One GROUP BY over ``Vendor.compliance_status`` (indexed with the organization): what the
    dashboard shows and links to the vendor list's ``compliance`` filter.
    """
    from django.db.models import Count

    found = dict(vendors.order_by().values_list("compliance_status").annotate(n=Count("id")))
    return [(status, label, found.get(status, 0)) for status, label in COMPLIANCE_CHOICES]
