"""The latest events of the audit trail, newest first, within the last N days."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from coitrack.audit.models import Event
from coitrack.dashboard.data import Context


def recent_activity(ctx: Context, config: dict) -> dict:
    since = timezone.now() - dt.timedelta(days=config["days"])
    events = list(Event.objects.filter(organization=ctx.organization, created_at__gte=since)
                  .order_by("-created_at", "-id")[:config["limit"]])
    rows = []
    for event in events:
        url = ""
        if event.certificate_id:
            url = reverse("certificates:detail", args=[event.certificate_id])
        elif event.vendor_id:
            url = reverse("vendors:detail", args=[event.vendor_id])
        rows.append({"event": event, "url": url})
    return {"rows": rows, "days": config["days"]}
