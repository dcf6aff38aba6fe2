"""Background import runs (``django.tasks``, carried out by the Huey worker)."""

from __future__ import annotations

from django.tasks import task


@task()
def run_import(job_id: int) -> None:
    """Carry out one queued :class:`~coitrack.imports.models.ImportJob`."""
    from coitrack.imports.services.jobs import execute

    execute(job_id=job_id)
