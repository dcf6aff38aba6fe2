"""Everything but dates that one requirement asks of one policy.

``policy_checks`` returns the limit checks (passed and failed, for the explanation) and the
deficiencies, in the order of the code table: limits (template order), additional insured, waiver
of subrogation, primary & non-contributory, claims-made, per-project aggregate, retention,
statutory, insurer.

Decisions:
- Check boxes that are not marked or not read (``false``/``null``) fail a requirement for them;
  a claims-made box fails ``occurrence_only`` only when it is ticked (``true``).
- A retention the certificate does not show is not "above the maximum" (blank is common for $0).
- Wording (primary & non-contributory, per-project aggregate) is looked for in the description of
  operations of the certificate that carries the judged policy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coitrack.rules.carriers import Carrier
from coitrack.rules.certificates import Insurer, Policy
from coitrack.rules.deficiencies import (
    ADDITIONAL_INSURED_MISSING,
    AGGREGATE_NOT_PER_PROJECT,
    CLAIMS_MADE_NOT_ACCEPTED,
    PRIMARY_NONCONTRIBUTORY_MISSING,
    RETENTION_ABOVE_MAXIMUM,
    WAIVER_OF_SUBROGATION_MISSING,
    WC_NOT_STATUTORY,
    Deficiency,
)
from coitrack.rules.insurer import insurer_deficiency
from coitrack.rules.labels import coverage_label
from coitrack.rules.limits import (
    LimitCheck,
    LimitPlan,
    TopUp,
    check_limit,
    limit_deficiency,
)
from coitrack.rules.money import format_money
from coitrack.rules.requirements import CoverageRequirement, InsurerRequirement, Requirements
from coitrack.rules.wording import (
    normalize_wording,
    says_per_project_aggregate,
    says_primary_noncontributory,
)

InsurerResolver = Callable[[Policy], tuple[Insurer | None, Carrier | None]]


@dataclass(frozen=True, slots=True)
class CoveragePlan:
    """A requirement with what can be worked out once per template (labels, stacking)."""

    requirement: CoverageRequirement
    label: str  # "General liability", or the write-in description
    limits: tuple[LimitPlan, ...]
    description_key: str  # the write-in description, normalized for matching


def plan_coverages(requirements: Requirements) -> tuple[CoveragePlan, ...]:
    return tuple(
        CoveragePlan(
            requirement=r,
            label=coverage_label(r.coverage, r.description),
            limits=tuple(
                LimitPlan.build(r.coverage, r.description, key, minimum,
                                requirements.umbrella_applies_to)
                for key, minimum in r.limits
            ),
            description_key=normalize_wording(r.description),
        )
        for r in requirements.coverages
    )


def policy_checks(
    plan: CoveragePlan,
    policy: Policy,
    *,
    top_ups: dict[str, TopUp],
    insurer: InsurerRequirement | None,
    resolve_insurer: InsurerResolver,
) -> tuple[list[LimitCheck], list[Deficiency]]:
    requirement = plan.requirement
    coverage = requirement.coverage
    label = plan.label
    limit_checks = []
    found: list[Deficiency] = []
    shown_limits = policy.limits
    for limit in plan.limits:
        check = check_limit(limit, shown_limits.get(limit.key), top_ups)
        limit_checks.append(check)
        if not check.met:
            found.append(limit_deficiency(check, coverage))

    ref = policy.reference  # called only when a sentence needs it
    if requirement.additional_insured and policy.additional_insured is not True:
        found.append(Deficiency(
            ADDITIONAL_INSURED_MISSING, coverage,
            f"{label}: additional insured is required, but ADDL INSD is not marked on {ref()}.",
            required=True, actual=policy.additional_insured,
        ))
    if requirement.subrogation_waived and policy.subrogation_waived is not True:
        found.append(Deficiency(
            WAIVER_OF_SUBROGATION_MISSING, coverage,
            f"{label}: waiver of subrogation is required, but SUBR WVD is not marked on {ref()}.",
            required=True, actual=policy.subrogation_waived,
        ))
    description = policy.certificate.description
    if requirement.primary_noncontributory and not says_primary_noncontributory(description):
        found.append(Deficiency(
            PRIMARY_NONCONTRIBUTORY_MISSING, coverage,
            f"{label}: primary and non-contributory wording is required, but the description "
            "of operations does not say \"primary and non-contributory\".",
            required=True, actual=False,
        ))
    if requirement.occurrence_only and policy.claims_made is True:
        found.append(Deficiency(
            CLAIMS_MADE_NOT_ACCEPTED, coverage,
            f"{label} {ref()} is written on a claims-made basis; an occurrence form is required.",
            required="occurrence", actual="claims_made",
        ))
    applies_per = policy.aggregate_applies_per
    if (requirement.aggregate_per_project and applies_per != "project"
            and not says_per_project_aggregate(description)):
        shown = f"applies per {applies_per}" if applies_per else "is not shown to apply per project"
        found.append(Deficiency(
            AGGREGATE_NOT_PER_PROJECT, coverage,
            f"{label}: a per-project aggregate is required, but the aggregate of {ref()} {shown} "
            "and the description of operations does not say \"per project aggregate\".",
            required="project", actual=applies_per,
        ))
    maximum = requirement.max_retention
    if maximum is not None and policy.retention is not None and policy.retention > maximum:
        found.append(Deficiency(
            RETENTION_ABOVE_MAXIMUM, coverage,
            f"{label} retention/deductible is {format_money(policy.retention)}; at most "
            f"{format_money(maximum)} is allowed.",
            required=maximum, actual=policy.retention,
        ))
    if requirement.statutory and policy.statutory is not True:
        found.append(Deficiency(
            WC_NOT_STATUTORY, coverage,
            f"{label}: statutory coverage is required, but PER STATUTE is not marked on {ref()}.",
            required=True, actual=policy.statutory,
        ))
    if insurer is not None:
        printed, carrier = resolve_insurer(policy)
        problem = insurer_deficiency(coverage=coverage, label=label, policy=policy,
                                     requirement=insurer, insurer=printed, carrier=carrier)
        if problem:
            found.append(problem)
    return limit_checks, found
