"""Webhook background work: delivering after a commit that wrote deliveries, and a sweep every
minute for retries whose pause is over and anything a lost kick left behind."""

from __future__ import annotations

from django.tasks import task
from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@task()
def deliver_webhooks() -> int:
    from coitrack.webhooks.services.delivery import deliver_due

    return deliver_due()


@db_periodic_task(crontab(minute="*"))
def deliver_webhooks_periodically() -> int:
    from coitrack.webhooks.services.delivery import deliver_due

    return deliver_due()
