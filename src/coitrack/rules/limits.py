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


@dataclass(slots=True)
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
    if not umbrellas_in_force:
        return best
    for kind in (AGGREGATE, EACH_OCCURRENCE):
        chosen, chosen_key = None, None
        for policy in umbrellas_in_force:
            amount = policy.limits.get(kind)
            if amount:
                key = (-amount, -policy.expiration_date.toordinal(), policy.position)
                if chosen_key is None or key < chosen_key:
                    chosen, chosen_key = policy, key
        if chosen is not None:
            word = "excess" if chosen.coverage == "excess_liability" else "umbrella"
            best[kind] = TopUp(amount=chosen.limits[kind], word=word, policy=chosen)
    return best


@dataclass(slots=True)
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


@dataclass(frozen=True, slots=True)
class LimitPlan:
    """One required limit of a requirement, with what the template says about stacking it."""

    key: str
    required: int
    stackable: bool  # listed in umbrella_applies_to
    kind: str  # which umbrella limit tops it up: "aggregate" or "each_occurrence"
    subject: str  # "General liability each occurrence"

    @classmethod
    def build(cls, coverage: str, description: str | None, key: str, required: int,
              umbrella_applies_to: frozenset[str]) -> LimitPlan:
        return cls(
            key=key,
            required=required,
            stackable=f"{coverage}.{key}" in umbrella_applies_to,
            kind=topup_kind(key),
            subject=f"{coverage_label(coverage, description)} {limit_phrase(coverage, key)}",
        )


def check_limit(plan: LimitPlan, shown: int | None, top_ups: dict[str, TopUp]) -> LimitCheck:
    """Compare the shown limit (plus the umbrella when the limit is stackable) with the minimum."""
    key, required, subject = plan.key, plan.required, plan.subject
    need = format_money(required)
    top_up = top_ups.get(plan.kind) if plan.stackable else None
    added = (top_up.amount if top_up else 0) if plan.stackable else None
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
    if not plan.stackable:
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
