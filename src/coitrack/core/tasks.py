"""Huey's side of the django.tasks bridge, plus the core periodic jobs.

Huey's consumer discovers this module (``coitrack worker`` imports the ``tasks`` module of every
installed app), which registers the functions below with it.
"""

from __future__ import annotations

import logging
import os
import socket
from traceback import format_exception

from django.tasks.base import TaskContext, TaskError, TaskResult, TaskResultStatus
from django.tasks.signals import task_finished, task_started
from django.utils import timezone
from django.utils.module_loading import import_string
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

logger = logging.getLogger(__name__)
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}"


@db_task(context=True)
def run_django_task(module_path: str, args: list, kwargs: dict, takes_context: bool = False,
                    task=None) -> None:
    """Run the ``django.tasks`` task found at ``module_path`` with the given arguments.

    Sends Django's ``task_started`` / ``task_finished`` signals around it. An exception is logged
    with the task's name and re-raised so Huey records the failure too.
    """
    django_task = import_string(module_path)
    now = timezone.now()
    result = TaskResult(
        task=django_task, id=task.id if task else "", status=TaskResultStatus.RUNNING,
        enqueued_at=None, started_at=now, last_attempted_at=now, finished_at=None,
        args=args, kwargs=kwargs, backend=django_task.backend, errors=[],
        worker_ids=[WORKER_ID],
    )
    task_started.send(sender=type(django_task.get_backend()), task_result=result)
    try:
        if takes_context:
            django_task.call(TaskContext(task_result=result), *args, **kwargs)
        else:
            django_task.call(*args, **kwargs)
    except Exception as error:
        logger.exception("task %s (%s) failed", module_path, result.id)
        result.errors.append(TaskError(
            exception_class_path=f"{type(error).__module__}.{type(error).__qualname__}",
            traceback="".join(format_exception(error)),
        ))
        _finish(django_task, result, TaskResultStatus.FAILED)
        raise
    _finish(django_task, result, TaskResultStatus.SUCCESSFUL)


def _finish(django_task, result: TaskResult, status: TaskResultStatus) -> None:
    object.__setattr__(result, "status", status)
    object.__setattr__(result, "finished_at", timezone.now())
    task_finished.send(sender=type(django_task.get_backend()), task_result=result)


@db_periodic_task(crontab(minute="17", hour="3"))
def delete_stale_invitations() -> int:
    """Daily at 03:17 (UTC): delete invitations that expired unaccepted over a week ago.

    Idempotent: running it twice, or in two workers at once, deletes nothing more.
    """
    from coitrack.accounts.services import delete_stale_invitations as delete

    return delete()
