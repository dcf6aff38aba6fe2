"""A ``django.tasks`` backend that hands tasks to Huey.

App code enqueues with Django's standard API (``my_task.enqueue(...)``) and never imports Huey.
Huey stores the job in its queue (a SQLite file by default, Redis when scaling out) and a
``coitrack worker`` (or the worker inside ``coitrack run``) executes it. In ``immediate`` mode
(tests) Huey runs the job inside ``enqueue``.

Tasks are enqueued after the surrounding transaction commits, so a worker never sees a job whose
rows are not yet visible (and a rolled-back change never leaves a job behind).
"""

from __future__ import annotations

from django.db import transaction
from django.tasks.backends.base import BaseTaskBackend
from django.tasks.base import Task, TaskResult, TaskResultStatus
from django.utils.crypto import get_random_string


class HueyTaskBackend(BaseTaskBackend):
    supports_defer = True

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_string(32),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        from coitrack.core.tasks import run_django_task

        def send() -> None:
            run_django_task.schedule(
                args=(task.module_path, list(args), dict(kwargs)),
                eta=task.run_after,
                id=result.id,
            ) if task.run_after else run_django_task(task.module_path, list(args), dict(kwargs))

        transaction.on_commit(send, robust=False)
        return result
