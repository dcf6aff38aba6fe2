"""Scheduled report e-mails: a Huey periodic job (``coitrack worker`` imports this module)."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/15"))
def send_scheduled_reports() -> int:
    """Every 15 minutes: each schedule's report whose moment has passed, once per period."""
    from coitrack.exports.services import send_due_reports

    sent = send_due_reports()
    if sent:
        logger.info("scheduled reports queued: %d", sent)
    return sent
