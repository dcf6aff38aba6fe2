"""Waivers: applying, expiring by date and by renewal, project-limited, audited, revocable."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from coitrack.audit.models import Event
from coitrack.certificates.models import Policy
from coitrack.compliance.models import OpenDeficiency, Waiver
from coitrack.compliance.services import evaluate_vendor
from coitrack.compliance.services.waivers import create_waiver, revoke_waiver
from coitrack.compliance.tests.helpers import assign, gl_certificate, template
from coitrack.testing import factories

LIMIT = {"code": "LIMIT_BELOW_MINIMUM", "coverage": "general_liability",
         "limit": "each_occurrence"}


def at(day: dt.date):
    """Noon UTC on ``day`` (the organization's time zone is UTC in these tests)."""
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC),
                               tick=False)


@pytest.fixture
def short(org):
    """A vendor whose GL each-occurrence limit is $500,000 short of the template's $1,000,000."""
    roofing = factories.vendor_type(org, "Roofing")
    vendor = factories.vendor(org, "Apex Roofing LLC", vendor_type=roofing)
    assign(template(org), vendor_type=roofing)
    gl_certificate(vendor, each_occurrence=500_000)
    with at(dt.date(2026, 6, 1)):
        assert evaluate_vendor(vendor).status == "non_compliant"
    return vendor


def waive(org, user, vendor, **kwargs):
    kwargs.setdefault("reason", "Owner accepted the lower limit for this small job")
    return create_waiver(organization=org, actor=user, vendor=vendor, **{**LIMIT, **kwargs})


def test_a_waived_deficiency_stays_listed_marked_waived_and_does_not_count(
        org, reviewer_user, short):
    with at(dt.date(2026, 6, 1)):
        waiver = waive(org, reviewer_user, short, expires_on=dt.date(2026, 7, 1))
        evaluation = evaluate_vendor(short)
    assert evaluation.status == "compliant"
    [deficiency] = evaluation.deficiencies
    assert deficiency["waived"] is True and deficiency["waiver_id"] == waiver.pk
    assert not OpenDeficiency.objects.filter(vendor=short).exists()


def test_granting_a_waiver_re_evaluates_the_vendor_after_commit(
        org, reviewer_user, short, django_capture_on_commit_callbacks):
    with at(dt.date(2026, 6, 1)), django_capture_on_commit_callbacks(execute=True):
        waive(org, reviewer_user, short, expires_on=dt.date(2026, 7, 1))
    short.refresh_from_db()
    assert short.compliance_status == "compliant"


def test_a_waiver_stops_applying_on_its_expiry_date(org, reviewer_user, short):
    with at(dt.date(2026, 6, 1)):
        waive(org, reviewer_user, short, expires_on=dt.date(2026, 7, 1))
    with at(dt.date(2026, 6, 30)):
        assert evaluate_vendor(short).status == "compliant"
    with at(dt.date(2026, 7, 1)):
        evaluation = evaluate_vendor(short)
    assert evaluation.status == "non_compliant"
    assert evaluation.deficiencies[0]["waived"] is False


def test_an_until_renewal_waiver_ends_when_the_policy_renews(org, reviewer_user, short):
    with at(dt.date(2026, 6, 1)):
        waiver = waive(org, reviewer_user, short, until_renewal=True)
        assert waiver.renewal_of_expiration == dt.date(2027, 1, 1)
        assert evaluate_vendor(short).status == "compliant"
        # The renewal arrives with the same short limit: the waiver no longer covers it.
        Policy.objects.filter(vendor=short).update(expiration_date=dt.date(2028, 1, 1))
        evaluation = evaluate_vendor(short)
    assert evaluation.status == "non_compliant"
    assert evaluation.deficiencies[0]["waived"] is False


def test_a_waiver_only_matches_its_own_code_coverage_and_limit(org, reviewer_user, short):
    with at(dt.date(2026, 6, 1)):
        waive(org, reviewer_user, short, expires_on=dt.date(2026, 7, 1))
        second = factories.vendor(org, "Other Roofing LLC", vendor_type=short.vendor_type)
        gl_certificate(second, each_occurrence=500_000)
        assert evaluate_vendor(second).status == "non_compliant"


def test_a_project_limited_waiver_applies_only_to_that_projects_templates(
        org, reviewer_user, short):
    tower = factories.project(org, "Harbor Tower")
    short.projects.add(tower)
    assign(template(org, name="Tower GL"), project=tower)
    with at(dt.date(2026, 6, 1)):
        evaluate_vendor(short)
        waive(org, reviewer_user, short, expires_on=dt.date(2026, 7, 1), project=tower)
        evaluation = evaluate_vendor(short)
    waived = {d["template"]: d["waived"] for d in evaluation.deficiencies}
    assert waived == {"General liability 1M": False, "Tower GL": True}
    assert evaluation.status == "non_compliant"


def test_waiving_needs_a_reason_and_an_end(org, reviewer_user, short):
    with at(dt.date(2026, 6, 1)), pytest.raises(ValidationError) as error:
        waive(org, reviewer_user, short, reason="  ")
    assert set(error.value.error_dict) == {"reason", "expires_on"}
    assert not Waiver.objects.exists()


def test_an_expiry_date_in_the_past_is_refused(org, reviewer_user, short):
    with at(dt.date(2026, 6, 1)), pytest.raises(ValidationError):
        waive(org, reviewer_user, short, expires_on=dt.date(2026, 6, 1))


def test_a_deficiency_the_vendor_does_not_have_cannot_be_waived(org, reviewer_user, short):
    with at(dt.date(2026, 6, 1)), pytest.raises(ValidationError):
        waive(org, reviewer_user, short, expires_on=dt.date(2026, 7, 1),
              code="ADDITIONAL_INSURED_MISSING", limit=None)


def test_another_organizations_vendor_cannot_be_waived(other_org, reviewer_user, short):
    with at(dt.date(2026, 6, 1)), pytest.raises(ValidationError):
        waive(other_org, reviewer_user, short, expires_on=dt.date(2026, 7, 1))


def test_granting_and_revoking_are_audited_on_the_vendor(org, reviewer_user, short):
    with at(dt.date(2026, 6, 1)):
        waiver = waive(org, reviewer_user, short, expires_on=dt.date(2026, 7, 1))
        revoke_waiver(organization=org, actor=reviewer_user, waiver=waiver)
    events = Event.objects.filter(vendor_id=short.pk, object_type="waiver").order_by("id")
    assert [e.action for e in events] == ["create", "status"]
    assert events[0].changes["reason"][1] == "Owner accepted the lower limit for this small job"
    assert events[1].changes == {"status": ["in effect", "revoked"]}


def test_revoking_makes_the_deficiency_count_again(
        org, reviewer_user, short, django_capture_on_commit_callbacks):
    with at(dt.date(2026, 6, 1)), django_capture_on_commit_callbacks(execute=True):
        waiver = waive(org, reviewer_user, short, expires_on=dt.date(2026, 7, 1))
        revoke_waiver(organization=org, actor=reviewer_user, waiver=waiver)
    short.refresh_from_db()
    assert short.compliance_status == "non_compliant"
    with at(dt.date(2026, 6, 1)), pytest.raises(ValidationError):
        revoke_waiver(organization=org, actor=reviewer_user, waiver=waiver)
