"""Huey's side of the django.tasks bridge, plus the core periodic jobs.

Huey's consumer discovers this module (djhuey autodiscovers ``tasks`` modules of installed apps).
"""

from __future__ import annotations

import logging

from django.utils.module_loading import import_string
from huey.contrib.djhuey import db_task

logger = logging.getLogger(__name__)


@db_task(retries=3, retry_delay=10)
def run_django_task(module_path: str, args: list, kwargs: dict) -> None:
    """Run the ``django.tasks`` task found at ``module_path`` with the given arguments."""
    task = import_string(module_path)
    task.call(*args, **kwargs)
