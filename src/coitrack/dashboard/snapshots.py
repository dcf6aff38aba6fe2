"""Daily compliance snapshots: each organization's count of active vendors per status, once per
local day, after that day's daily re-evaluation finished.

The compliance app re-evaluates every organization once per local day soon after its midnight
(``compliance.services.runs``, a daily ``EvaluationRun``). The snapshot of a day is taken once
that run has finished (successfully or not: an unfinished day would otherwise have no point at
all), so it records the statuses as of that day rather than yesterday's. Idempotent and safe in
two workers at once: the (organization, day) unique constraint lets only one insert win.
Nothing is ever backfilled: a day without a snapshot stays a gap in the chart.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from coitrack.compliance.models import STATUS_CHOICES, EvaluationRun
from coitrack.compliance.services.clock import local_today
from coitrack.dashboard.models import ComplianceSnapshot
from coitrack.vendors.models import Vendor, VendorStatus


def status_counts(organization) -> dict[str, int]:
    """Active vendors (never merged ones) per compliance status, every status present."""
    found = dict(Vendor.objects.filter(organization=organization, merged_into__isnull=True,
                                       status=VendorStatus.ACTIVE)
                 .order_by().values_list("compliance_status").annotate(n=Count("id")))
    return {status: found.get(status, 0) for status, _ in STATUS_CHOICES}


def take_snapshot(organization, day: dt.date) -> bool:
    """Store the counts as ``day``'s snapshot unless one exists; True when this call stored it."""
    if ComplianceSnapshot.objects.filter(organization=organization, day=day).exists():
        return False
    try:
        with transaction.atomic():
            ComplianceSnapshot.objects.create(organization=organization, day=day,
                                              counts=status_counts(organization),
                                              taken_at=timezone.now())
    except IntegrityError:  # another worker took it meanwhile
        return False
    return True


def take_due_snapshots(*, now: dt.datetime | None = None) -> int:
    """For every organization whose current local day's daily run has finished and that has no
    snapshot of that day yet, take it; return how many were taken."""
    from coitrack.accounts.models import Organization

    taken = 0
    for organization in Organization.objects.order_by("pk"):
        day = local_today(organization, now=now)
        finished = EvaluationRun.objects.filter(
            organization=organization, kind=EvaluationRun.KIND_DAILY, as_of=day,
            finished_at__isnull=False).exists()
        if finished and take_snapshot(organization, day):
            taken += 1
    return taken
