"""Evidence for additional insured, waiver of subrogation and primary & non-contributory:
confirmed (endorsement attached) / indicated (box or wording) / not shown, and templates that
demand confirmation."""

from __future__ import annotations

import pytest

from coitrack.rules import RequirementsError, evaluate, parse_requirements
from coitrack.rules.certificates import CertificateError
from coitrack.rules.endorsement_forms import canonical_number, family
from coitrack.rules.tests.builders import AS_OF, certificate, policy, requirement, template, the

GL = "general_liability"


def attach(data: dict, *forms: str, source: str = "document") -> dict:
    return {**data, "endorsements": [{"form": f, "edition": "04 13", "title": "", "page": 2,
                                      "source": source} for f in forms]}


def run(req: dict, *certificates: dict) -> dict:
    return evaluate(template(req), list(certificates), as_of=AS_OF)


def test_the_message_names_the_indication_and_the_missing_endorsement() -> None:
    result = run(requirement(additional_insured=True, additional_insured_evidence="confirmed"),
                 certificate(policy(policy_number="GL 77")))
    deficiency = the(result, "ADDITIONAL_INSURED_NOT_CONFIRMED")
    assert deficiency["message"] == (
        "Additional insured on general liability is indicated (ADDL INSD marked on policy GL 77) "
        "but not confirmed: no CG 20 10 / CG 20 37 endorsement attached.")
    assert (deficiency["severity"], deficiency["required"], deficiency["actual"]) == (
        "fail", "confirmed", "indicated")


def test_a_form_named_only_in_the_description_is_mentioned_in_the_message() -> None:
    result = run(requirement(subrogation_waived=True, subrogation_waived_evidence="confirmed"),
                 attach(certificate(), "CG 24 04", source="description"))
    message = the(result, "WAIVER_OF_SUBROGATION_NOT_CONFIRMED")["message"]
    assert message.endswith("no CG 24 04 endorsement attached (CG 24 04 named in the "
                            "description of operations, but the endorsement itself is not "
                            "attached).")


def test_a_write_in_coverage_cannot_be_confirmed_and_says_why() -> None:
    req = requirement("other", description="Professional Liability", additional_insured=True,
                      additional_insured_evidence="confirmed")
    result = run(req, attach(certificate(policy("other")), "CG 20 10"))
    assert "no standard endorsement form confirms it for Professional Liability" in the(
        result, "ADDITIONAL_INSURED_NOT_CONFIRMED")["message"]


def test_the_coverage_report_lists_the_state_of_each_required_flag() -> None:
    req = requirement(additional_insured=True, subrogation_waived=True,
                      primary_noncontributory=True)
    result = run(req, attach(certificate(policy(subrogation_waived=False), description=""),
                             "CG 20 10"))
    report = result["coverages"][0]
    assert report["evidence"] == {"additional_insured": "confirmed",
                                  "subrogation_waived": "not_shown",
                                  "primary_noncontributory": "not_shown"}
    assert report["evidence_forms"] == {"additional_insured": ["CG 20 10"]}


def test_flags_not_required_have_no_evidence_entry() -> None:
    assert run(requirement(), certificate())["coverages"][0]["evidence"] == {}


def test_a_missing_coverage_shows_every_required_flag_not_shown() -> None:
    result = run(requirement("automobile_liability", additional_insured=True), certificate())
    assert result["coverages"][0]["evidence"] == {"additional_insured": "not_shown"}


def test_without_endorsements_the_default_template_judges_exactly_as_before() -> None:
    req = requirement(additional_insured=True, subrogation_waived=True,
                      primary_noncontributory=True)
    plain = run(req, certificate(policy(additional_insured=False)))
    assert [d["code"] for d in plain["deficiencies"]] == ["ADDITIONAL_INSURED_MISSING"]
    assert the(plain, "ADDITIONAL_INSURED_MISSING")["message"] == (
        "General liability: additional insured is required, but ADDL INSD is not marked on "
        "policy GE-1.")


def test_description_wording_does_not_indicate_additional_insured() -> None:
    # The guide makes the ADDL INSD box the test; blanket wording names no line.
    result = run(requirement(additional_insured=True),
                 certificate(policy(additional_insured=False),
                             description="Holder is additional insured per written contract."))
    assert result["coverages"][0]["evidence"] == {"additional_insured": "not_shown"}
    assert [d["code"] for d in result["deficiencies"]] == ["ADDITIONAL_INSURED_MISSING"]


def test_an_endorsement_on_another_certificate_does_not_confirm_the_judged_policy() -> None:
    old = attach(certificate(policy(expiration_date="2026-01-01",
                                    effective_date="2025-01-01")), "CG 20 10")
    result = run(requirement(additional_insured=True, additional_insured_evidence="confirmed"),
                 old, certificate())
    assert [d["code"] for d in result["deficiencies"]] == ["ADDITIONAL_INSURED_NOT_CONFIRMED"]


def test_a_confirmed_policy_is_preferred_over_an_indicated_one() -> None:
    result = run(requirement(additional_insured=True, additional_insured_evidence="confirmed"),
                 certificate(policy(policy_number="GL-A")),
                 attach(certificate(policy(policy_number="GL-B")), "CG 20 37"))
    assert result["status"] == "compliant"
    assert result["coverages"][0]["policy"]["policy_number"] == "GL-B"


@pytest.mark.parametrize("value", ["yes", True, "Confirmed", 1])
def test_bad_evidence_demands_are_refused_naming_the_key(value) -> None:
    with pytest.raises(RequirementsError, match=r"coverages\[0\].additional_insured_evidence"):
        parse_requirements(template(requirement(additional_insured_evidence=value)))


def test_evidence_demand_defaults_to_indicated() -> None:
    parsed = parse_requirements(template(requirement(additional_insured=True,
                                                     subrogation_waived_evidence=None)))
    coverage = parsed.coverages[0]
    assert coverage.demanded_evidence("additional_insured") == "indicated"
    assert coverage.demanded_evidence("subrogation_waived") is None  # not required


def test_endorsements_of_the_wrong_kind_are_refused() -> None:
    with pytest.raises(CertificateError, match=r"endorsements\[0\].form"):
        evaluate(template(), [{**certificate(), "endorsements": [{"form": 2010}]}], as_of=AS_OF)


@pytest.mark.parametrize(("text", "number"), [
    ("CG 20 10", "CG 20 10"), ("cg2010", "CG 20 10"), ("CG-20-10 04 13", "CG 20 10"),
    ("WC000313", "WC 00 03 13"), ("WC 00 03 13 04 84", "WC 00 03 13"), ("Manuscript", "MANUSCRIPT"),
])
def test_form_numbers_are_compared_in_one_spelling(text, number) -> None:
    assert canonical_number(text) == number


def test_families_follow_the_coverage_line() -> None:
    assert "CG 20 37" in family("additional_insured", GL)
    assert family("additional_insured", "umbrella_liability") == family("additional_insured", GL)
    assert family("subrogation_waived", "workers_compensation") == {"WC 00 03 13"}
    assert family("subrogation_waived", "automobile_liability") == {"CA 04 44"}
    assert family("additional_insured", "other") == frozenset()
