"""Daily compliance snapshots: one per organization and local day, after that day's daily
re-evaluation finished; running the job again (or in two workers) adds nothing."""

from __future__ import annotations

import datetime as dt

from coitrack.compliance.models import EvaluationRun
from coitrack.dashboard.models import ComplianceSnapshot
from coitrack.dashboard.snapshots import take_due_snapshots, take_snapshot
from coitrack.dashboard.tasks import take_compliance_snapshots
from coitrack.testing import factories
from coitrack.vendors.models import Vendor

NOW = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)


def daily_run(org, day, *, finished=True):
    return EvaluationRun.objects.create(organization=org, kind=EvaluationRun.KIND_DAILY,
                                        as_of=day, reason="daily", started_at=NOW,
                                        finished_at=NOW if finished else None)


def test_the_snapshot_counts_active_vendors_per_status_once_the_daily_run_finished(org):
    factories.vendor(org, "A")
    b = factories.vendor(org, "B", status="inactive")
    Vendor.objects.filter(pk=b.pk).update(compliance_status="compliant")
    daily_run(org, NOW.date())
    assert take_due_snapshots(now=NOW) == 1
    snapshot = ComplianceSnapshot.objects.get(organization=org)
    assert snapshot.day == NOW.date()
    assert snapshot.counts == {"non_compliant": 0, "expired": 0, "missing": 0, "expiring": 0,
                               "compliant": 0, "no_requirements": 1}


def test_no_snapshot_before_the_days_daily_run_finished(org):
    daily_run(org, NOW.date(), finished=False)
    daily_run(org, NOW.date() - dt.timedelta(days=1))  # yesterday's does not count
    assert take_due_snapshots(now=NOW) == 0
    assert not ComplianceSnapshot.objects.exists()


def test_taking_the_snapshot_again_adds_nothing(org):
    daily_run(org, NOW.date())
    assert take_due_snapshots(now=NOW) == 1
    assert take_due_snapshots(now=NOW) == 0
    assert take_snapshot(org, NOW.date()) is False
    assert ComplianceSnapshot.objects.count() == 1


def test_the_day_is_the_organizations_local_day(org):
    org.time_zone = "Pacific/Auckland"  # already March 3 there at 15:00 UTC
    org.save()
    daily_run(org, dt.date(2026, 3, 3))
    assert take_due_snapshots(now=NOW) == 1
    assert ComplianceSnapshot.objects.get().day == dt.date(2026, 3, 3)


def test_each_organization_gets_its_own(org, other_org):
    daily_run(org, NOW.date())
    daily_run(other_org, NOW.date())
    assert take_due_snapshots(now=NOW) == 2


def test_the_periodic_job_takes_them(org):
    from django.utils import timezone

    daily_run(org, timezone.localdate())
    take_compliance_snapshots.call_local()
    assert ComplianceSnapshot.objects.filter(organization=org).count() == 1
