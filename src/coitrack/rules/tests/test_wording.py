"""Wording checks on the description of operations."""

from __future__ import annotations

import pytest

from coitrack.rules import evaluate
from coitrack.rules.money import format_money
from coitrack.rules.tests.builders import AS_OF, certificate, codes, requirement, template
from coitrack.rules.wording import contains_wording, normalize_wording


@pytest.mark.parametrize(
    "text",
    [
        "Coverage is primary and non-contributory.",
        "PRIMARY & NON-CONTRIBUTORY basis",
        "primary/non-contributory",
        "primary and noncontributory",
        "Primary   and\nNon-Contributory per written contract",
        "primary / noncontributory",
    ],
)
def test_primary_noncontributory_wording_is_recognized(text) -> None:
    result = evaluate(template(requirement(primary_noncontributory=True)),
                      [certificate(description=text)], as_of=AS_OF)
    assert result["status"] == "compliant"


@pytest.mark.parametrize("text", ["", "primary coverage", "non-contributory", "Primary insurance"])
def test_primary_noncontributory_needs_the_phrase(text) -> None:
    result = evaluate(template(requirement(primary_noncontributory=True)),
                      [certificate(description=text)], as_of=AS_OF)
    assert codes(result) == ["PRIMARY_NONCONTRIBUTORY_MISSING"]


def test_wording_ignores_case_and_runs_of_spaces() -> None:
    assert normalize_wording("  Per\tProject   AGGREGATE ") == "per project aggregate"
    assert contains_wording("PROFESSIONAL   LIABILITY / E&O", "professional liability")
    assert not contains_wording("Professional", "")


@pytest.mark.parametrize(("amount", "text"), [(0, "$0"), (1_000_000, "$1,000,000"),
                                              (999, "$999"), (None, "not shown")])
def test_money_is_formatted_with_dollar_sign_and_thousands(amount, text) -> None:
    assert format_money(amount) == text
