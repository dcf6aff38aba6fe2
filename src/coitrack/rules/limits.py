"""Minimum limits, with umbrella/excess stacking, and the sentence that shows the arithmetic.

requirements-format.md: ``umbrella_applies_to`` lists the required limits (``coverage.limit_key``)
an in-force umbrella or excess policy may top up; its ``aggregate`` adds to listed limits whose key
contains ``aggregate``, its ``each_occurrence`` to the others.

Decisions:
- Where several umbrella/excess policies are in force, each listed limit is topped up by the one
  with the largest relevant amount (ties: latest expiration, then pool order). Layers are not added
  to each other: the guide speaks of "an" umbrella or excess policy.
- An umbrella amount the certificate does not show tops up nothing.
- An underlying limit that is not shown fails (``actual`` null) whatever the umbrella: the umbrella
  sits over the underlying limit, and without it the sum is unknown.
- ``actual`` of a shortfall is the limit after top-up; the message shows both terms of the sum.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coitrack.rules.certificates import Policy
from coitrack.rules.deficiencies import LIMIT_BELOW_MINIMUM, Deficiency
from coitrack.rules.labels import coverage_label, limit_phrase
from coitrack.rules.money import format_money

AGGREGATE = "aggregate"
EACH_OCCURRENCE = "each_occurrence"


@dataclass(frozen=True, slots=True)
class TopUp:
    """What the best in-force umbrella/excess policy adds to one kind of limit."""

    amount: int
    word: str  # "umbrella" or "excess", for messages
    policy: Policy


def topup_kind(limit_key: str) -> str:
    """Which umbrella limit tops up ``limit_key``: ``aggregate`` or ``each_occurrence``."""
    return AGGREGATE if AGGREGATE in limit_key else EACH_OCCURRENCE


def best_top_ups(umbrellas_in_force: list[Policy]) -> dict[str, TopUp]:
    """For each umbrella limit kind, the in-force umbrella/excess policy offering the most."""
    best: dict[str, TopUp] = {}
    for kind in (AGGREGATE, EACH_OCCURRENCE):
        ranked = sorted(
            (p for p in umbrellas_in_force if p.limits.get(kind)),
            key=lambda p: (-(p.limits[kind] or 0), -p.expiration_date.toordinal(), p.position),
        )
        if ranked:
            policy = ranked[0]
            word = "excess" if policy.coverage == "excess_liability" else "umbrella"
            best[kind] = TopUp(amount=policy.limits[kind], word=word, policy=policy)
    return best


@dataclass(frozen=True, slots=True)
class LimitCheck:
    """One required limit judged on one policy: the numbers and the sentence explaining them."""

    limit: str
    required: int
    shown: int | None
    umbrella: int | None  # what the umbrella added; None when the limit may not be stacked
    actual: int | None
    met: bool
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "limit": self.limit,
            "required": self.required,
            "shown": self.shown,
            "umbrella": self.umbrella,
            "actual": self.actual,
            "met": self.met,
            "message": self.message,
        }


def check_limit(
    *,
    coverage: str,
    description: str | None,
    key: str,
    required: int,
    shown: int | None,
    stackable: bool,
    top_up: TopUp | None,
) -> LimitCheck:
    """Compare the shown limit (plus the umbrella when ``stackable``) with the minimum."""
    subject = f"{coverage_label(coverage, description)} {limit_phrase(coverage, key)}"
    need = format_money(required)
    added = (top_up.amount if top_up else 0) if stackable else None
    word = top_up.word if top_up else "umbrella"
    if shown is None:
        return LimitCheck(key, required, None, added, None, False,
                          f"{subject} is not shown; {need} required.")
    actual = shown + (added or 0)
    if actual >= required:
        if added:
            message = (f"{subject} {format_money(shown)} + {word} {format_money(added)} = "
                       f"{format_money(actual)} >= {need} required.")
        else:
            message = f"{subject} {format_money(shown)} >= {need} required."
        return LimitCheck(key, required, shown, added, actual, True, message)
    if not stackable:
        message = f"{subject} is {format_money(shown)}; {need} required."
    elif added:
        message = (f"{subject} is {format_money(shown)} (with {word}: {format_money(shown)} + "
                   f"{format_money(added)} = {format_money(actual)}); {need} required.")
    else:
        message = f"{subject} is {format_money(shown)} (with {word}: {format_money(actual)}); " \
                  f"{need} required."
    return LimitCheck(key, required, shown, added, actual, False, message)


def limit_deficiency(check: LimitCheck, coverage: str) -> Deficiency:
    return Deficiency(
        code=LIMIT_BELOW_MINIMUM,
        coverage=coverage,
        limit=check.limit,
        required=check.required,
        actual=check.actual,
        message=check.message,
    )
