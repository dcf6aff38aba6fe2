"""Outreach background work: delivering the outbox, and the scheduler's periodic tick."""

from __future__ import annotations

import logging

from django.tasks import task
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

logger = logging.getLogger(__name__)


@task()
def deliver_outbox() -> int:
    """Deliver the messages that are due (enqueued after a commit that queued some)."""
    from coitrack.outreach.services.outbox import deliver_due

    return deliver_due()


@db_periodic_task(crontab(minute="*"))
def deliver_outbox_periodically() -> int:
    """Every minute: retries whose pause is over, and anything a lost kick left behind."""
    from coitrack.outreach.services.outbox import deliver_due

    return deliver_due()


@db_periodic_task(crontab(minute="*/5"))
def outreach_tick() -> None:
    """Every 5 minutes: open, settle and advance requests (see ``services.tick``)."""
    from coitrack.outreach.services.tick import tick

    report = tick()
    logger.info("outreach tick: %s", report)
