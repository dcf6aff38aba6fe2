"""The dashboard's periodic job (``coitrack worker`` imports this module)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/15"))
def take_compliance_snapshots() -> int:
    """Every 15 minutes: each organization's compliance snapshot of its local day, once that
    day's daily re-evaluation has finished (``snapshots.take_due_snapshots``; idempotent)."""
    from coitrack.dashboard.snapshots import take_due_snapshots

    return take_due_snapshots()
