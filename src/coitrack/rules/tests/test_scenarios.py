"""The engine against a table of scenarios (part 1: status, dates, limits, stacking, umbrella,
write-ins, endorsements): one behaviour per row, named after it.

Each row gives the template, the certificates, the day and the vendor, and expects the status and
the exact set of deficiencies as (code, coverage, limit). ``test_every_code_and_status_is_covered``
keeps both tables honest: every deficiency code and every status appears in them.
"""

from __future__ import annotations

from typing import Any

import pytest

from coitrack.rules.deficiencies import CODES
from coitrack.rules.status import STATUSES
from coitrack.rules.tests.builders import (
    Scenario,
    certificate,
    policy,
    requirement,
    run_scenario,
    template,
)

GL = "general_liability"
AUTO = "automobile_liability"
UMB = "umbrella_liability"
WC = "workers_compensation"


def gl(**limits: int) -> dict[str, Any]:
    return requirement(GL, limits=limits)


def umbrella(**fields: Any) -> dict[str, Any]:
    return policy(UMB, policy_number="UMB-1", **fields)


def with_limits(coverage: str, **limits: int | None) -> dict[str, Any]:
    return policy(coverage, limits=limits)


def endorsed(certificate_data: dict[str, Any], *forms: str,
             source: str = "document") -> dict[str, Any]:
    """The certificate with endorsement forms attached (or named in its description)."""
    return {**certificate_data, "endorsements": [
        {"form": form, "edition": None, "title": "", "page": 2, "source": source}
        for form in forms]}


CONFIRMED_AI = requirement(additional_insured=True, additional_insured_evidence="confirmed")


STACK_GL_OCC = {"umbrella_applies_to": ["general_liability.each_occurrence",
                                        "general_liability.general_aggregate"]}

SCENARIOS = [
    # --- status -----------------------------------------------------------------------------
    pytest.param(Scenario(template(gl(each_occurrence=1_000_000)), [certificate()], "compliant"),
                 id="compliant_when_every_requirement_is_met"),
    pytest.param(Scenario(template(gl(), requirement(AUTO)), [], "missing",
                          {("COVERAGE_MISSING", GL, None), ("COVERAGE_MISSING", AUTO, None)}),
                 id="missing_without_any_certificate"),
    pytest.param(Scenario(template(), [certificate(policy(expiration_date="2026-05-01"))],
                          "expired", {("POLICY_EXPIRED", GL, None)}),
                 id="expired_when_the_only_failure_is_an_expired_policy"),
    pytest.param(Scenario(template(requirement(), requirement(AUTO)),
                          [certificate(policy(expiration_date="2026-05-01"),
                                       policy(AUTO, expiration_date="2026-04-01"))],
                          "expired",
                          {("POLICY_EXPIRED", GL, None), ("POLICY_EXPIRED", AUTO, None)}),
                 id="expired_when_several_coverages_only_expired"),
    pytest.param(Scenario(template(gl(each_occurrence=2_000_000)),
                          [certificate(policy(expiration_date="2026-05-01"))],
                          "non_compliant",
                          {("POLICY_EXPIRED", GL, None),
                           ("LIMIT_BELOW_MINIMUM", GL, "each_occurrence")}),
                 id="non_compliant_when_an_expired_policy_also_falls_short"),
    pytest.param(Scenario(template(expiring_within_days=30),
                          [certificate(policy(expiration_date="2026-06-15"))],
                          "expiring", {("POLICY_EXPIRING", GL, None)}),
                 id="expiring_when_only_a_policy_expires_soon"),
    pytest.param(Scenario(template(requirement(AUTO)), [certificate()], "non_compliant",
                          {("COVERAGE_MISSING", AUTO, None)}),
                 id="coverage_missing_when_no_policy_of_the_coverage"),
    pytest.param(Scenario(template(requirement(), requirement(AUTO)),
                          [certificate(policy(), policy(AUTO, expiration_date="2026-05-01"))],
                          "expired", {("POLICY_EXPIRED", AUTO, None)}),
                 id="expired_only_for_the_coverage_that_lapsed"),
    # --- dates ------------------------------------------------------------------------------
    pytest.param(Scenario(template(), [certificate(policy(expiration_date="2026-06-01"))],
                          "expired", {("POLICY_EXPIRED", GL, None)}),
                 id="policy_expiring_today_is_expired"),
    pytest.param(Scenario(template(), [certificate(policy(expiration_date="2026-06-02"))],
                          "compliant"),
                 id="policy_expiring_tomorrow_is_in_force"),
    pytest.param(Scenario(template(expiring_within_days=30),
                          [certificate(policy(expiration_date="2026-07-01"))],
                          "expiring", {("POLICY_EXPIRING", GL, None)}),
                 id="expiring_on_the_last_day_of_the_window_warns"),
    pytest.param(Scenario(template(expiring_within_days=30),
                          [certificate(policy(expiration_date="2026-07-02"))], "compliant"),
                 id="expiring_the_day_after_the_window_is_compliant"),
    pytest.param(Scenario(template(expiring_within_days=0),
                          [certificate(policy(expiration_date="2026-06-02"))], "compliant"),
                 id="zero_day_window_never_warns"),
    pytest.param(Scenario(template(), [certificate(policy(effective_date="2026-06-02"))],
                          "non_compliant", {("POLICY_NOT_YET_EFFECTIVE", GL, None)}),
                 id="policy_starting_tomorrow_is_not_yet_effective"),
    pytest.param(Scenario(template(), [certificate(policy(effective_date="2026-06-01"))],
                          "compliant"),
                 id="policy_starting_today_is_in_force"),
    pytest.param(Scenario(template(),
                          [certificate(policy(effective_date="2025-01-01",
                                              expiration_date="2026-01-01")),
                           certificate(policy())],
                          "compliant"),
                 id="old_expired_certificate_pooled_with_a_valid_one_is_compliant"),
    pytest.param(Scenario(template(),
                          [certificate(policy(effective_date="2025-01-01",
                                              expiration_date="2026-05-01")),
                           certificate(policy(effective_date="2026-07-01",
                                              expiration_date="2027-07-01"))],
                          "non_compliant", {("POLICY_NOT_YET_EFFECTIVE", GL, None)}),
                 id="lapse_before_a_renewal_starts_is_judged_on_the_renewal"),
    pytest.param(Scenario(template(),
                          [certificate(policy(effective_date="2024-01-01",
                                              expiration_date="2025-01-01")),
                           certificate(policy(effective_date="2025-01-01",
                                              expiration_date="2026-01-01"))],
                          "expired", {("POLICY_EXPIRED", GL, None)}),
                 id="several_expired_policies_give_one_expired_deficiency"),
    pytest.param(Scenario(template(), [certificate(policy(expiration_date=None))],
                          "expired", {("POLICY_EXPIRED", GL, None)}),
                 id="policy_without_expiration_date_cannot_be_in_force"),
    pytest.param(Scenario(template(), [certificate(policy(effective_date=None))],
                          "non_compliant", {("POLICY_NOT_YET_EFFECTIVE", GL, None)}),
                 id="policy_without_effective_date_cannot_be_in_force"),
    pytest.param(Scenario(template(work_period={"start": "2026-03-01", "end": "2027-03-01"}),
                          [certificate()], "compliant",
                          {("WORK_PERIOD_NOT_COVERED", GL, None)}),
                 id="policy_ending_before_the_work_period_ends_warns"),
    pytest.param(Scenario(template(work_period={"start": "2026-03-01", "end": "2027-01-01"}),
                          [certificate()], "compliant",
                          {("WORK_PERIOD_NOT_COVERED", GL, None)}),
                 id="policy_expiring_on_the_last_work_day_does_not_cover_it"),
    pytest.param(Scenario(template(work_period={"start": "2026-03-01", "end": "2026-12-31"}),
                          [certificate()], "compliant"),
                 id="policy_running_past_the_work_period_covers_it"),
    pytest.param(Scenario(template(expiring_within_days=30,
                                   work_period={"start": None, "end": "2026-12-31"}),
                          [certificate(policy(expiration_date="2026-06-10"))], "expiring",
                          {("POLICY_EXPIRING", GL, None), ("WORK_PERIOD_NOT_COVERED", GL, None)}),
                 id="expiring_and_work_period_warnings_together"),
    # --- limits and stacking ----------------------------------------------------------------
    pytest.param(Scenario(template(gl(each_occurrence=2_000_000)), [certificate()],
                          "non_compliant", {("LIMIT_BELOW_MINIMUM", GL, "each_occurrence")}),
                 id="limit_below_minimum"),
    pytest.param(Scenario(template(gl(products_completed_operations_aggregate=2_000_000)),
                          [certificate()], "non_compliant",
                          {("LIMIT_BELOW_MINIMUM", GL, "products_completed_operations_aggregate")}),
                 id="limit_not_shown_is_below_minimum"),
    pytest.param(Scenario(template(gl(each_occurrence=1_000_000)),
                          [certificate(with_limits(GL, each_occurrence=1_000_000))], "compliant"),
                 id="limit_equal_to_minimum_is_met"),
    pytest.param(Scenario(template(gl(each_occurrence=5_000_000), **STACK_GL_OCC),
                          [certificate(policy(), umbrella(limits={"each_occurrence": 4_000_000,
                                                                  "aggregate": 4_000_000}))],
                          "compliant"),
                 id="umbrella_stacking_that_just_meets"),
    pytest.param(Scenario(template(gl(each_occurrence=5_000_000), **STACK_GL_OCC),
                          [certificate(policy(), umbrella(limits={"each_occurrence": 3_999_999,
                                                                  "aggregate": 4_000_000}))],
                          "non_compliant", {("LIMIT_BELOW_MINIMUM", GL, "each_occurrence")}),
                 id="umbrella_stacking_that_just_misses"),
    pytest.param(Scenario(template(gl(each_occurrence=5_000_000)),
                          [certificate(policy(), umbrella())],
                          "non_compliant", {("LIMIT_BELOW_MINIMUM", GL, "each_occurrence")}),
                 id="no_stacking_for_limits_not_listed"),
    pytest.param(Scenario(template(gl(general_aggregate=6_000_000), **STACK_GL_OCC),
                          [certificate(policy(), umbrella(limits={"each_occurrence": 5_000_000,
                                                                  "aggregate": None}))],
                          "non_compliant", {("LIMIT_BELOW_MINIMUM", GL, "general_aggregate")}),
                 id="aggregate_limits_are_topped_up_by_the_umbrella_aggregate"),
    pytest.param(Scenario(template(gl(general_aggregate=6_000_000), **STACK_GL_OCC),
                          [certificate(policy(), umbrella(limits={"each_occurrence": 1_000_000,
                                                                  "aggregate": 4_000_000}))],
                          "compliant"),
                 id="umbrella_aggregate_meets_an_aggregate_shortfall"),
    pytest.param(Scenario(template(gl(each_occurrence=5_000_000), **STACK_GL_OCC),
                          [certificate(policy(), umbrella(expiration_date="2026-05-01",
                                                          limits={"each_occurrence": 4_000_000}))],
                          "non_compliant", {("LIMIT_BELOW_MINIMUM", GL, "each_occurrence")}),
                 id="expired_umbrella_does_not_top_up"),
    pytest.param(Scenario(template(gl(each_occurrence=5_000_000), **STACK_GL_OCC),
                          [certificate(policy(),
                                       policy("excess_liability",
                                              limits={"each_occurrence": 4_000_000}))],
                          "compliant"),
                 id="excess_policy_tops_up_like_an_umbrella"),
    pytest.param(Scenario(template(requirement(WC, limits={"el_each_accident": 2_000_000}),
                                   umbrella_applies_to=["workers_compensation.el_each_accident"]),
                          [certificate(policy(WC), umbrella(limits={"each_occurrence": 1_000_000,
                                                                    "aggregate": None}))],
                          "compliant"),
                 id="employers_liability_each_accident_is_topped_up_by_each_occurrence"),
    pytest.param(Scenario(template(gl(each_occurrence=5_000_000), **STACK_GL_OCC),
                          [certificate(with_limits(GL, each_occurrence=None), umbrella())],
                          "non_compliant", {("LIMIT_BELOW_MINIMUM", GL, "each_occurrence")}),
                 id="umbrella_does_not_top_up_a_limit_that_is_not_shown"),
    # --- umbrella / excess requirement ------------------------------------------------------
    pytest.param(Scenario(template(requirement(UMB, limits={"each_occurrence": 5_000_000})),
                          [certificate(policy("excess_liability"))], "compliant"),
                 id="excess_policy_meets_an_umbrella_requirement"),
    pytest.param(Scenario(template(requirement(UMB, limits={"each_occurrence": 5_000_000})),
                          [certificate(policy("excess_liability",
                                              limits={"each_occurrence": 2_000_000}))],
                          "non_compliant", {("LIMIT_BELOW_MINIMUM", UMB, "each_occurrence")}),
                 id="excess_policy_shortfall_is_named_umbrella_liability"),
    pytest.param(Scenario(template(requirement(UMB)), [certificate()], "non_compliant",
                          {("COVERAGE_MISSING", UMB, None)}),
                 id="umbrella_requirement_without_umbrella_or_excess_is_missing"),
    pytest.param(Scenario(template(requirement(UMB, max_retention=10_000)),
                          [certificate(umbrella(retention=25_000))], "non_compliant",
                          {("RETENTION_ABOVE_MAXIMUM", UMB, None)}),
                 id="retention_above_maximum"),
    pytest.param(Scenario(template(requirement(UMB, max_retention=10_000)),
                          [certificate(umbrella(retention=10_000))], "compliant"),
                 id="retention_equal_to_maximum_is_accepted"),
    # --- other (write-in) coverages ---------------------------------------------------------
    pytest.param(Scenario(template(requirement("other", description="Professional Liability",
                                               limits={"each_claim": 1_000_000})),
                          [certificate(policy("other",
                                              description="PROFESSIONAL  LIABILITY (E&O)"))],
                          "compliant"),
                 id="other_coverage_matched_by_description_containment_ignoring_case"),
    pytest.param(Scenario(template(requirement("other", description="Pollution Liability")),
                          [certificate(policy("other"))], "non_compliant",
                          {("COVERAGE_MISSING", "other", None)}),
                 id="other_coverage_with_another_description_is_missing"),
    # --- endorsements and forms -------------------------------------------------------------
    pytest.param(Scenario(template(requirement(additional_insured=True)),
                          [certificate(policy(additional_insured=False))], "non_compliant",
                          {("ADDITIONAL_INSURED_MISSING", GL, None)}),
                 id="additional_insured_not_marked"),
    pytest.param(Scenario(template(requirement(additional_insured=True)),
                          [certificate(policy(additional_insured=None))], "non_compliant",
                          {("ADDITIONAL_INSURED_MISSING", GL, None)}),
                 id="additional_insured_not_read_counts_as_not_marked"),
    pytest.param(Scenario(template(requirement(WC, subrogation_waived=True)),
                          [certificate(policy(WC, subrogation_waived=False))], "non_compliant",
                          {("WAIVER_OF_SUBROGATION_MISSING", WC, None)}),
                 id="waiver_of_subrogation_not_marked"),
    pytest.param(Scenario(template(requirement(primary_noncontributory=True)),
                          [certificate(description="Additional insured per written contract.")],
                          "non_compliant", {("PRIMARY_NONCONTRIBUTORY_MISSING", GL, None)}),
                 id="primary_noncontributory_wording_missing"),
    # --- evidence: confirmed / indicated / not shown ---------------------------------------
    pytest.param(Scenario(template(CONFIRMED_AI), [certificate()], "non_compliant",
                          {("ADDITIONAL_INSURED_NOT_CONFIRMED", GL, None)}),
                 id="additional_insured_only_indicated_when_confirmation_is_demanded"),
    pytest.param(Scenario(template(CONFIRMED_AI), [endorsed(certificate(), "CG 20 10")],
                          "compliant"),
                 id="additional_insured_confirmed_by_an_attached_cg_20_10"),
    pytest.param(Scenario(template(CONFIRMED_AI),
                          [endorsed(certificate(policy(additional_insured=False)), "CG 20 37")],
                          "compliant"),
                 id="attached_endorsement_confirms_even_without_the_box"),
    pytest.param(Scenario(template(CONFIRMED_AI),
                          [endorsed(certificate(policy(additional_insured=False)), "CG 24 04")],
                          "non_compliant", {("ADDITIONAL_INSURED_MISSING", GL, None)}),
                 id="additional_insured_not_shown_is_missing_even_when_confirmation_demanded"),
    pytest.param(Scenario(template(CONFIRMED_AI),
                          [endorsed(certificate(), "CG 20 10", source="description")],
                          "non_compliant", {("ADDITIONAL_INSURED_NOT_CONFIRMED", GL, None)}),
                 id="endorsement_only_named_in_the_description_does_not_confirm"),
    pytest.param(Scenario(template(requirement(AUTO, additional_insured=True,
                                               additional_insured_evidence="confirmed")),
                          [endorsed(certificate(policy(AUTO)), "CG 20 10")],
                          "non_compliant",
                          {("ADDITIONAL_INSURED_NOT_CONFIRMED", AUTO, None)}),
                 id="a_general_liability_endorsement_does_not_confirm_auto"),
    pytest.param(Scenario(template(requirement(AUTO, additional_insured=True,
                                               additional_insured_evidence="confirmed")),
                          [endorsed(certificate(policy(AUTO)), "CA 20 48")], "compliant"),
                 id="auto_additional_insured_confirmed_by_ca_20_48"),
    pytest.param(Scenario(template(requirement(WC, subrogation_waived=True,
                                               subrogation_waived_evidence="confirmed")),
                          [certificate(policy(WC))], "non_compliant",
                          {("WAIVER_OF_SUBROGATION_NOT_CONFIRMED", WC, None)}),
                 id="waiver_only_indicated_when_confirmation_is_demanded"),
    pytest.param(Scenario(template(requirement(WC, subrogation_waived=True,
                                               subrogation_waived_evidence="confirmed")),
                          [endorsed(certificate(policy(WC)), "WC 00 03 13")], "compliant"),
                 id="workers_compensation_waiver_confirmed_by_wc_00_03_13"),
    pytest.param(Scenario(template(requirement(primary_noncontributory=True,
                                               primary_noncontributory_evidence="confirmed")),
                          [certificate()], "non_compliant",
                          {("PRIMARY_NONCONTRIBUTORY_NOT_CONFIRMED", GL, None)}),
                 id="primary_noncontributory_only_worded_when_confirmation_is_demanded"),
    pytest.param(Scenario(template(requirement(primary_noncontributory=True,
                                               primary_noncontributory_evidence="confirmed")),
                          [endorsed(certificate(description=""), "CG 20 01")], "compliant"),
                 id="primary_noncontributory_confirmed_by_cg_20_01"),
    pytest.param(Scenario(template(requirement(additional_insured=True,
                                               additional_insured_evidence="indicated")),
                          [certificate()], "compliant"),
                 id="indicated_demand_is_met_by_the_box_as_before"),
    pytest.param(Scenario(template(requirement(UMB, additional_insured=True,
                                               additional_insured_evidence="confirmed")),
                          [endorsed(certificate(umbrella()), "CG 20 10 04 13")], "compliant"),
                 id="umbrella_follows_the_general_liability_endorsements"),
    pytest.param(Scenario(template(requirement(occurrence_only=True)),
                          [certificate(policy(claims_made=True))], "non_compliant",
                          {("CLAIMS_MADE_NOT_ACCEPTED", GL, None)}),
                 id="claims_made_policy_when_occurrence_only"),
    pytest.param(Scenario(template(requirement(aggregate_per_project=True)),
                          [certificate(policy(aggregate_applies_per="policy"), description="")],
                          "non_compliant", {("AGGREGATE_NOT_PER_PROJECT", GL, None)}),
                 id="aggregate_per_policy_when_per_project_required"),
    pytest.param(Scenario(template(requirement(aggregate_per_project=True)),
                          [certificate(policy(aggregate_applies_per="policy"),
                                       description="GL: PER  PROJECT AGGREGATE per CG 25 03.")],
                          "compliant"),
                 id="per_project_aggregate_stated_in_the_description"),
    pytest.param(Scenario(template(requirement(WC, statutory=True)),
                          [certificate(policy(WC, statutory=False))], "non_compliant",
                          {("WC_NOT_STATUTORY", WC, None)}),
                 id="workers_compensation_not_per_statute"),
]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario(scenario: Scenario) -> None:
    run_scenario(scenario)


def test_every_code_and_status_is_covered() -> None:
    from coitrack.rules.tests.test_scenarios_parties import SCENARIOS as MORE

    scenarios = [param.values[0] for param in [*SCENARIOS, *MORE]]
    codes = {code for s in scenarios for code, _, _ in s.deficiencies}
    assert codes == set(CODES)
    assert {s.status for s in scenarios} == set(STATUSES)
