"""Carrying out :class:`EvaluationRun` rows: background runs after changes, and the daily runs.

A run records its progress (``total``, ``done``) as it goes, so pages can show a progress bar,
and its error if it fails. Runs are claimed with conditional UPDATEs, so the same run is never
carried out twice, even by two workers.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from traceback import format_exception_only

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from coitrack.compliance.models import EvaluationRun
from coitrack.compliance.services.clock import local_today
from coitrack.compliance.services.evaluation import evaluate_vendors, organization_vendor_ids

logger = logging.getLogger(__name__)


def execute_run(*, run_id: int) -> bool:
    """Claim the run and evaluate its vendors, updating its progress after each chunk.

    Returns False (doing nothing) when the run does not exist or was already claimed. A failure
    is recorded in the run's ``error`` and re-raised, so the worker logs it too.
    """
    if not EvaluationRun.objects.filter(pk=run_id, started_at__isnull=True).update(
            started_at=timezone.now()):
        return False
    run = EvaluationRun.objects.select_related("organization").get(pk=run_id)
    organization = run.organization
    try:
        ids = (organization_vendor_ids(organization) if run.vendor_ids is None
               else list(run.vendor_ids))
        EvaluationRun.objects.filter(pk=run_id).update(total=len(ids))

        def progress(count: int) -> None:
            EvaluationRun.objects.filter(pk=run_id).update(done=F("done") + count)

        evaluate_vendors(organization=organization, vendor_ids=ids, as_of=run.as_of,
                         progress=progress)
    except Exception as error:
        message = "".join(format_exception_only(error)).strip()[:2000]
        EvaluationRun.objects.filter(pk=run_id).update(finished_at=timezone.now(),
                                                       error=message)
        raise
    EvaluationRun.objects.filter(pk=run_id).update(finished_at=timezone.now())
    return True


def claim_daily_run(organization) -> EvaluationRun | None:
    """The organization's run for its current local day, if nobody created it yet; else None."""
    today = local_today(organization)
    if EvaluationRun.objects.filter(organization=organization, kind=EvaluationRun.KIND_DAILY,
                                    as_of=today).exists():
        return None
    try:
        with transaction.atomic():
            return EvaluationRun.objects.create(
                organization=organization, kind=EvaluationRun.KIND_DAILY, as_of=today,
                reason=f"daily re-evaluation for {today.isoformat()}",
            )
    except IntegrityError:  # another worker claimed it first
        return None


# A run still unfinished this long after it started was abandoned (its worker stopped): even
# 50,000 vendors take about a minute.
ABANDONED_AFTER = timedelta(hours=1)


def close_abandoned_runs() -> int:
    """Mark runs whose worker stopped mid-way as finished with an error; return how many.

    Their vendors are evaluated again by the next daily run (or the next change).
    """
    return EvaluationRun.objects.filter(
        finished_at__isnull=True, started_at__lt=timezone.now() - ABANDONED_AFTER,
    ).update(finished_at=timezone.now(), error="Abandoned: the worker stopped during the run.")


def run_due_daily_reevaluations() -> int:
    """Claim and carry out each organization's daily run that is due; return how many ran.

    Closes abandoned runs first. One failing organization does not stop the others (its run
    records the error).
    """
    from coitrack.accounts.models import Organization

    close_abandoned_runs()
    ran = 0
    for organization in Organization.objects.order_by("pk"):
        run = claim_daily_run(organization)
        if run is None:
            continue
        try:
            execute_run(run_id=run.pk)
            ran += 1
        except Exception:
            logger.exception("daily re-evaluation of organization %s failed", organization.pk)
    return ran


def active_run(organization) -> EvaluationRun | None:
    """The organization's unfinished run (the oldest one, which is the one working), if any;
    runs abandoned by a stopped worker do not count."""
    return (EvaluationRun.objects
            .filter(organization=organization, finished_at__isnull=True)
            .exclude(started_at__lt=timezone.now() - ABANDONED_AFTER)
            .order_by("created_at", "id").first())
