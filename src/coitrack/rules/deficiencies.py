"""Deficiency codes, their severities, and the deficiency record the evaluation returns.

The codes and severities are the table of requirements-format.md, in its order; ``CODE_ORDER`` is
used to order deficiencies deterministically (see ``evaluate``).

What a deficiency names (from the guide): ``coverage`` is the requirement's coverage
(``umbrella_liability`` even when an excess policy is judged, ``other`` for write-ins), the policy's
coverage for DATA_INCONSISTENT, ``null`` for NAMED_INSURED_MISMATCH / CERTIFICATE_HOLDER_MISMATCH;
``limit`` is the limit key for LIMIT_BELOW_MINIMUM and ``null`` otherwise.

``required``/``actual`` (decision; the guide shows them only for limits, in dollars):
- LIMIT_BELOW_MINIMUM: dollars; ``actual`` is the limit after umbrella top-up, ``null`` when the
  certificate does not show the limit.
- RETENTION_ABOVE_MAXIMUM: dollars (maximum, retention shown).
- ADDITIONAL_INSURED_MISSING, WAIVER_OF_SUBROGATION_MISSING, WC_NOT_STATUTORY,
  PRIMARY_NONCONTRIBUTORY_MISSING: ``true`` and the box as read (``false``/``null``).
- ADDITIONAL_INSURED_NOT_CONFIRMED, WAIVER_OF_SUBROGATION_NOT_CONFIRMED,
  PRIMARY_NONCONTRIBUTORY_NOT_CONFIRMED (added codes, each right after its *_MISSING code):
  ``"confirmed"`` and ``"indicated"``.
- CLAIMS_MADE_NOT_ACCEPTED: ``"occurrence"`` and ``"claims_made"``.
- AGGREGATE_NOT_PER_PROJECT: ``"project"`` and the box as read (``"policy"``, ... or ``null``).
- POLICY_EXPIRED / POLICY_EXPIRING: ``actual`` is the expiration date; POLICY_NOT_YET_EFFECTIVE:
  ``actual`` is the effective date; WORK_PERIOD_NOT_COVERED: ``required`` is the work period's end.
- INSURER_RATING_BELOW_MINIMUM: ``"A- VII"``-style strings; INSURER_NOT_RATED: the required
  minimum (or ``null``) and ``null``.
- NAMED_INSURED_MISMATCH / CERTIFICATE_HOLDER_MISMATCH: the expected and the printed text.
- COVERAGE_MISSING, DATA_INCONSISTENT: ``null``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FAIL = "fail"
WARN = "warn"

COVERAGE_MISSING = "COVERAGE_MISSING"
POLICY_EXPIRED = "POLICY_EXPIRED"
POLICY_NOT_YET_EFFECTIVE = "POLICY_NOT_YET_EFFECTIVE"
POLICY_EXPIRING = "POLICY_EXPIRING"
WORK_PERIOD_NOT_COVERED = "WORK_PERIOD_NOT_COVERED"
LIMIT_BELOW_MINIMUM = "LIMIT_BELOW_MINIMUM"
ADDITIONAL_INSURED_MISSING = "ADDITIONAL_INSURED_MISSING"
WAIVER_OF_SUBROGATION_MISSING = "WAIVER_OF_SUBROGATION_MISSING"
PRIMARY_NONCONTRIBUTORY_MISSING = "PRIMARY_NONCONTRIBUTORY_MISSING"
ADDITIONAL_INSURED_NOT_CONFIRMED = "ADDITIONAL_INSURED_NOT_CONFIRMED"
WAIVER_OF_SUBROGATION_NOT_CONFIRMED = "WAIVER_OF_SUBROGATION_NOT_CONFIRMED"
PRIMARY_NONCONTRIBUTORY_NOT_CONFIRMED = "PRIMARY_NONCONTRIBUTORY_NOT_CONFIRMED"
CLAIMS_MADE_NOT_ACCEPTED = "CLAIMS_MADE_NOT_ACCEPTED"
AGGREGATE_NOT_PER_PROJECT = "AGGREGATE_NOT_PER_PROJECT"
RETENTION_ABOVE_MAXIMUM = "RETENTION_ABOVE_MAXIMUM"
WC_NOT_STATUTORY = "WC_NOT_STATUTORY"
INSURER_RATING_BELOW_MINIMUM = "INSURER_RATING_BELOW_MINIMUM"
INSURER_NOT_RATED = "INSURER_NOT_RATED"
NAMED_INSURED_MISMATCH = "NAMED_INSURED_MISMATCH"
CERTIFICATE_HOLDER_MISMATCH = "CERTIFICATE_HOLDER_MISMATCH"
DATA_INCONSISTENT = "DATA_INCONSISTENT"

SEVERITY: dict[str, str] = {
    COVERAGE_MISSING: FAIL,
    POLICY_EXPIRED: FAIL,
    POLICY_NOT_YET_EFFECTIVE: FAIL,
    POLICY_EXPIRING: WARN,
    WORK_PERIOD_NOT_COVERED: WARN,
    LIMIT_BELOW_MINIMUM: FAIL,
    ADDITIONAL_INSURED_MISSING: FAIL,
    ADDITIONAL_INSURED_NOT_CONFIRMED: FAIL,
    WAIVER_OF_SUBROGATION_MISSING: FAIL,
    WAIVER_OF_SUBROGATION_NOT_CONFIRMED: FAIL,
    PRIMARY_NONCONTRIBUTORY_MISSING: FAIL,
    PRIMARY_NONCONTRIBUTORY_NOT_CONFIRMED: FAIL,
    CLAIMS_MADE_NOT_ACCEPTED: FAIL,
    AGGREGATE_NOT_PER_PROJECT: FAIL,
    RETENTION_ABOVE_MAXIMUM: FAIL,
    WC_NOT_STATUTORY: FAIL,
    INSURER_RATING_BELOW_MINIMUM: FAIL,
    INSURER_NOT_RATED: FAIL,
    NAMED_INSURED_MISMATCH: FAIL,
    CERTIFICATE_HOLDER_MISMATCH: FAIL,
    DATA_INCONSISTENT: FAIL,
}
CODES = tuple(SEVERITY)
CODE_ORDER = {code: i for i, code in enumerate(CODES)}


@dataclass(slots=True)
class Deficiency:
    code: str
    coverage: str | None
    message: str
    limit: str | None = None
    required: Any = None
    actual: Any = None
    waived: bool = False

    @property
    def severity(self) -> str:
        return SEVERITY[self.code]

    @property
    def counts_as_fail(self) -> bool:
        return not self.waived and SEVERITY[self.code] == FAIL

    def identity(self) -> tuple:
        """What makes two deficiencies the same (used to drop exact duplicates)."""
        return (self.code, self.coverage, self.limit, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape, keys in the documented order."""
        return {
            "code": self.code,
            "severity": SEVERITY[self.code],
            "coverage": self.coverage,
            "limit": self.limit,
            "required": self.required,
            "actual": self.actual,
            "waived": self.waived,
            "message": self.message,
        }
