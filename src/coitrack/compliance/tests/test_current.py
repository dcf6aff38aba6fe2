"""Always current: changes re-evaluate the vendors they touch; bulk runs show progress and agree
with single evaluations; the daily run follows the organization's calendar."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from coitrack.certificates import services as certificates
from coitrack.certificates.models import CertificateStatus
from coitrack.compliance.models import EvaluationRun, VendorEvaluation
from coitrack.compliance.services import (
    evaluate_vendor,
    evaluate_vendors,
    execute_run,
    run_due_daily_reevaluations,
    schedule_reevaluation,
)
from coitrack.compliance.services import schedule as schedule_module
from coitrack.compliance.tests.helpers import assign, gl_certificate, template
from coitrack.testing import factories
from coitrack.vendors import services as vendors


def at(moment: dt.datetime):
    return time_machine.travel(moment, tick=False)


NOON = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)


@pytest.fixture
def roofing(org):
    roofing = factories.vendor_type(org, "Roofing")
    assign(template(org), vendor_type=roofing)
    return roofing


@pytest.fixture
def vendor(org, roofing):
    return factories.vendor(org, "Apex Roofing LLC", vendor_type=roofing)


def status_of(vendor) -> str:
    vendor.refresh_from_db()
    return vendor.compliance_status


def test_accepting_a_certificate_re_evaluates_the_vendor(
        vendor, reviewer_user, django_capture_on_commit_callbacks):
    cert = gl_certificate(vendor, status=CertificateStatus.NEEDS_REVIEW)
    with at(NOON):
        evaluate_vendor(vendor)
        assert status_of(vendor) == "missing"
        with django_capture_on_commit_callbacks(execute=True):
            certificates.accept_certificate(certificate=cert, actor=reviewer_user)
    assert status_of(vendor) == "compliant"


def test_rejecting_the_accepted_certificate_re_evaluates_the_vendor(
        vendor, reviewer_user, django_capture_on_commit_callbacks):
    cert = gl_certificate(vendor)
    with at(NOON), django_capture_on_commit_callbacks(execute=True):
        certificates.reject_certificate(certificate=cert, reason="Wrong vendor",
                                        actor=reviewer_user)
    assert status_of(vendor) == "missing"


def test_a_rolled_back_change_re_evaluates_nothing(vendor, reviewer_user,
                                                   django_capture_on_commit_callbacks):
    from django.db import transaction

    with at(NOON), django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                schedule_reevaluation(organization=vendor.organization, reason="test",
                                      vendor_ids=[vendor.pk])
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not VendorEvaluation.objects.filter(vendor=vendor).exists()


def test_changing_the_vendor_type_re_evaluates_the_vendor(
        org, vendor, admin_user, django_capture_on_commit_callbacks):
    gl_certificate(vendor)
    with at(NOON):
        evaluate_vendor(vendor)
        assert status_of(vendor) == "compliant"
        other = factories.vendor_type(org, "Caterer")
        with django_capture_on_commit_callbacks(execute=True):
            vendors.update_vendor(organization=org, actor=admin_user, vendor=vendor,
                                  data={"vendor_type": other})
    assert status_of(vendor) == "no_requirements"


def test_merging_moves_waivers_and_re_evaluates_the_survivor(
        org, vendor, roofing, admin_user, django_capture_on_commit_callbacks):
    duplicate = factories.vendor(org, "Apex Roofing", vendor_type=roofing)
    gl_certificate(duplicate)
    with at(NOON), django_capture_on_commit_callbacks(execute=True):
        evaluate_vendor(duplicate)
        vendors.merge_vendors(organization=org, actor=admin_user, survivor=vendor,
                              duplicate=duplicate)
    assert status_of(vendor) == "compliant"
    assert not VendorEvaluation.objects.filter(vendor=duplicate).exists()


def test_many_vendors_are_re_evaluated_by_a_background_run_with_progress(
        org, roofing, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(schedule_module, "IN_PROCESS_LIMIT", 2)
    monkeypatch.setattr("coitrack.compliance.services.evaluation.CHUNK", 2)

    many = [factories.vendor(org, f"Roofer {i} LLC", vendor_type=roofing) for i in range(5)]
    for v in many[:3]:
        gl_certificate(v)
    with at(NOON), django_capture_on_commit_callbacks(execute=True):
        run = schedule_reevaluation(organization=org, reason="template edited",
                                    vendor_ids=None)
    run.refresh_from_db()
    assert (run.total, run.done, run.error) == (5, 5, "")
    assert run.started_at and run.finished_at and run.percent == 100
    assert [status_of(v) for v in many] == ["compliant"] * 3 + ["missing"] * 2


def test_requests_while_a_run_is_queued_join_it(org, roofing):
    with at(NOON):
        first = schedule_reevaluation(organization=org, reason="template A edited")
        second = schedule_reevaluation(organization=org, reason="carrier table imported")
    assert first.pk == second.pk
    assert EvaluationRun.objects.get().reason == "template A edited; carrier table imported"


def test_a_claimed_run_is_not_carried_out_twice(org, roofing):
    run = EvaluationRun.objects.create(organization=org, reason="x")
    with at(NOON):
        assert execute_run(run_id=run.pk) is True
        assert execute_run(run_id=run.pk) is False


def test_bulk_results_equal_single_evaluations(org, roofing, monkeypatch):
    monkeypatch.setattr("coitrack.compliance.services.evaluation.CHUNK", 3)
    tower = factories.project(org, "Harbor Tower")
    assign(template(org, name="Tower auto", coverages=[
        {"coverage": "automobile_liability", "limits": {"combined_single_limit": 1_000_000}}]),
        project=tower)
    made = []
    for i, (limit, expires) in enumerate([(1_000_000, dt.date(2027, 1, 1)),
                                          (500_000, dt.date(2026, 6, 20)),
                                          (2_000_000, dt.date(2026, 5, 1)),
                                          (None, None), (1_000_000, dt.date(2026, 6, 10))]):
        v = factories.vendor(org, f"Roofer {i} LLC", vendor_type=roofing)
        if i % 2:
            v.projects.add(tower)
        if limit:
            gl_certificate(v, each_occurrence=limit, expiration=expires)
        made.append(v)
    with at(NOON):
        evaluate_vendors(organization=org)
        bulk = {e.vendor_id: (e.status, e.deficiencies, e.evaluations)
                for e in VendorEvaluation.objects.filter(vendor__in=made)}
        single = {}
        for v in made:
            e = evaluate_vendor(v)
            single[v.pk] = (e.status, e.deficiencies, e.evaluations)
    assert bulk == single
    assert len({s for s, _, _ in bulk.values()}) >= 4  # the scenarios differ


def test_daily_run_changes_status_when_the_policy_reaches_its_expiration_date(
        org, vendor):
    org.time_zone = "America/New_York"
    org.save()
    gl_certificate(vendor, expiration=dt.date(2026, 7, 1))
    # June 30, 23:00 in New York: still in force (expiring).
    with at(dt.datetime(2026, 7, 1, 3, 0, tzinfo=dt.UTC)):
        assert run_due_daily_reevaluations() == 1
    assert status_of(vendor) == "expiring"
    # Same local day: nothing more to do.
    with at(dt.datetime(2026, 7, 1, 3, 50, tzinfo=dt.UTC)):
        assert run_due_daily_reevaluations() == 0
    # Just after midnight in New York the policy has ended (it ends at the start of its date).
    with at(dt.datetime(2026, 7, 1, 4, 5, tzinfo=dt.UTC)):
        assert run_due_daily_reevaluations() == 1
    assert status_of(vendor) == "expired"
    daily = EvaluationRun.objects.filter(kind="daily").order_by("as_of")
    assert [r.as_of for r in daily] == [dt.date(2026, 6, 30), dt.date(2026, 7, 1)]


def test_daily_runs_cover_every_organization(org, other_org, vendor):
    with at(NOON):
        assert run_due_daily_reevaluations() == 2
