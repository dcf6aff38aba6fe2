"""When to re-evaluate: callers say *what changed*; this module decides how and when.

- A few vendors (a certificate accepted, a vendor's type changed, a waiver granted): evaluated in
  this process right after the transaction commits. That costs milliseconds, and the page the
  user lands on already shows the new status.
- Many vendors, or the whole organization (a template, an assignment or the carrier table
  changed): an :class:`~coitrack.compliance.models.EvaluationRun` row is written with the change
  and a background task runs it, updating the row's progress as it goes; pages poll it.
  Requests made while a run is still queued join it instead of queueing another.
Nothing happens when the transaction rolls back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from coitrack.compliance.models import EvaluationRun

logger = logging.getLogger(__name__)

# Up to this many vendors are evaluated in-process after commit (about 1 ms each).
IN_PROCESS_LIMIT = 100


def schedule_reevaluation(*, organization, reason: str,
                          vendor_ids: Iterable[int] | None = None) -> EvaluationRun | None:
    """Re-evaluate ``vendor_ids`` (every vendor of ``organization`` when None) after commit.

    Safe inside or outside a transaction. ``reason`` is a short phrase ("template 'GL'
    edited") shown with a background run's progress. Returns the background run that will do
    the work, or None when the vendors are evaluated in-process after commit.
    """
    ids = None if vendor_ids is None else sorted({int(v) for v in vendor_ids})
    if ids is not None and not ids:
        return None
    if ids is not None and len(ids) <= IN_PROCESS_LIMIT:
        org_id = organization.pk
        transaction.on_commit(lambda: _evaluate_now(org_id, ids, reason), robust=True)
        return None
    return _queue_run(organization, reason, ids)


def _evaluate_now(organization_id: int, vendor_ids: list[int], reason: str) -> None:
    from coitrack.accounts.models import Organization
    from coitrack.compliance.services.evaluation import evaluate_vendors

    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is not None:
        evaluate_vendors(organization=organization, vendor_ids=vendor_ids)
        logger.debug("re-evaluated %d vendors (%s)", len(vendor_ids), reason)


def _queue_run(organization, reason: str, ids: list[int] | None) -> EvaluationRun:
    from coitrack.compliance.tasks import run_reevaluation

    with transaction.atomic():
        # Join a run that has not started yet: it will read the data as committed with this
        # change. The conditional UPDATE is the claim: once a worker set started_at, it fails.
        queued = (EvaluationRun.objects
                  .filter(organization=organization, kind=EvaluationRun.KIND_CHANGE,
                          started_at__isnull=True, finished_at__isnull=True)
                  .filter(Q(vendor_ids__isnull=True) if ids is None else Q())
                  .order_by("-id").first())
        if queued is not None:
            merged = None if ids is None or queued.vendor_ids is None else sorted(
                set(queued.vendor_ids) | set(ids))
            text = queued.reason if reason in queued.reason.split("; ") else (
                f"{queued.reason}; {reason}")[:500]
            if EvaluationRun.objects.filter(pk=queued.pk, started_at__isnull=True).update(
                    reason=text, vendor_ids=merged):
                queued.reason, queued.vendor_ids = text, merged
                return queued
        run = EvaluationRun.objects.create(organization=organization, reason=reason[:500],
                                           vendor_ids=ids)
        run_reevaluation.enqueue(run.pk)  # handed to the worker when the transaction commits
    return run
