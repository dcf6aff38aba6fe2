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

from coitrack.rules.certificates import Policy
from coitrack.rules.deficiencies import DATA_INCONSISTENT, Deficiency
from coitrack.rules.labels import coverage_label, limit_phrase
from coitrack.rules.money import format_money

_PER_OCCURRENCE_KEYS = ("each_occurrence", "each_claim")


def _aggregate_key(coverage: str) -> str:
    return "general_aggregate" if coverage == "general_liability" else "aggregate"


def policy_contradictions(policy: Policy) -> list[Deficiency]:
    effective, expiration = policy.effective_date, policy.expiration_date
    inverted = effective is not None and expiration is not None and expiration <= effective
    limits = policy.limits
    aggregate_key = _aggregate_key(policy.coverage)
    aggregate = limits.get(aggregate_key)
    over = [] if aggregate is None else [
        (key, limits[key]) for key in _PER_OCCURRENCE_KEYS if (limits.get(key) or 0) > aggregate
    ]
    letter = policy.insurer_letter
    unlisted = bool(letter) and letter not in policy.certificate.insurers
    if not (inverted or over or unlisted):
        return []  # the usual case: nothing to say, so no sentence to build

    coverage = policy.coverage or None
    label = coverage_label(policy.coverage or "other", policy.description)
    ref = policy.reference()
    found = []
    if inverted:
        found.append(Deficiency(
            DATA_INCONSISTENT, coverage,
            f"{label} {ref} expires on {expiration.isoformat()}, on or before its effective date "
            f"{effective.isoformat()}.",
        ))
    for key, each in over:
        each_words = limit_phrase(policy.coverage, key)
        aggregate_words = limit_phrase(policy.coverage, aggregate_key)
        found.append(Deficiency(
            DATA_INCONSISTENT, coverage,
            f"{label} {ref}: {each_words} {format_money(each)} is above its "
            f"{aggregate_words} {format_money(aggregate)}.",
        ))
    if unlisted:
        found.append(Deficiency(
            DATA_INCONSISTENT, coverage,
            f"{label} {ref} points at insurer {letter}, which the certificate does not list.",
        ))
    return found


def contradictions(policies: list[Policy]) -> list[Deficiency]:
    """All contradictions of the pooled policies, in pool order (certificate, then policy)."""
    return [d for p in policies for d in policy_contradictions(p)]
