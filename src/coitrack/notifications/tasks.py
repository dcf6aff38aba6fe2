"""Notification background work: the digests (a Huey periodic job; ``coitrack worker`` imports
this module)."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/15"))
def send_digests() -> int:
    """Every 15 minutes: the digests whose moment has passed (once per member and period)."""
    from coitrack.notifications.services.digest import send_due_digests

    sent = send_due_digests()
    if sent:
        logger.info("notification digests queued: %d", sent)
    return sent
