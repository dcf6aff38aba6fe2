"""Open renewal requests by where they stand: requested (waiting for the vendor), reminded,
unresponsive, answered. One aggregate over the open requests of the vendors in scope; a vendor
has at most one open request, so requests counted are vendors, as the linked list shows."""

from __future__ import annotations

from django.db.models import Count

from coitrack.dashboard.data import Context
from coitrack.dashboard.links import scope, vendor_url, vendors
from coitrack.outreach.models import Request
from coitrack.vendors.listing import OUTREACH_CONDITIONS

ROWS = (
    ("waiting", "Requested, waiting for the vendor"),
    ("reminded", "Reminded"),
    ("unresponsive", "Unresponsive"),
    ("answered", "Answered, awaiting review"),
)


def outreach(ctx: Context, config: dict) -> dict:
    filters = scope(config)
    chosen = vendors(ctx.organization, ctx.user, ctx.today, **filters)
    counts = (Request.objects
              .filter(organization=ctx.organization, closed_at__isnull=True,
                      vendor__in=chosen.values("pk"))
              .aggregate(open=Count("id"),
                         **{key: Count("id", filter=OUTREACH_CONDITIONS[key])
                            for key, _ in ROWS}))
    biggest = max([counts[key] for key, _ in ROWS] + [1])
    return {
        "open": counts["open"],
        "open_url": vendor_url(outreach="open", **filters),
        "rows": [{"key": key, "label": label, "count": counts[key],
                  "width": round(100 * counts[key] / biggest, 1),
                  "url": vendor_url(outreach=key, **filters)} for key, label in ROWS],
    }
