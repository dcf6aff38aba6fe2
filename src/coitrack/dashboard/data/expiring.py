"""Vendors whose first current policy expires within the next N days."""

from __future__ import annotations

import datetime as dt

from coitrack.dashboard.data import Context
from coitrack.dashboard.links import scope, vendor_url, vendors


def expiring(ctx: Context, config: dict) -> dict:
    days = config["days"]
    filters = {**scope(config), "coverage": "expiring", "within": days}
    chosen = vendors(ctx.organization, ctx.user, ctx.today, **filters)
    first = list(chosen.order_by("next_expiration", "legal_name", "pk")
                 .values("pk", "legal_name", "next_expiration")[:config["limit"]])
    for row in first:
        row["days_left"] = (row["next_expiration"] - ctx.today).days
    return {
        "total": chosen.count(),
        "url": vendor_url(**filters, sort="expires"),
        "vendors": first,
        "until": ctx.today + dt.timedelta(days=days),
        "days": days,
    }
