"""The flags' codes and titles, and one certificate read the way every check needs it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from coitrack.rules.certificates import CertificateError, Insurer, Policy, parse_certificate
from coitrack.rules.labels import coverage_label

NAMED_INSURED_DIFFERS = "NAMED_INSURED_DIFFERS"
POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS = "POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS"
LIMIT_REDUCED_AT_RENEWAL = "LIMIT_REDUCED_AT_RENEWAL"
INSURER_CHANGED_MID_TERM = "INSURER_CHANGED_MID_TERM"
NAIC_NAME_MISMATCH = "NAIC_NAME_MISMATCH"
CERTIFICATE_DATE_OLDER = "CERTIFICATE_DATE_OLDER"
SELF_CONTRADICTING = "SELF_CONTRADICTING"
LIMITS_EXACTLY_AT_MINIMUM = "LIMITS_EXACTLY_AT_MINIMUM"
PDF_EDITED_AFTER_PRODUCTION = "PDF_EDITED_AFTER_PRODUCTION"

# In the order flags are returned and listed.
CODES = (
    NAMED_INSURED_DIFFERS,
    POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS,
    LIMIT_REDUCED_AT_RENEWAL,
    INSURER_CHANGED_MID_TERM,
    NAIC_NAME_MISMATCH,
    CERTIFICATE_DATE_OLDER,
    SELF_CONTRADICTING,
    LIMITS_EXACTLY_AT_MINIMUM,
    PDF_EDITED_AFTER_PRODUCTION,
)
# Short names for lists and badges.
TITLES = {
    NAMED_INSURED_DIFFERS: "Named insured differs",
    POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS: "Policy number reused with other terms",
    LIMIT_REDUCED_AT_RENEWAL: "Limit reduced at renewal",
    INSURER_CHANGED_MID_TERM: "Insurer changed mid-term",
    NAIC_NAME_MISMATCH: "NAIC code does not match the insurer",
    CERTIFICATE_DATE_OLDER: "Older certificate date",
    SELF_CONTRADICTING: "Contradicts itself",
    LIMITS_EXACTLY_AT_MINIMUM: "Every limit exactly at the minimum",
    PDF_EDITED_AFTER_PRODUCTION: "PDF edited after it was produced",
}
MIN_LINES_AT_MINIMUM = 2


@dataclass(frozen=True, slots=True)
class Flag:
    code: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class _Cert:
    """One certificate as the checks need it; ``index`` is -1 for the new one."""

    index: int
    date: dt.date | None
    insured: str
    insurers: dict[str, Insurer]
    policies: list[Policy]


# Reading ------------------------------------------------------------------------------------


def _read(data: Any, index: int) -> _Cert:
    position = index + 1  # CertificateError counts from 1 in its message; the new one is 0
    cert, policies = parse_certificate(data, index=position)
    raw_date = data.get("certificate_date")
    if raw_date is None or isinstance(raw_date, dt.date):
        date = raw_date.date() if isinstance(raw_date, dt.datetime) else raw_date
    elif isinstance(raw_date, str):
        try:
            date = dt.date.fromisoformat(raw_date.strip()) if raw_date.strip() else None
        except ValueError:
            raise CertificateError(
                position, f"certificate_date: expected a date YYYY-MM-DD, got {raw_date!r}"
            ) from None
    else:
        raise CertificateError(
            position, f"certificate_date: expected a date YYYY-MM-DD, got {raw_date!r}"
        )
    return _Cert(index, date, cert.insured_name, cert.insurers, policies)


def _line(policy: Policy) -> tuple[str, str]:
    """What "the same coverage" means: the coverage, and for write-in rows their text."""
    description = " ".join((policy.description or "").split()).casefold()
    return (policy.coverage, description if policy.coverage == "other" else "")


def _label(policy: Policy) -> str:
    return coverage_label(policy.coverage or "other", policy.description)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _period(policy: Policy) -> str:
    return f"{_iso(policy.effective_date) or '?'} to {_iso(policy.expiration_date) or '?'}"


def _dated(cert: _Cert) -> str:
    return f"the earlier certificate dated {cert.date.isoformat()}" if cert.date else (
        "an earlier certificate"
    )


# Named insured ------------------------------------------------------------------------------
