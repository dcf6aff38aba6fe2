"""Parsing and validating requirement templates."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from coitrack.rules.requirements import RequirementsError, parse_requirements

GUIDE_EXAMPLE = {
    "name": "Roofing contractor - high risk",
    "expiring_within_days": 30,
    "named_insured_match": "normalized",
    "certificate_holder": {"name": "Harbor Point Properties LLC", "address": None,
                           "match": "normalized"},
    "insurer": {"min_rating": "A-", "min_financial_size": "VII", "allow_unrated": False},
    "work_period": {"start": "2026-03-01", "end": "2026-11-30"},
    "umbrella_applies_to": ["general_liability.each_occurrence",
                            "general_liability.general_aggregate",
                            "automobile_liability.combined_single_limit",
                            "workers_compensation.el_each_accident"],
    "coverages": [
        {"coverage": "general_liability",
         "limits": {"each_occurrence": 1000000, "general_aggregate": 2000000,
                    "products_completed_operations_aggregate": 2000000},
         "additional_insured": True, "subrogation_waived": True, "primary_noncontributory": True,
         "occurrence_only": True, "aggregate_per_project": False},
        {"coverage": "automobile_liability", "limits": {"combined_single_limit": 1000000},
         "additional_insured": True},
        {"coverage": "umbrella_liability", "limits": {"each_occurrence": 5000000},
         "max_retention": 10000},
        {"coverage": "workers_compensation", "statutory": True, "subrogation_waived": True,
         "limits": {"el_each_accident": 1000000, "el_disease_each_employee": 1000000,
                    "el_disease_policy_limit": 1000000}},
        {"coverage": "other", "description": "Professional Liability",
         "limits": {"each_claim": 1000000}},
    ],
}


def test_the_guide_example_parses_completely() -> None:
    parsed = parse_requirements(GUIDE_EXAMPLE)
    assert parsed.name == "Roofing contractor - high risk"
    assert parsed.expiring_within_days == 30
    assert parsed.insurer.min_rating == "A-"
    assert parsed.insurer.min_financial_size == 7
    assert parsed.work_period.end == dt.date(2026, 11, 30)
    assert "workers_compensation.el_each_accident" in parsed.umbrella_applies_to
    assert [c.coverage for c in parsed.coverages] == [
        "general_liability", "automobile_liability", "umbrella_liability",
        "workers_compensation", "other"]
    gl = parsed.coverages[0]
    assert gl.limits == (("each_occurrence", 1000000), ("general_aggregate", 2000000),
                         ("products_completed_operations_aggregate", 2000000))
    assert gl.occurrence_only and not gl.aggregate_per_project
    assert parsed.coverages[2].max_retention == 10000
    assert parsed.coverages[4].description == "Professional Liability"


def test_absent_optional_keys_mean_not_required() -> None:
    parsed = parse_requirements({"name": "Minimal",
                                 "coverages": [{"coverage": "general_liability"}]})
    assert parsed.named_insured_match == "normalized"
    assert parsed.certificate_holder is None
    assert parsed.insurer is None
    assert parsed.work_period is None
    assert parsed.expiring_within_days is None
    assert parsed.umbrella_applies_to == frozenset()
    gl = parsed.coverages[0]
    assert gl.limits == () and not gl.additional_insured and gl.max_retention is None


def test_null_values_mean_the_same_as_absent_keys() -> None:
    parsed = parse_requirements({
        "name": "Nulls", "insurer": None, "work_period": None, "expiring_within_days": None,
        "coverages": [{"coverage": "general_liability", "additional_insured": None,
                       "limits": {"each_occurrence": None}}],
    })
    assert parsed.insurer is None and parsed.coverages[0].limits == ()
    assert parsed.coverages[0].additional_insured is False


def test_unknown_keys_are_ignored() -> None:
    data = copy.deepcopy(GUIDE_EXAMPLE)
    data["vendor_type"] = "roofer"
    data["coverages"][0]["notes"] = "added by a newer version"
    assert parse_requirements(data).coverages[0].coverage == "general_liability"


def test_excess_requirement_accepts_umbrella_and_excess_policies() -> None:
    parsed = parse_requirements({"name": "x", "coverages": [{"coverage": "excess_liability"}]})
    assert parsed.coverages[0].accepted_policy_coverages == {"umbrella_liability",
                                                             "excess_liability"}


def test_ratings_and_sizes_are_read_case_insensitively() -> None:
    parsed = parse_requirements({"name": "x", "coverages": [],
                                 "insurer": {"min_rating": "a-", "min_financial_size": "vii"}})
    assert (parsed.insurer.min_rating, parsed.insurer.min_financial_size) == ("A-", 7)


@pytest.mark.parametrize(
    ("change", "names"),
    [
        pytest.param(lambda d: d.pop("name"), "name", id="name_missing"),
        pytest.param(lambda d: d.update(coverages={}), "coverages", id="coverages_not_a_list"),
        pytest.param(lambda d: d["coverages"][1].update(coverage="cyber"),
                     "coverages[1].coverage", id="unknown_coverage"),
        pytest.param(lambda d: d["coverages"][0]["limits"].update(each_occurence=1),
                     "coverages[0].limits.each_occurence", id="misspelt_limit_key"),
        pytest.param(lambda d: d["coverages"][1]["limits"].update(each_occurrence=1),
                     "coverages[1].limits.each_occurrence", id="limit_key_of_another_coverage"),
        pytest.param(lambda d: d["coverages"][0]["limits"].update(each_occurrence="1M"),
                     "coverages[0].limits.each_occurrence", id="limit_not_a_number"),
        pytest.param(lambda d: d["coverages"][0]["limits"].update(each_occurrence=-5),
                     "coverages[0].limits.each_occurrence", id="negative_limit"),
        pytest.param(lambda d: d["coverages"][0].update(additional_insured="yes"),
                     "coverages[0].additional_insured", id="flag_not_boolean"),
        pytest.param(lambda d: d["coverages"][2].update(max_retention=True),
                     "coverages[2].max_retention", id="retention_boolean"),
        pytest.param(lambda d: d["coverages"][4].pop("description"),
                     "coverages[4].description", id="other_without_description"),
        pytest.param(lambda d: d.update(named_insured_match="fuzzy"), "named_insured_match",
                     id="unknown_match_mode"),
        pytest.param(lambda d: d["certificate_holder"].update(match="loose"),
                     "certificate_holder.match", id="unknown_holder_match_mode"),
        pytest.param(lambda d: d["certificate_holder"].update(name=""),
                     "certificate_holder.name", id="holder_without_name"),
        pytest.param(lambda d: d["insurer"].update(min_rating="AA"), "insurer.min_rating",
                     id="unknown_rating"),
        pytest.param(lambda d: d["insurer"].update(min_financial_size="XVI"),
                     "insurer.min_financial_size", id="size_out_of_range"),
        pytest.param(lambda d: d["insurer"].update(allow_unrated="no"), "insurer.allow_unrated",
                     id="allow_unrated_not_boolean"),
        pytest.param(lambda d: d["work_period"].update(end="2026-02-30"), "work_period.end",
                     id="invalid_date"),
        pytest.param(lambda d: d["work_period"].update(end="2026-01-01"), "work_period.end",
                     id="work_period_ending_before_it_starts"),
        pytest.param(lambda d: d.update(expiring_within_days=-1), "expiring_within_days",
                     id="negative_expiring_window"),
        pytest.param(lambda d: d.update(umbrella_applies_to="general_liability.each_occurrence"),
                     "umbrella_applies_to", id="umbrella_applies_to_not_a_list"),
        pytest.param(lambda d: d["umbrella_applies_to"].append("general_liability.bogus"),
                     "umbrella_applies_to[4]", id="umbrella_applies_to_unknown_limit"),
        pytest.param(lambda d: d["umbrella_applies_to"].append("umbrella_liability.aggregate"),
                     "umbrella_applies_to[4]", id="umbrella_cannot_top_up_itself"),
        pytest.param(lambda d: d["umbrella_applies_to"].append("general_liability"),
                     "umbrella_applies_to[4]", id="umbrella_applies_to_without_limit_key"),
    ],
)
def test_invalid_templates_are_refused_naming_the_bad_key(change, names: str) -> None:
    data = copy.deepcopy(GUIDE_EXAMPLE)
    change(data)
    with pytest.raises(RequirementsError) as raised:
        parse_requirements(data)
    assert str(raised.value).startswith(f"{names}:")


def test_a_template_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(RequirementsError, match="expected a JSON object"):
        parse_requirements(["not", "a", "template"])
