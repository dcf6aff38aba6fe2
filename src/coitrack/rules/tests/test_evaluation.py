"""The evaluation as a whole: ordering, duplicates, reports, inputs and errors."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

import pytest

from coitrack.rules import CertificateError, WaiverError, evaluate, parse_requirements
from coitrack.rules.certificates import parse_certificate
from coitrack.rules.dates import EXPIRED, IN_FORCE, NOT_YET_EFFECTIVE, date_state
from coitrack.rules.tests.builders import (
    AS_OF,
    CARRIERS,
    VENDOR,
    certificate,
    codes,
    policy,
    requirement,
    template,
)


def test_deficiencies_follow_template_order_then_code_order_then_whole_certificate() -> None:
    result = evaluate(
        template(
            requirement("automobile_liability", additional_insured=True,
                        limits={"combined_single_limit": 2_000_000}),
            requirement(limits={"general_aggregate": 5_000_000, "each_occurrence": 2_000_000}),
            certificate_holder={"name": "Somebody Else"},
            expiring_within_days=30,
        ),
        [certificate(policy(expiration_date="2026-06-10"),
                     policy("automobile_liability", additional_insured=False),
                     policy("workers_compensation", insurer_letter="Z"),
                     insured="Stranger Inc")],
        as_of=AS_OF, vendor_name=VENDOR,
    )
    assert [(d["code"], d["coverage"], d["limit"]) for d in result["deficiencies"]] == [
        ("LIMIT_BELOW_MINIMUM", "automobile_liability", "combined_single_limit"),
        ("ADDITIONAL_INSURED_MISSING", "automobile_liability", None),
        ("POLICY_EXPIRING", "general_liability", None),
        ("LIMIT_BELOW_MINIMUM", "general_liability", "general_aggregate"),
        ("LIMIT_BELOW_MINIMUM", "general_liability", "each_occurrence"),
        ("NAMED_INSURED_MISMATCH", None, None),
        ("CERTIFICATE_HOLDER_MISMATCH", None, None),
        ("DATA_INCONSISTENT", "workers_compensation", None),
    ]


def test_the_same_certificate_given_twice_lists_each_deficiency_once() -> None:
    cert = certificate(policy(insurer_letter="C", additional_insured=False))
    result = evaluate(template(requirement(additional_insured=True)), [cert, copy.deepcopy(cert)],
                      as_of=AS_OF)
    assert codes(result) == ["ADDITIONAL_INSURED_MISSING", "DATA_INCONSISTENT"]


def test_evaluation_is_deterministic_and_json_ready() -> None:
    args = (template(requirement(limits={"each_occurrence": 3_000_000}), expiring_within_days=9),
            [certificate(), certificate(policy(expiration_date="2026-06-05"))])
    first = evaluate(*args, as_of=AS_OF, carriers=CARRIERS)
    assert json.loads(json.dumps(first)) == first
    assert evaluate(*args, as_of=AS_OF, carriers=CARRIERS) == first


def test_inputs_are_not_mutated() -> None:
    tpl, certs = template(requirement(limits={"each_occurrence": 3_000_000})), [certificate()]
    before = copy.deepcopy((tpl, certs))
    evaluate(tpl, certs, as_of=AS_OF)
    assert (tpl, certs) == before


def test_parsed_requirements_are_accepted_as_well_as_dicts() -> None:
    tpl = template(requirement(limits={"each_occurrence": 3_000_000}))
    assert evaluate(parse_requirements(tpl), [certificate()], as_of=AS_OF) == \
        evaluate(tpl, [certificate()], as_of=AS_OF)


def test_dates_may_be_date_objects() -> None:
    cert = certificate(policy(effective_date=dt.date(2026, 1, 1),
                              expiration_date=dt.date(2026, 6, 1)))
    assert evaluate(template(), [cert], as_of=AS_OF)["status"] == "expired"


def test_as_of_is_reported() -> None:
    assert evaluate(template(), [], as_of=dt.date(2026, 2, 3))["as_of"] == "2026-02-03"


def test_coverage_report_names_the_judged_policy() -> None:
    result = evaluate(
        template(requirement("umbrella_liability")),
        [certificate(policy("excess_liability", policy_number="XS-9"))], as_of=AS_OF,
    )
    assert result["coverages"][0]["policy"] == {
        "certificate": 0, "coverage": "excess_liability", "policy_number": "XS-9",
        "effective_date": "2026-01-01", "expiration_date": "2027-01-01", "state": "in_force",
    }


def test_missing_coverage_report_has_no_policy() -> None:
    result = evaluate(template(requirement("automobile_liability")), [certificate()], as_of=AS_OF)
    assert result["coverages"][0]["policy"] is None


def test_certificate_without_policies_lacks_every_coverage() -> None:
    result = evaluate(template(), [{"insured": {"name": VENDOR}}], as_of=AS_OF)
    assert (result["status"], codes(result)) == ("non_compliant", ["COVERAGE_MISSING"])


def test_template_without_coverages_and_a_certificate_is_compliant() -> None:
    no_coverages = {"name": "Holder only", "coverages": []}
    assert evaluate(no_coverages, [certificate()], as_of=AS_OF)["status"] == "compliant"


def test_unknown_certificate_keys_are_ignored() -> None:
    cert = certificate() | {"evidence": {"insured.name": {"confidence": 0.9}}, "source": "a.pdf"}
    assert evaluate(template(), [cert], as_of=AS_OF)["status"] == "compliant"


@pytest.mark.parametrize(
    ("change", "where"),
    [
        pytest.param(lambda c: c["policies"][0].update(expiration_date="01/01/2027"),
                     "policies[0].expiration_date", id="date_not_iso"),
        pytest.param(lambda c: c["policies"][0]["limits"].update(each_occurrence="1M"),
                     "policies[0].limits.each_occurrence", id="limit_not_a_number"),
        pytest.param(lambda c: c["policies"][0].update(additional_insured="Y"),
                     "policies[0].additional_insured", id="check_mark_not_boolean"),
        pytest.param(lambda c: c.update(policies={}), "policies", id="policies_not_a_list"),
    ],
)
def test_certificate_values_of_the_wrong_kind_are_refused_naming_the_key(change, where) -> None:
    cert = certificate()
    change(cert)
    with pytest.raises(CertificateError, match="^certificate 2: " + re.escape(where)):
        evaluate(template(), [certificate(), cert], as_of=AS_OF)


def test_malformed_waivers_are_refused() -> None:
    with pytest.raises(WaiverError, match=r"waivers\[0\].code"):
        evaluate(template(), [certificate()], as_of=AS_OF, waivers=[{"code": "NOPE"}])


def test_waived_deficiency_is_listed_with_waived_true() -> None:
    result = evaluate(template(requirement(additional_insured=True)),
                      [certificate(policy(additional_insured=False))], as_of=AS_OF,
                      waivers=[{"code": "ADDITIONAL_INSURED_MISSING",
                                "coverage": "general_liability", "limit": None}])
    assert [d["waived"] for d in result["deficiencies"]] == [True]


def test_waived_failure_lets_a_better_policy_choice_stand() -> None:
    low_limit_later = policy(expiration_date="2027-06-01")
    good_earlier = policy(expiration_date="2026-12-01", limits={"each_occurrence": 2_000_000,
                                                                "general_aggregate": 2_000_000})
    result = evaluate(template(requirement(limits={"each_occurrence": 2_000_000})),
                      [certificate(good_earlier), certificate(low_limit_later)], as_of=AS_OF,
                      waivers=[{"code": "LIMIT_BELOW_MINIMUM", "coverage": "general_liability",
                                "limit": "each_occurrence"}])
    assert result["coverages"][0]["policy"]["expiration_date"] == "2027-06-01"
    assert result["status"] == "compliant"


@pytest.mark.parametrize(
    ("effective", "expiration", "state"),
    [
        ("2026-01-01", "2026-06-01", EXPIRED),
        ("2026-01-01", "2026-06-02", IN_FORCE),
        ("2026-06-01", "2026-06-02", IN_FORCE),
        ("2026-06-02", "2027-06-02", NOT_YET_EFFECTIVE),
        ("2026-06-02", "2026-05-01", EXPIRED),
        ("2026-07-01", "2026-06-15", NOT_YET_EFFECTIVE),
        (None, "2027-01-01", NOT_YET_EFFECTIVE),
        ("2026-01-01", None, EXPIRED),
        (None, "2026-01-01", EXPIRED),
    ],
)
def test_policy_date_state_on_a_day(effective, expiration, state) -> None:
    _, policies = parse_certificate(certificate(policy(effective_date=effective,
                                                       expiration_date=expiration)), index=0)
    assert date_state(policies[0], AS_OF) == state
