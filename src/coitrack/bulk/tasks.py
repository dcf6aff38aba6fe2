"""Bulk upload background work, written against Django's task API (Huey runs it)."""

from __future__ import annotations

from django.tasks import task


@task()
def process_bulk_upload(upload_id: int) -> int:
    """Read, match and file the upload's waiting files (see services.process_upload)."""
    from coitrack.bulk.services import process_upload

    return process_upload(upload_id)
