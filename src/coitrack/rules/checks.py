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

from collections.abc import Iterable

from coitrack.rules.carriers import CarrierTable
from coitrack.rules.certificates import Policy
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
from coitrack.rules.limits import LimitCheck, TopUp, check_limit, limit_deficiency, topup_kind
from coitrack.rules.money import format_money
from coitrack.rules.requirements import CoverageRequirement, InsurerRequirement
from coitrack.rules.wording import says_per_project_aggregate, says_primary_noncontributory


def policy_checks(
    requirement: CoverageRequirement,
    policy: Policy,
    *,
    umbrella_applies_to: Iterable[str] | frozenset[str],
    top_ups: dict[str, TopUp],
    insurer: InsurerRequirement | None,
    carriers: CarrierTable | None,
) -> tuple[list[LimitCheck], list[Deficiency]]:
    coverage = requirement.coverage
    label = coverage_label(coverage, requirement.description)
    ref = policy.reference()
    limit_checks = []
    found: list[Deficiency] = []
    for key, minimum in requirement.limits:
        check = check_limit(
            coverage=coverage,
            description=requirement.description,
            key=key,
            required=minimum,
            shown=policy.limits.get(key),
            stackable=f"{coverage}.{key}" in umbrella_applies_to,
            top_up=top_ups.get(topup_kind(key)),
        )
        limit_checks.append(check)
        if not check.met:
            found.append(limit_deficiency(check, coverage))

    if requirement.additional_insured and policy.additional_insured is not True:
        found.append(Deficiency(
            ADDITIONAL_INSURED_MISSING, coverage,
            f"{label}: additional insured is required, but ADDL INSD is not marked on {ref}.",
            required=True, actual=policy.additional_insured,
        ))
    if requirement.subrogation_waived and policy.subrogation_waived is not True:
        found.append(Deficiency(
            WAIVER_OF_SUBROGATION_MISSING, coverage,
            f"{label}: waiver of subrogation is required, but SUBR WVD is not marked on {ref}.",
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
            f"{label} {ref} is written on a claims-made basis; an occurrence form is required.",
            required="occurrence", actual="claims_made",
        ))
    applies_per = (policy.aggregate_applies_per or "").lower() or None
    if (requirement.aggregate_per_project and applies_per != "project"
            and not says_per_project_aggregate(description)):
        shown = f"applies per {applies_per}" if applies_per else "is not shown to apply per project"
        found.append(Deficiency(
            AGGREGATE_NOT_PER_PROJECT, coverage,
            f"{label}: a per-project aggregate is required, but the aggregate of {ref} {shown} "
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
            f"{label}: statutory coverage is required, but PER STATUTE is not marked on {ref}.",
            required=True, actual=policy.statutory,
        ))
    if insurer is not None:
        problem = insurer_deficiency(
            coverage=coverage, label=label, policy=policy, requirement=insurer, carriers=carriers
        )
        if problem:
            found.append(problem)
    return limit_checks, found
