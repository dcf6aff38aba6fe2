"""Misinformation flags: each fires when it should, and a clean renewal raises none.

The story of every row: the vendor's previous certificate (2025-2026 term) and a new certificate
that renews it (2026-2027, same insurer, same limits). Each case changes one thing.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from coitrack.rules import misinformation as mi
from coitrack.rules.carriers import parse_carriers_csv
from coitrack.rules.certificates import CertificateError
from coitrack.rules.tests import pdf_samples as pdf
from coitrack.rules.tests.builders import VENDOR, certificate, policy, requirement, template

CARRIERS = parse_carriers_csv(
    "name,naic,am_best_rating,financial_size\n"
    "Zurich American Insurance Company,16535,A+,XV\n"
    "Travelers Casualty and Surety Company of America,31194,A++,XV\n"
)
ZURICH = {"letter": "A", "name": "Zurich American Insurance Company", "naic": "16535"}
TRAVELERS = {"letter": "A", "name": "Travelers Casualty and Surety Company of America",
             "naic": "31194"}


def previous_certificate() -> dict[str, Any]:
    cert = certificate(
        policy(policy_number="GL-1", effective_date="2025-01-01", expiration_date="2026-01-01"),
        policy("automobile_liability", policy_number="AU-1", effective_date="2025-01-01",
               expiration_date="2026-01-01",
               limits={"combined_single_limit": 2_000_000}),
        insurers=[dict(ZURICH)],
    )
    cert["certificate_date"] = "2025-01-02"
    return cert


def renewal() -> dict[str, Any]:
    """The clean renewal: same numbers (insurers often keep them), next term, same limits."""
    cert = certificate(
        policy(policy_number="GL-1"),
        policy("automobile_liability", policy_number="AU-1",
               limits={"combined_single_limit": 2_000_000}),
        insurers=[dict(ZURICH)],
    )
    cert["certificate_date"] = "2025-12-20"
    return cert


def gl(cert: dict[str, Any]) -> dict[str, Any]:
    return cert["policies"][0]


@dataclass
class Case:
    change: Callable[[dict[str, Any]], None] = lambda cert: None
    codes: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    previous: Callable[[], list[dict[str, Any]]] = lambda: [previous_certificate()]


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change setting ``policies.0.limits.each_occurrence``-style paths."""
    def change(cert: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = cert
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return change


def _both(*changes: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def change(cert: dict[str, Any]) -> None:
        for one in changes:
            one(cert)
    return change


def _mid_term_switch(cert: dict[str, Any]) -> None:
    cert["insurers"] = [dict(TRAVELERS)]
    cert["certificate_date"] = "2025-07-01"
    gl(cert).update(policy_number="TR-9", effective_date="2025-07-01",
                    expiration_date="2026-07-01")
    cert["policies"] = [gl(cert)]


def _switch_at_renewal(cert: dict[str, Any]) -> None:
    cert["insurers"] = [dict(TRAVELERS)]
    gl(cert)["policy_number"] = "TR-9"
    cert["policies"] = [gl(cert)]


GL_AUTO_TEMPLATE = template(
    requirement(limits={"each_occurrence": 1_000_000, "general_aggregate": 2_000_000}),
    requirement("automobile_liability", limits={"combined_single_limit": 2_000_000}),
)

CASES: dict[str, Case] = {
    # Clean renewals: nothing to flag.
    "clean renewal": Case(),
    "clean renewal, no history": Case(previous=lambda: []),
    "renewal with new policy numbers": Case(_both(_set("policies.0.policy_number", "GL-2"),
                                                  _set("policies.1.policy_number", "AU-2"))),
    "renewal with higher limits": Case(_set("policies.0.limits.each_occurrence", 2_000_000)),
    "insurer switched at the renewal date": Case(_switch_at_renewal),
    "same term reprinted for another holder": Case(
        _both(_set("policies.0.effective_date", "2025-01-01"),
              _set("policies.0.expiration_date", "2026-01-01"),
              _set("policies.1.effective_date", "2025-01-01"),
              _set("policies.1.expiration_date", "2026-01-01"),
              _set("certificate_date", "2025-03-01"),
              _set("certificate_holder.name", "Someone Else LLC"))),
    "insured printed with a DBA and punctuation": Case(
        _set("insured.name", "ACME ROOFING, L.L.C. d/b/a Acme Roofs")),
    "insured is the DBA": Case(_set("insured.name", "Acme Roofs"),
                               options={"vendor_dba": "Acme Roofs Inc"}),
    "insurer name abbreviated": Case(_set("insurers.0.name", "Zurich American Ins Co"),
                                     options={"carriers": CARRIERS}),
    "insurer not in the carrier table": Case(
        _set("insurers.0", {"letter": "A", "name": "Other Mutual", "naic": "99999"}),
        options={"carriers": CARRIERS}),
    "limits above the minimum": Case(options={"requirements": [template(
        requirement(limits={"each_occurrence": 500_000}),
        requirement("automobile_liability", limits={"combined_single_limit": 2_000_000}))]}),
    "only one line at its minimum": Case(options={"requirements": [template(
        requirement(limits={"each_occurrence": 1_000_000, "general_aggregate": 2_000_000}))]}),
    "a required line missing": Case(options={"requirements": [template(
        requirement(limits={"each_occurrence": 1_000_000}),
        requirement("automobile_liability", limits={"combined_single_limit": 2_000_000}),
        requirement("workers_compensation", limits={"el_each_accident": 1_000_000}))]}),
    "printed PDF": Case(options={"pdf_bytes": pdf.printed()}),
    "filled-in fillable PDF": Case(options={"pdf_bytes": pdf.with_field_filled(pdf.fillable())}),
    # Each flag.
    "insured differs": Case(_set("insured.name", "Acme Roofing Holdings LLC"),
                            [mi.NAMED_INSURED_DIFFERS]),
    "same number, same term, other dates": Case(
        _both(_set("policies.0.effective_date", "2025-01-01"),
              _set("policies.0.expiration_date", "2026-06-01"),
              _set("policies.1.effective_date", "2025-01-01"),
              _set("policies.1.expiration_date", "2026-01-01"),
              _set("certificate_date", "2025-03-01")),
        [mi.POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS]),
    "same number, same term, other limits": Case(
        _both(_set("policies.1.effective_date", "2025-01-01"),
              _set("policies.1.expiration_date", "2026-01-01"),
              _set("policies.1.limits.combined_single_limit", 1_000_000),
              _set("policies.1.policy_number", "au 1"),
              _set("policies.0.policy_number", "GL-5"),
              _set("certificate_date", "2025-03-01")),
        [mi.POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS, mi.LIMIT_REDUCED_AT_RENEWAL]),
    "limit reduced at renewal": Case(_set("policies.0.limits.general_aggregate", 1_000_000),
                                     [mi.LIMIT_REDUCED_AT_RENEWAL]),
    "insurer changed mid-term": Case(_mid_term_switch, [mi.INSURER_CHANGED_MID_TERM]),
    "NAIC of another insurer in the table": Case(
        _set("insurers.0.naic", "31194"), [mi.NAIC_NAME_MISMATCH],
        options={"carriers": CARRIERS}),
    "name of a table insurer with another NAIC": Case(
        _set("insurers.0.naic", "11111"), [mi.NAIC_NAME_MISMATCH],
        options={"carriers": CARRIERS}),
    "certificate dated before the previous one": Case(_set("certificate_date", "2024-12-01"),
                                                      [mi.CERTIFICATE_DATE_OLDER]),
    "expiration before effective": Case(_set("policies.1.expiration_date", "2025-12-01"),
                                        [mi.SELF_CONTRADICTING]),
    "each occurrence above the aggregate": Case(
        _both(_set("policies.0.limits.each_occurrence", 3_000_000),
              _set("policies.0.limits.general_aggregate", 2_000_000)),
        [mi.SELF_CONTRADICTING]),
    "insurer letter not listed": Case(_set("policies.1.insurer_letter", "C"),
                                      [mi.SELF_CONTRADICTING]),
    "sublimit above its limit": Case(_set("policies.0.limits.medical_expense", 5_000_000),
                                     [mi.SELF_CONTRADICTING]),
    "dated after every policy expired": Case(_set("certificate_date", "2027-02-01"),
                                             [mi.SELF_CONTRADICTING]),
    "every limit exactly at the minimum": Case(options={"requirements": [GL_AUTO_TEMPLATE]},
                                               codes=[mi.LIMITS_EXACTLY_AT_MINIMUM]),
    "PDF edited in another program": Case(
        codes=[mi.PDF_EDITED_AFTER_PRODUCTION],
        options={"pdf_bytes": pdf.printed(producer=pdf.ACROBAT,
                                          modified="D:20260309120000-05'00'")}),
    "PDF with typed text added": Case(codes=[mi.PDF_EDITED_AFTER_PRODUCTION],
                                      options={"pdf_bytes": pdf.with_typed_text(pdf.printed())}),
}


def run(case: Case) -> list[mi.Flag]:
    new = renewal()
    case.change(new)
    options = {"vendor_legal_name": VENDOR, "vendor_dba": None, **case.options}
    return mi.find_flags(certificate=new, previous=case.previous(), **options)


@pytest.mark.parametrize("name", list(CASES))
def test_flags(name):
    case = CASES[name]
    flags = run(case)
    assert [f.code for f in flags] == case.codes, [f.message for f in flags]


def test_every_code_has_a_case_and_a_title():
    covered = {code for case in CASES.values() for code in case.codes}
    assert covered == set(mi.CODES) == set(mi.TITLES)


def message(name: str, code: str) -> str:
    [flag] = [f for f in run(CASES[name]) if f.code == code]
    return flag.message


def test_messages_show_the_values_involved():
    assert message("insured differs", mi.NAMED_INSURED_DIFFERS) == (
        'The named insured "Acme Roofing Holdings LLC" does not match the vendor\'s legal name '
        '"Acme Roofing LLC".'
    )
    assert message("limit reduced at renewal", mi.LIMIT_REDUCED_AT_RENEWAL) == (
        "General liability limits are lower than on the earlier certificate dated 2025-01-02 "
        "(policy GL-1, 2025-01-01 to 2026-01-01): general aggregate $1,000,000 (was $2,000,000)."
    )
    assert message("same number, same term, other dates",
                   mi.POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS) == (
        "General liability policy GL-1 is also on the earlier certificate dated 2025-01-02 for "
        "the same term, with other terms: expiration date 2026-01-01 then 2026-06-01 now."
    )
    assert message("insurer changed mid-term", mi.INSURER_CHANGED_MID_TERM) == (
        "General liability is now with Travelers Casualty and Surety Company of America "
        "(NAIC 31194) from 2025-07-01, but policy GL-1 with Zurich American Insurance Company "
        "(NAIC 16535) on the earlier certificate dated 2025-01-02 runs until 2026-01-01 and was "
        "in force on 2025-07-01."
    )
    assert message("NAIC of another insurer in the table", mi.NAIC_NAME_MISMATCH) == (
        'Insurer A is printed as "Zurich American Insurance Company" with NAIC 31194, but the '
        'carrier table lists NAIC 31194 as "Travelers Casualty and Surety Company of America".'
    )
    assert message("certificate dated before the previous one", mi.CERTIFICATE_DATE_OLDER) == (
        "The certificate is dated 2024-12-01, before the previous certificate's date 2025-01-02."
    )
    assert message("sublimit above its limit", mi.SELF_CONTRADICTING) == (
        "General liability policy GL-1: medical expense (any one person) $5,000,000 is above its "
        "each occurrence $1,000,000."
    )
    assert message("dated after every policy expired", mi.SELF_CONTRADICTING) == (
        "The certificate is dated 2027-02-01, when every policy on it had already expired (the "
        "last on 2027-01-01)."
    )
    assert message("every limit exactly at the minimum", mi.LIMITS_EXACTLY_AT_MINIMUM) == (
        "Every required limit is exactly at its minimum on every line: General liability each "
        "occurrence $1,000,000, general aggregate $2,000,000; Automobile liability combined "
        "single limit $2,000,000."
    )
    assert message("PDF with typed text added", mi.PDF_EDITED_AFTER_PRODUCTION) == (
        "The PDF shows signs of editing after it was produced: an update saved on top of the "
        "original file adds typed text (FreeText) on page 1."
    )


def test_details_point_at_the_previous_certificate():
    older, newest = previous_certificate(), previous_certificate()
    older["certificate_date"] = "2024-06-01"
    new = renewal()
    gl(new)["limits"]["general_aggregate"] = 1_000_000
    [flag] = mi.find_flags(certificate=new, vendor_legal_name=VENDOR, previous=[newest, older])
    assert flag.details["previous_index"] == 0
    assert flag.details["reductions"] == {"general_aggregate": [2_000_000, 1_000_000]}


def test_the_newest_certificate_with_the_coverage_is_the_renewal_reference():
    auto_only = copy.deepcopy(previous_certificate())
    auto_only["policies"] = auto_only["policies"][1:]
    new = renewal()
    gl(new)["limits"]["general_aggregate"] = 1_000_000
    [flag] = mi.find_flags(certificate=new, vendor_legal_name=VENDOR,
                           previous=[auto_only, previous_certificate()])
    assert (flag.code, flag.details["previous_index"]) == (mi.LIMIT_REDUCED_AT_RENEWAL, 1)


def test_an_old_certificate_filed_late_is_not_a_reduction():
    old = previous_certificate()
    gl(old)["limits"]["general_aggregate"] = 1_000_000
    old["certificate_date"] = "2025-12-20"
    codes = [f.code for f in mi.find_flags(certificate=old, vendor_legal_name=VENDOR,
                                           previous=[renewal()])]
    assert mi.LIMIT_REDUCED_AT_RENEWAL not in codes


def test_write_in_lines_compare_by_description():
    previous = certificate(policy("other", description="Professional Liability",
                                  effective_date="2025-01-01", expiration_date="2026-01-01"))
    cyber = certificate(policy("other", description="Cyber Liability",
                               limits={"each_claim": 100_000, "aggregate": 100_000}))
    professional = certificate(policy("other", description="professional  liability",
                                      limits={"each_claim": 100_000, "aggregate": 100_000}))
    assert mi.find_flags(certificate=cyber, vendor_legal_name=VENDOR, previous=[previous]) == []
    assert [f.code for f in mi.find_flags(certificate=professional, vendor_legal_name=VENDOR,
                                          previous=[previous])] == [mi.LIMIT_REDUCED_AT_RENEWAL]


def test_the_same_template_line_twice_must_be_exact_for_both():
    strict = template(requirement(limits={"each_occurrence": 2_000_000}),
                      requirement("automobile_liability",
                                  limits={"combined_single_limit": 2_000_000}))
    flags = mi.find_flags(certificate=renewal(), vendor_legal_name=VENDOR,
                          requirements=[GL_AUTO_TEMPLATE, strict])
    assert flags == []


def test_an_invalid_template_is_ignored():
    flags = mi.find_flags(certificate=renewal(), vendor_legal_name=VENDOR,
                          requirements=[{"name": "broken"}, GL_AUTO_TEMPLATE])
    assert [f.code for f in flags] == [mi.LIMITS_EXACTLY_AT_MINIMUM]


def test_a_blank_insured_is_not_flagged():
    new = renewal()
    new["insured"]["name"] = ""
    assert mi.find_flags(certificate=new, vendor_legal_name=VENDOR) == []


def test_a_certificate_with_nothing_entered_has_no_flags():
    assert mi.find_flags(certificate={}, vendor_legal_name=VENDOR,
                         previous=[previous_certificate()], carriers=CARRIERS,
                         requirements=[GL_AUTO_TEMPLATE], pdf_bytes=b"") == []


def test_a_malformed_certificate_date_is_refused():
    new = renewal()
    new["certificate_date"] = "03/01/2026"
    with pytest.raises(CertificateError, match="certificate_date"):
        mi.find_flags(certificate=new, vendor_legal_name=VENDOR)


@pytest.mark.parametrize(("printed", "table"), [
    ("Zurich American Ins. Co.", "Zurich American Insurance Company"),
    ("The Travelers Cas & Sur Co of America", "Travelers Casualty and Surety Company of America"),
    ("Natl Fire Ins Co of Hartford", "National Fire Insurance Company of Hartford"),
])
def test_insurer_names_compare_with_their_abbreviations(printed, table):
    assert mi.insurer_name_key(printed) == mi.insurer_name_key(table)


def test_inverted_dates_are_one_contradiction_not_two():
    new = renewal()
    new["policies"] = [gl(new)]
    gl(new)["expiration_date"] = "2025-06-01"  # before its 2026-01-01 effective date
    flags = mi.find_flags(certificate=new, vendor_legal_name=VENDOR)
    assert [f.code for f in flags] == [mi.SELF_CONTRADICTING]
    assert "on or before its effective date" in flags[0].message
