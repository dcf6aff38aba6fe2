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

Evidence for additional insured, waiver of subrogation and primary & non-contributory
(``evidence_of``), in three states:
- ``confirmed``: the certificate carrying the judged policy lists an attached endorsement of the
  family for the requirement's line (``endorsement_forms.family``; forms only *named* in the
  description do not confirm);
- ``indicated``: the guide's indicator: ADDL INSD / SUBR WVD marked on the policy, or primary &
  non-contributory wording in the description. Decision: description wording such as "additional
  insured" does not indicate additional insured or waiver, because the guide makes the box the
  test for ADDITIONAL_INSURED_MISSING / WAIVER_OF_SUBROGATION_MISSING (and blanket wording names
  no line);
- ``not_shown``: neither. The *_MISSING code applies, whatever evidence is demanded.
When the template demands ``confirmed`` and the state is ``indicated``: *_NOT_CONFIRMED. An
attached endorsement satisfies the requirement even when the box is not marked (the new key adds
meaning; certificates without ``endorsements`` are judged exactly as before).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coitrack.rules.carriers import Carrier
from coitrack.rules.certificates import Insurer, Policy
from coitrack.rules.deficiencies import (
    ADDITIONAL_INSURED_MISSING,
    ADDITIONAL_INSURED_NOT_CONFIRMED,
    AGGREGATE_NOT_PER_PROJECT,
    CLAIMS_MADE_NOT_ACCEPTED,
    PRIMARY_NONCONTRIBUTORY_MISSING,
    PRIMARY_NONCONTRIBUTORY_NOT_CONFIRMED,
    RETENTION_ABOVE_MAXIMUM,
    WAIVER_OF_SUBROGATION_MISSING,
    WAIVER_OF_SUBROGATION_NOT_CONFIRMED,
    WC_NOT_STATUTORY,
    Deficiency,
)
from coitrack.rules.endorsement_forms import (
    ADDITIONAL_INSURED,
    CONFIRMED,
    EVIDENCED,
    INDICATED,
    NOT_SHOWN,
    PRIMARY_NONCONTRIBUTORY,
    SUBROGATION_WAIVED,
    family,
    headline,
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
    description = policy.certificate.description
    for flag in EVIDENCED:
        demanded = requirement.demanded_evidence(flag)
        if demanded is None:
            continue
        state, _ = evidence_of(flag, coverage, policy)
        if state == NOT_SHOWN:
            found.append(_missing(flag, coverage, label, policy))
        elif state == INDICATED and demanded == CONFIRMED:
            found.append(_not_confirmed(flag, coverage, label, policy))
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


def evidence_of(flag: str, coverage: str, policy: Policy) -> tuple[str, tuple[str, ...]]:
    """The evidence state of ``flag`` on ``policy`` judged for a ``coverage`` requirement, and
    the attached forms that confirm it (sorted; empty unless ``confirmed``)."""
    certificate = policy.certificate
    if certificate.attached:
        forms = family(flag, coverage) & certificate.attached
        if forms:
            return CONFIRMED, tuple(sorted(forms))
    if flag == ADDITIONAL_INSURED:
        shown = policy.additional_insured is True
    elif flag == SUBROGATION_WAIVED:
        shown = policy.subrogation_waived is True
    else:
        shown = says_primary_noncontributory(certificate.description)
    return (INDICATED if shown else NOT_SHOWN), ()


_MISSING = {
    ADDITIONAL_INSURED: (ADDITIONAL_INSURED_MISSING, "additional insured", "ADDL INSD"),
    SUBROGATION_WAIVED: (WAIVER_OF_SUBROGATION_MISSING, "waiver of subrogation", "SUBR WVD"),
}
_NOT_CONFIRMED = {
    ADDITIONAL_INSURED: (ADDITIONAL_INSURED_NOT_CONFIRMED, "Additional insured"),
    SUBROGATION_WAIVED: (WAIVER_OF_SUBROGATION_NOT_CONFIRMED, "Waiver of subrogation"),
    PRIMARY_NONCONTRIBUTORY: (PRIMARY_NONCONTRIBUTORY_NOT_CONFIRMED,
                              "Primary and non-contributory"),
}


def _missing(flag: str, coverage: str, label: str, policy: Policy) -> Deficiency:
    if flag == PRIMARY_NONCONTRIBUTORY:
        return Deficiency(
            PRIMARY_NONCONTRIBUTORY_MISSING, coverage,
            f"{label}: primary and non-contributory wording is required, but the description "
            "of operations does not say \"primary and non-contributory\".",
            required=True, actual=False,
        )
    code, what, box = _MISSING[flag]
    return Deficiency(
        code, coverage,
        f"{label}: {what} is required, but {box} is not marked on {policy.reference()}.",
        required=True, actual=getattr(policy, flag),
    )


def _not_confirmed(flag: str, coverage: str, label: str, policy: Policy) -> Deficiency:
    code, what = _NOT_CONFIRMED[flag]
    if flag == PRIMARY_NONCONTRIBUTORY:
        how = "stated in the description of operations"
    else:
        how = f"{_MISSING[flag][2]} marked on {policy.reference()}"
    line = label if coverage == "other" else label[:1].lower() + label[1:]
    forms = headline(flag, coverage)
    if forms:
        why = f"no {forms} endorsement attached."
    else:
        why = f"no standard endorsement form confirms it for {line}."
    named = sorted(policy.certificate.named & family(flag, coverage))
    if named:
        why = (why[:-1] + f" ({' / '.join(named)} named in the description of operations, "
               "but the endorsement itself is not attached).")
    return Deficiency(code, coverage,
                      f"{what} on {line} is indicated ({how}) but not confirmed: {why}",
                      required=CONFIRMED, actual=INDICATED)
