"""Random policies of each coverage row, with the fields a broker types and their truth."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from coitrack.reading.result import empty_policy
from coitrack.reading.synth.values import (
    OTHER_COVERAGES,
    PREFIXES,
    SERIES,
    Sample,
    format_amount,
    format_date,
)


def _common(sample: Sample, ctx: dict, coverage: str, names: tuple) -> dict[str, Any]:
    rng: random.Random = ctx["rng"]
    letter_f, addl_f, subr_f, number_f, eff_f, exp_f = names
    policy = empty_policy(coverage)
    letter = rng.choice(ctx["letters"])
    number = rng.choice(
        [
            f"{rng.choice(PREFIXES)} {rng.randint(1000000, 9999999)}",
            f"{rng.randint(10, 99)} {rng.choice(SERIES)} {rng.randint(100000, 999999)}",
            f"{rng.choice(['BKS', 'ACP', 'PHPK'])}{rng.randint(10**6, 10**8)}-0{rng.randint(1, 9)}",
            f"{rng.randint(1000000, 9999999)}-A",
        ]
    )
    effective = ctx["effective"] + dt.timedelta(days=rng.choice([0, 0, 0, 15, -30]))
    expiration = (
        effective.replace(year=effective.year + 1)
        if not (effective.month == 2 and effective.day == 29)
        else effective + dt.timedelta(days=365)
    )
    sample.fields[letter_f] = letter
    sample.fields[number_f] = number
    sample.fields[eff_f] = format_date(effective, ctx["date_style"])
    sample.fields[exp_f] = format_date(expiration, ctx["date_style"])
    policy.update(
        insurer_letter=letter,
        policy_number=number,
        effective_date=effective.isoformat(),
        expiration_date=expiration.isoformat(),
    )
    if addl_f and rng.random() < 0.5:
        sample.fields[addl_f] = ctx["mark"]
        policy["additional_insured"] = True
    if rng.random() < 0.4:
        sample.fields[subr_f] = ctx["mark"]
        policy["subrogation_waived"] = True
    return policy


def _limits(sample: Sample, ctx: dict, policy: dict, limits: dict[str, tuple[str, int]]) -> None:
    for key, (field_name, amount) in limits.items():
        sample.fields[field_name] = format_amount(amount, ctx["amount_style"])
        policy["limits"][key] = amount


def _gl(sample: Sample, ctx: dict) -> dict[str, Any]:
    rng = ctx["rng"]
    policy = _common(
        sample,
        ctx,
        "general_liability",
        (
            "GeneralLiability_InsurerLetterCode_A",
            "CertificateOfInsurance_GeneralLiability_AdditionalInsuredCode_A",
            "Policy_GeneralLiability_SubrogationWaivedCode_A",
            "Policy_GeneralLiability_PolicyNumberIdentifier_A",
            "Policy_GeneralLiability_EffectiveDate_A",
            "Policy_GeneralLiability_ExpirationDate_A",
        ),
    )
    sample.checks["GeneralLiability_CoverageIndicator_A"] = rng.random() < 0.9
    occurrence = rng.choice([1, 2, 2])
    if rng.random() < 0.95:
        claims = rng.random() < 0.12
        sample.checks["GeneralLiability_ClaimsMadeIndicator_A"] = claims
        sample.checks["GeneralLiability_OccurrenceIndicator_A"] = not claims
        policy["claims_made"] = claims
    per = rng.choice(["policy", "policy", "project", "location", None])
    names = {
        "policy": "GeneralLiability_GeneralAggregate_LimitAppliesPerPolicyIndicator_A",
        "project": "GeneralLiability_GeneralAggregate_LimitAppliesPerProjectIndicator_A",
        "location": "GeneralLiability_GeneralAggregate_LimitAppliesPerLocationIndicator_A",
    }
    if per:
        sample.checks[names[per]] = True
    policy["aggregate_applies_per"] = per
    each = occurrence * 1_000_000
    limits = {
        "each_occurrence": ("GeneralLiability_EachOccurrence_LimitAmount_A", each),
        "damage_to_rented_premises": (
            "GeneralLiability_FireDamageRentedPremises_EachOccurrenceLimitAmount_A",
            rng.choice([100_000, 300_000, 500_000, 1_000_000]),
        ),
        "medical_expense": (
            "GeneralLiability_MedicalExpense_EachPersonLimitAmount_A",
            rng.choice([5_000, 10_000, 15_000]),
        ),
        "personal_advertising_injury": (
            "GeneralLiability_PersonalAndAdvertisingInjury_LimitAmount_A",
            each,
        ),
        "general_aggregate": ("GeneralLiability_GeneralAggregate_LimitAmount_A", 2 * each),
        "products_completed_operations_aggregate": (
            "GeneralLiability_ProductsAndCompletedOperations_AggregateLimitAmount_A",
            2 * each,
        ),
    }
    if rng.random() < 0.15:  # not every line is filled in
        limits.pop(rng.choice(["medical_expense", "damage_to_rented_premises"]))
    _limits(sample, ctx, policy, limits)
    return policy


def _auto(sample: Sample, ctx: dict) -> dict[str, Any]:
    rng = ctx["rng"]
    policy = _common(
        sample,
        ctx,
        "automobile_liability",
        (
            "Vehicle_InsurerLetterCode_A",
            "CertificateOfInsurance_AutomobileLiability_AdditionalInsuredCode_A",
            "Policy_AutomobileLiability_SubrogationWaivedCode_A",
            "Policy_AutomobileLiability_PolicyNumberIdentifier_A",
            "Policy_AutomobileLiability_EffectiveDate_A",
            "Policy_AutomobileLiability_ExpirationDate_A",
        ),
    )
    boxes = {
        "any_auto": "Vehicle_AnyAutoIndicator_A",
        "owned_autos_only": "Vehicle_AllOwnedAutosIndicator_A",
        "hired_autos_only": "Vehicle_HiredAutosIndicator_A",
        "scheduled_autos": "Vehicle_ScheduledAutosIndicator_A",
        "non_owned_autos_only": "Vehicle_NonOwnedAutosIndicator_A",
    }
    chosen = rng.choice(
        [
            ["any_auto"],
            ["owned_autos_only", "hired_autos_only", "non_owned_autos_only"],
            ["scheduled_autos", "hired_autos_only", "non_owned_autos_only"],
            ["hired_autos_only", "non_owned_autos_only"],
        ]
    )
    for symbol in boxes:
        if symbol in chosen:
            sample.checks[boxes[symbol]] = True
    policy["auto_symbols"] = [s for s in boxes if s in chosen]
    if rng.random() < 0.8:
        limits = {
            "combined_single_limit": (
                "Vehicle_CombinedSingleLimit_EachAccidentAmount_A",
                rng.choice([500_000, 1_000_000, 2_000_000]),
            )
        }
    else:
        limits = {
            "bodily_injury_per_person": ("Vehicle_BodilyInjury_PerPersonLimitAmount_A", 500_000),
            "bodily_injury_per_accident": (
                "Vehicle_BodilyInjury_PerAccidentLimitAmount_A",
                1_000_000,
            ),
            "property_damage_per_accident": (
                "Vehicle_PropertyDamage_PerAccidentLimitAmount_A",
                rng.choice([100_000, 250_000, 500_000]),
            ),
        }
    _limits(sample, ctx, policy, limits)
    return policy


def _umbrella(sample: Sample, ctx: dict) -> dict[str, Any]:
    rng = ctx["rng"]
    excess = rng.random() < 0.3
    policy = _common(
        sample,
        ctx,
        "excess_liability" if excess else "umbrella_liability",
        (
            "ExcessUmbrella_InsurerLetterCode_A",
            "CertificateOfInsurance_ExcessLiability_AdditionalInsuredCode_A",
            "Policy_ExcessLiability_SubrogationWaivedCode_A",
            "Policy_ExcessLiability_PolicyNumberIdentifier_A",
            "Policy_ExcessLiability_EffectiveDate_A",
            "Policy_ExcessLiability_ExpirationDate_A",
        ),
    )
    sample.checks[
        "Policy_PolicyType_ExcessIndicator_A" if excess else "Policy_PolicyType_UmbrellaIndicator_A"
    ] = True
    claims = rng.random() < 0.15
    sample.checks[
        "ExcessUmbrella_ClaimsMadeIndicator_A" if claims else "ExcessUmbrella_OccurrenceIndicator_A"
    ] = True
    policy["claims_made"] = claims
    if rng.random() < 0.5:
        retention = rng.choice([0, 10_000, 25_000])
        sample.checks["ExcessUmbrella_RetentionIndicator_A"] = True
        if retention:
            sample.fields["ExcessUmbrella_Umbrella_DeductibleOrRetentionAmount_A"] = (
                f"{retention:,}"
            )
            policy["retention"] = retention
    amount = rng.choice([1, 2, 5, 10]) * 1_000_000
    _limits(
        sample,
        ctx,
        policy,
        {
            "each_occurrence": ("ExcessUmbrella_Umbrella_EachOccurrenceAmount_A", amount),
            "aggregate": ("ExcessUmbrella_Umbrella_AggregateAmount_A", amount),
        },
    )
    return policy


def _wc(sample: Sample, ctx: dict) -> dict[str, Any]:
    rng = ctx["rng"]
    policy = _common(
        sample,
        ctx,
        "workers_compensation",
        (
            "WorkersCompensationEmployersLiability_InsurerLetterCode_A",
            None,
            "Policy_WorkersCompensation_SubrogationWaivedCode_A",
            "Policy_WorkersCompensationAndEmployersLiability_PolicyNumberIdentifier_A",
            "Policy_WorkersCompensationAndEmployersLiability_EffectiveDate_A",
            "Policy_WorkersCompensationAndEmployersLiability_ExpirationDate_A",
        ),
    )
    statutory = rng.random() < 0.9
    sample.checks[
        "WorkersCompensationEmployersLiability_WorkersCompensationStatutoryLimitIndicator_A"
    ] = statutory
    policy["statutory"] = statutory
    excluded = rng.choice(["N", "N", "Y", ""])
    sample.fields["WorkersCompensationEmployersLiability_AnyPersonsExcludedIndicator_A"] = excluded
    policy["excluded_officers"] = {"Y": True, "N": False}.get(excluded)
    amount = rng.choice([500_000, 1_000_000])
    prefix = "WorkersCompensationEmployersLiability_EmployersLiability_"
    _limits(
        sample,
        ctx,
        policy,
        {
            "el_each_accident": (f"{prefix}EachAccidentLimitAmount_A", amount),
            "el_disease_each_employee": (f"{prefix}DiseaseEachEmployeeLimitAmount_A", amount),
            "el_disease_policy_limit": (f"{prefix}DiseasePolicyLimitAmount_A", amount),
        },
    )
    return policy


def _other(sample: Sample, ctx: dict) -> dict[str, Any]:
    rng = ctx["rng"]
    policy = _common(
        sample,
        ctx,
        "other",
        (
            "OtherPolicy_InsurerLetterCode_A",
            "CertificateOfInsurance_OtherPolicy_AdditionalInsuredCode_A",
            "OtherPolicy_SubrogationWaivedCode_A",
            "OtherPolicy_PolicyNumberIdentifier_A",
            "OtherPolicy_PolicyEffectiveDate_A",
            "OtherPolicy_PolicyExpirationDate_A",
        ),
    )
    description = rng.choice(OTHER_COVERAGES)
    sample.fields["OtherPolicy_OtherPolicyDescription_A"] = description
    policy["description"] = description
    each = rng.choice([1, 2]) * 1_000_000
    for suffix, label, key, amount in (
        ("A", rng.choice(["Each Claim", "Per Claim"]), "each_claim", each),
        ("B", "Aggregate", "aggregate", 2 * each),
    ):
        sample.fields[f"OtherPolicy_CoverageCode_{suffix}"] = label
        sample.fields[f"OtherPolicy_CoverageLimitAmount_{suffix}"] = format_amount(
            amount, ctx["amount_style"]
        )
        policy["limits"][key] = amount
    return policy


ROW_BUILDERS = {"gl": _gl, "auto": _auto, "umbrella": _umbrella, "wc": _wc, "other": _other}
