"""Small real tasks that show the background worker is alive.

``ping`` writes a marker file; the worker tests (and anyone checking a deployment by hand:
``coitrack shell -c "from coitrack.core.tasks_builtin import ping; ping.enqueue('/tmp/p')"``)
enqueue it and wait for the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.tasks import task
from django.utils import timezone


@task()
def ping(marker_path: str) -> str:
    """Write the current time and this process's id to ``marker_path``; return the text."""
    text = f"{timezone.now().isoformat()} pid={os.getpid()}\n"
    path = Path(marker_path)
    temporary = path.with_name(path.name + ".part")
    temporary.write_text(text)
    temporary.replace(path)  # appear complete or not at all
    return text


@task(takes_context=True)
def ping_with_context(context, marker_path: str) -> None:
    """Like :func:`ping`, writing the task result id it was given: checks ``takes_context``."""
    Path(marker_path).write_text(context.task_result.id)
