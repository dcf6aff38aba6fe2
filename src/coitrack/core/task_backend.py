"""A ``django.tasks`` backend that hands tasks to Huey.

App code enqueues with Django's standard API (``my_task.enqueue(...)``) and never imports Huey.
Huey stores the job in its queue (a SQLite file by default, Redis when scaling out) and a
``coitrack worker`` (or the worker inside ``coitrack run``) executes it through
:func:`coitrack.core.tasks.run_django_task`. In ``immediate`` mode (tests) Huey runs the job as
soon as it is handed over.

Tasks are handed over after the surrounding transaction commits, so a worker never sees a job
whose rows are not yet visible, and a rolled-back change never leaves a job behind.

What is supported: ``run_after`` (Huey schedules the job), ``priority`` (higher runs first, as in
Django), ``takes_context``. What is not: reading results back (``get_result``); background work
reports its progress in the app's own tables instead. Huey does not retry: a failed task is
logged, and the periodic work that created it picks the item up again on its next run.
"""

from __future__ import annotations

from django.db import transaction
from django.tasks.backends.base import BaseTaskBackend
from django.tasks.base import Task, TaskResult, TaskResultStatus
from django.tasks.exceptions import InvalidTask
from django.tasks.signals import task_enqueued
from django.utils import timezone
from django.utils.json import normalize_json
from django.utils.module_loading import import_string


class HueyTaskBackend(BaseTaskBackend):
    supports_defer = True
    supports_priority = True
    supports_async_task = False
    supports_get_result = False

    @staticmethod
    def _check_importable(task: Task) -> None:
        # The worker finds the task again by its dotted path; a function that cannot be imported
        # from there would fail later, in another process, where nobody sees the mistake.
        # (Not in validate_task: that also runs while the task's own module is being imported.)
        try:
            found = import_string(task.module_path)
        except ImportError:
            found = None
        if getattr(found, "func", None) is not task.func:
            raise InvalidTask(f"Task {task.module_path!r} cannot be imported by that path.")

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        """Validate ``task`` and its arguments now; hand the job to Huey once the data commits.

        Arguments must be JSON values (ids, strings, numbers...): a model instance or a file
        raises ``TypeError`` here, in the caller, rather than in the worker.
        """
        self.validate_task(task)
        self._check_importable(task)
        args = normalize_json(list(args))
        kwargs = normalize_json(dict(kwargs))
        from coitrack.core.tasks import run_django_task

        # The Huey job id is the TaskResult id, so the two can be matched in logs.
        job = run_django_task.s(
            task.module_path, args, kwargs,
            task.takes_context,
            priority=task.priority,
            eta=task.run_after,
        )
        result = TaskResult(
            task=task,
            id=job.id,
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )

        def hand_over() -> None:
            object.__setattr__(result, "enqueued_at", timezone.now())
            task_enqueued.send(type(self), task_result=result)
            run_django_task.huey.enqueue(job)

        transaction.on_commit(hand_over, robust=False)
        return result
