"""The compliance rate over time, from the daily snapshots (``ComplianceSnapshot``).

Only days with a snapshot are drawn; before the first one there is nothing (no made-up past).
The latest day's numbers link to today's vendor list (the list shows the present, so the
numbers beside them are today's counts, not the snapshot's).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count

from coitrack.compliance.models import STATUS_LABELS
from coitrack.dashboard import charts
from coitrack.dashboard.data import Context
from coitrack.dashboard.data.compliance import MEETING, rate
from coitrack.dashboard.links import vendor_url, vendors
from coitrack.dashboard.models import ComplianceSnapshot


def compliance_trend(ctx: Context, config: dict) -> dict:
    start = ctx.today - dt.timedelta(days=config["days"] - 1)
    points = []
    for day, counts in (ComplianceSnapshot.objects
                        .filter(organization=ctx.organization, day__gte=start, day__lte=ctx.today)
                        .values_list("day", "counts")):
        value = rate(counts)
        if value is not None:
            points.append((day, value))
    now = dict(vendors(ctx.organization, ctx.user, ctx.today)
               .values_list("compliance_status").annotate(n=Count("id")))
    total = sum(now.values())
    return {
        "chart": charts.line(points, start=start, end=ctx.today),
        "points": len(points),
        "first": points[0][0] if points else None,
        "rate": rate(now),
        "meeting": [{"status": s, "label": STATUS_LABELS[s].lower(), "count": now.get(s, 0),
                     "url": vendor_url(compliance=s)} for s in MEETING],
        "total": total,
        "total_url": vendor_url(),
        "unjudged": now.get("no_requirements", 0),
        "unjudged_url": vendor_url(compliance="no_requirements"),
        "days": config["days"],
    }
