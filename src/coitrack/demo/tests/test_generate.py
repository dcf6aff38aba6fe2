"""The demo generator: deterministic, realistic, and always showing every situation."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from coitrack.demo.data import Scenario, VendorData
from coitrack.demo.generate import demo_projects, generate, iter_vendors

TODAY = dt.date(2026, 3, 14)


@pytest.fixture(scope="module")
def demo():
    return generate(today=TODAY)


def next_expiration(vendor: VendorData) -> dt.date | None:
    """What the vendor list shows: the first expiry among current policies of accepted ones."""
    dates = [p.expiration_date for c in vendor.certificates
             if c.status == "accepted" and c.superseded_by is None for p in c.policies]
    return min(dates, default=None)


def test_same_seed_and_day_give_identical_data(demo):
    assert generate(today=TODAY) == demo


def test_another_seed_gives_other_vendors(demo):
    other = generate(today=TODAY, seed=1)
    assert [v.legal_name for v in other.vendors] != [v.legal_name for v in demo.vendors]


def test_default_demo_has_two_hundred_vendors_with_one_to_three_certificates(demo):
    assert len(demo.vendors) == 200
    counts = {len(v.certificates) for v in demo.vendors}
    assert counts == {0, 1, 2, 3}


def test_some_vendors_are_expired(demo):
    expired = [v for v in demo.vendors if (d := next_expiration(v)) and d < TODAY]
    assert len(expired) >= 10


def test_some_vendors_expire_within_thirty_days(demo):
    soon = [v for v in demo.vendors
            if (d := next_expiration(v)) and TODAY <= d <= TODAY + dt.timedelta(days=30)]
    assert len(soon) >= 10


def test_most_vendors_with_certificates_are_current_beyond_thirty_days(demo):
    current = [v for v in demo.vendors
               if (d := next_expiration(v)) and d > TODAY + dt.timedelta(days=30)]
    assert len(current) >= len(demo.vendors) // 3


def test_some_vendors_have_no_certificate(demo):
    assert sum(1 for v in demo.vendors if not v.certificates) >= 10


def test_superseded_certificates_point_at_a_newer_certificate_of_the_same_vendor(demo):
    superseded = [(v, c) for v in demo.vendors for c in v.certificates
                  if c.status == "superseded"]
    assert len(superseded) >= 10
    for vendor, certificate in superseded:
        successor = vendor.certificates[certificate.superseded_by]
        assert successor.received_date >= certificate.received_date
        for policy in certificate.policies:
            assert policy.superseded_by is not None
            assert successor.policies[policy.superseded_by].coverage == policy.coverage


def test_certificates_awaiting_review_or_reading_have_no_data_yet(demo):
    waiting = [c for v in demo.vendors for c in v.certificates
               if c.status in {"received", "needs_review"} and not c.policies]
    assert {c.status for c in waiting} == {"received", "needs_review"}
    assert all(c.insured_name == "" and not c.insurers for c in waiting)


def test_flagged_certificates_need_review_with_a_reason(demo):
    flagged = [c for v in demo.vendors for c in v.certificates
               if c.status == "needs_review" and c.policies]
    assert flagged
    assert all(c.status_reason for c in flagged)


def test_some_accepted_certificates_lack_workers_comp_or_general_liability(demo):
    incomplete = [v for v in demo.vendors if v.scenario is Scenario.MISSING_LINE]
    assert incomplete
    for vendor in incomplete:
        lines = {p.coverage for p in vendor.certificates[-1].policies}
        assert not {"workers_compensation", "general_liability"} <= lines


def test_every_scenario_appears_even_in_a_small_demo():
    small = generate(today=TODAY, vendors=len(Scenario))
    assert {v.scenario for v in small.vendors} == set(Scenario)


def test_vendor_legal_names_are_unique_and_carry_a_company_suffix(demo):
    names = [v.legal_name for v in demo.vendors]
    assert len(set(names)) == len(names)
    assert all(re.search(r"(LLC|Inc\.|Co\.|Corp\.|Company|Corporation)$", n) for n in names)
    assert any(v.dba for v in demo.vendors)


def test_policies_have_consistent_dates_limits_and_insurers(demo):
    for vendor in demo.vendors:
        for certificate in vendor.certificates:
            letters = {i.letter for i in certificate.insurers}
            assert all(re.fullmatch(r"\d{5}", i.naic) for i in certificate.insurers)
            for policy in certificate.policies:
                assert policy.insurer_letter in letters
                assert policy.expiration_date > policy.effective_date
                if policy.coverage == "general_liability":
                    assert (policy.limits["each_occurrence"]
                            <= policy.limits["products_completed_operations_aggregate"])


def test_policy_numbers_never_repeat_within_a_vendor(demo):
    for vendor in demo.vendors:
        numbers = [p.policy_number for c in vendor.certificates for p in c.policies]
        assert len(numbers) == len(set(numbers)), vendor.legal_name


def test_certificates_are_never_received_in_the_future(demo):
    assert all(c.received_date <= TODAY for v in demo.vendors for c in v.certificates)


def test_contacts_use_reserved_domains_so_no_real_mailbox_is_written_to(demo):
    emails = [c.email for v in demo.vendors for c in v.contacts]
    assert emails
    assert all(e.endswith(".example") for e in emails)
    assert any(c.role == "agent" for v in demo.vendors for c in v.contacts)


def test_projects_include_finished_and_running_ones(demo):
    assert len(demo.projects) == 6
    assert any(p.end_date and p.end_date < TODAY for p in demo.projects)
    assert any(p.start_date <= TODAY and (p.end_date is None or p.end_date >= TODAY)
               for p in demo.projects)


def test_a_certificate_target_is_met_by_adding_earlier_renewals():
    vendors = list(iter_vendors(count=300, seed=5, today=TODAY, owners=["a"],
                                projects=demo_projects(TODAY), target_certificates=900))
    total = sum(len(v.certificates) for v in vendors)
    assert 890 <= total <= 900
