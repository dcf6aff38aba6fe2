"""Background re-evaluation: runs queued after changes, and the daily run for the passage of time.

``run_reevaluation`` is a ``django.tasks`` task (enqueued by ``services.schedule``);
``daily_reevaluation`` is a Huey periodic job (``coitrack worker`` imports this module), like the
core periodic work in ``core/tasks.py``.
"""

from __future__ import annotations

import logging

from django.tasks import task
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

logger = logging.getLogger(__name__)


@task()
def run_reevaluation(run_id: int) -> None:
    """Carry out one :class:`EvaluationRun` (see ``services.runs.execute_run``)."""
    from coitrack.compliance.services.runs import execute_run

    execute_run(run_id=run_id)


@db_periodic_task(crontab(minute="*/15"))
def daily_reevaluation() -> int:
    """Every 15 minutes: re-evaluate each organization once per local day, soon after its midnight.

    Policies end at the start of their expiration date in the organization's time zone, so the
    day's run is due as soon as the organization's local date changes. Idempotent: a day's run is
    claimed by inserting the organization's unique daily row, so two workers never both run it.
    """
    from coitrack.compliance.services.runs import run_due_daily_reevaluations

    return run_due_daily_reevaluations()
