"""What the deficiencies say: plain sentences that show the arithmetic, and their fields."""

from __future__ import annotations

from coitrack.rules import evaluate
from coitrack.rules.tests.builders import (
    AS_OF,
    CARRIERS,
    VENDOR,
    certificate,
    policy,
    requirement,
    template,
    the,
)

STACKABLE = ["general_liability.each_occurrence"]


def umbrella(each: int) -> dict:
    return policy("umbrella_liability", policy_number="UMB-1",
                  limits={"each_occurrence": each, "aggregate": each})


def test_shortfall_without_umbrella_shows_the_unstacked_total() -> None:
    result = evaluate(
        template(requirement(limits={"each_occurrence": 2_000_000}),
                 umbrella_applies_to=STACKABLE),
        [certificate()], as_of=AS_OF,
    )
    deficiency = the(result, "LIMIT_BELOW_MINIMUM")
    assert deficiency["message"] == (
        "General liability each occurrence is $1,000,000 (with umbrella: $1,000,000); "
        "$2,000,000 required."
    )
    assert (deficiency["required"], deficiency["actual"]) == (2_000_000, 1_000_000)


def test_shortfall_with_umbrella_shows_the_sum() -> None:
    result = evaluate(
        template(requirement(limits={"each_occurrence": 5_000_000}),
                 umbrella_applies_to=STACKABLE),
        [certificate(policy(), umbrella(3_000_000))], as_of=AS_OF,
    )
    deficiency = the(result, "LIMIT_BELOW_MINIMUM")
    assert deficiency["message"] == (
        "General liability each occurrence is $1,000,000 (with umbrella: $1,000,000 + "
        "$3,000,000 = $4,000,000); $5,000,000 required."
    )
    assert deficiency["actual"] == 4_000_000


def test_pass_with_stacking_is_explained_in_the_coverage_report() -> None:
    result = evaluate(
        template(requirement(limits={"each_occurrence": 5_000_000}),
                 umbrella_applies_to=STACKABLE),
        [certificate(policy(), umbrella(4_000_000))], as_of=AS_OF,
    )
    check = result["coverages"][0]["limits"][0]
    assert check == {
        "limit": "each_occurrence",
        "required": 5_000_000,
        "shown": 1_000_000,
        "umbrella": 4_000_000,
        "actual": 5_000_000,
        "met": True,
        "message": "General liability each occurrence $1,000,000 + umbrella $4,000,000 = "
                   "$5,000,000 >= $5,000,000 required.",
    }


def test_shortfall_of_a_limit_that_cannot_be_stacked() -> None:
    result = evaluate(template(requirement("automobile_liability",
                                           limits={"combined_single_limit": 2_000_000})),
                      [certificate(policy("automobile_liability"))], as_of=AS_OF)
    assert the(result, "LIMIT_BELOW_MINIMUM")["message"] == (
        "Automobile liability combined single limit is $1,000,000; $2,000,000 required."
    )


def test_limit_not_shown_has_null_actual() -> None:
    result = evaluate(template(requirement(limits={"medical_expense": 5_000})),
                      [certificate()], as_of=AS_OF)
    deficiency = the(result, "LIMIT_BELOW_MINIMUM")
    assert deficiency["actual"] is None
    assert deficiency["message"] == "General liability medical expense (any one person) is not " \
                                    "shown; $5,000 required."


def test_write_in_coverage_is_named_by_its_description() -> None:
    result = evaluate(
        template(requirement("other", description="Professional Liability",
                             limits={"each_claim": 2_000_000})),
        [certificate(policy("other"))], as_of=AS_OF,
    )
    deficiency = the(result, "LIMIT_BELOW_MINIMUM")
    assert (deficiency["coverage"], deficiency["limit"]) == ("other", "each_claim")
    assert deficiency["message"].startswith("Professional Liability each claim is $1,000,000")


def test_deficiency_has_exactly_the_documented_keys() -> None:
    result = evaluate(template(requirement(limits={"each_occurrence": 2_000_000})),
                      [certificate()], as_of=AS_OF)
    assert list(result["deficiencies"][0]) == ["code", "severity", "coverage", "limit",
                                               "required", "actual", "waived", "message"]
    assert list(result)[:3] == ["status", "as_of", "deficiencies"]


def test_severity_is_warn_for_expiring_and_fail_otherwise() -> None:
    result = evaluate(
        template(requirement(additional_insured=True), expiring_within_days=30),
        [certificate(policy(additional_insured=False, expiration_date="2026-06-10"))],
        as_of=AS_OF,
    )
    assert the(result, "POLICY_EXPIRING")["severity"] == "warn"
    assert the(result, "ADDITIONAL_INSURED_MISSING")["severity"] == "fail"


def test_expired_policy_message_names_the_policy_and_date() -> None:
    result = evaluate(template(), [certificate(policy(policy_number="GL 6D04521A",
                                                      expiration_date="2026-05-31"))],
                      as_of=AS_OF)
    deficiency = the(result, "POLICY_EXPIRED")
    assert deficiency["message"] == ("General liability policy GL 6D04521A expired on "
                                     "2026-05-31 (as of 2026-06-01).")
    assert deficiency["actual"] == "2026-05-31"


def test_insurer_rating_deficiency_shows_required_and_actual_ratings() -> None:
    result = evaluate(
        template(insurer={"min_rating": "A-", "min_financial_size": "IX"}),
        [certificate(insurers=[{"letter": "A", "name": "Weak Mutual Insurance Company",
                                "naic": "11111"}])],
        as_of=AS_OF, carriers=CARRIERS,
    )
    deficiency = the(result, "INSURER_RATING_BELOW_MINIMUM")
    assert (deficiency["required"], deficiency["actual"]) == ("A- IX", "B+ VIII")
    assert deficiency["message"] == ("General liability insurer Weak Mutual Insurance Company is "
                                     "rated B+ VIII; at least A- IX required.")


def test_named_insured_mismatch_quotes_both_names_with_null_coverage() -> None:
    result = evaluate(template(), [certificate(insured="Acme Roofers")], as_of=AS_OF,
                      vendor_name=VENDOR, vendor_dba="Top Roofs")
    deficiency = the(result, "NAMED_INSURED_MISMATCH")
    assert (deficiency["coverage"], deficiency["limit"]) == (None, None)
    assert deficiency["message"] == ('The named insured "Acme Roofers" does not match the vendor '
                                     '"Acme Roofing LLC" (DBA "Top Roofs").')


def test_data_inconsistency_is_named_after_the_policy_coverage() -> None:
    result = evaluate(template(), [certificate(policy(), policy("automobile_liability",
                                                                insurer_letter="C"))],
                      as_of=AS_OF)
    deficiency = the(result, "DATA_INCONSISTENT")
    assert deficiency["coverage"] == "automobile_liability"
    assert "insurer C" in deficiency["message"]
