"""DATA_INCONSISTENT: a certificate that contradicts itself.

requirements-format.md lists three contradictions: an expiration on or before the effective date,
each-occurrence above the aggregate, and a policy pointing at an insurer letter that is not listed.

Decisions:
- Every policy of every certificate given is checked, whether or not a requirement asks for its
  coverage: the certificate as a whole is unreliable. One deficiency per contradiction, with the
  policy's coverage (``null`` when the row names none).
- "The aggregate" is the general aggregate for general liability and ``aggregate`` for umbrella,
  excess and write-in rows; a write-in row's ``each_claim`` is its each-occurrence figure.
  Contradictions need both numbers (or both dates) shown.
- A letter is listed when the certificate has an insurer with that letter and a name or NAIC code.
"""

from __future__ import annotations

from coitrack.rules.certificates import Certificate, Policy
from coitrack.rules.deficiencies import DATA_INCONSISTENT, Deficiency
from coitrack.rules.labels import coverage_label, limit_phrase
from coitrack.rules.money import format_money

_PER_OCCURRENCE_KEYS = ("each_occurrence", "each_claim")


def _aggregate_key(coverage: str) -> str:
    return "general_aggregate" if coverage == "general_liability" else "aggregate"


def policy_contradictions(policy: Policy) -> list[Deficiency]:
    coverage = policy.coverage or None
    label = coverage_label(policy.coverage or "other", policy.description)
    ref = policy.reference()
    found = []
    effective, expiration = policy.effective_date, policy.expiration_date
    if effective and expiration and expiration <= effective:
        found.append(Deficiency(
            DATA_INCONSISTENT, coverage,
            f"{label} {ref} expires on {expiration.isoformat()}, on or before its effective date "
            f"{effective.isoformat()}.",
        ))
    aggregate_key = _aggregate_key(policy.coverage)
    aggregate = policy.limits.get(aggregate_key)
    for key in _PER_OCCURRENCE_KEYS:
        each = policy.limits.get(key)
        if each is not None and aggregate is not None and each > aggregate:
            each_words = limit_phrase(policy.coverage, key)
            aggregate_words = limit_phrase(policy.coverage, aggregate_key)
            found.append(Deficiency(
                DATA_INCONSISTENT, coverage,
                f"{label} {ref}: {each_words} {format_money(each)} is above its "
                f"{aggregate_words} {format_money(aggregate)}.",
            ))
    letter = policy.insurer_letter
    if letter and letter not in policy.certificate.insurers:
        found.append(Deficiency(
            DATA_INCONSISTENT, coverage,
            f"{label} {ref} points at insurer {letter}, which the certificate does not list.",
        ))
    return found


def contradictions(certificates: list[Certificate]) -> list[Deficiency]:
    """All contradictions, in certificate order then policy order."""
    return [d for c in certificates for p in c.policies for d in policy_contradictions(p)]
