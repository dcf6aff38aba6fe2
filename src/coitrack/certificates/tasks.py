"""Background work of the certificates app, written against Django's task API.

Settings route these tasks to Huey (``coitrack.core.task_backend``); tests run them immediately.
"""

from __future__ import annotations

from django.tasks import task

from coitrack.certificates.models import Document
from coitrack.certificates.services.previews import render_document_previews
from coitrack.certificates.services.reading import read_certificate_file


@task()
def render_previews(document_id: int) -> int:
    """Render the page images of one document; a document deleted meanwhile is skipped."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return 0
    return render_document_previews(document=document)


@task()
def read_certificate(certificate_id: int) -> str:
    """Read a certificate's file and write its data and evidence (see services.reading).

    Safe to run twice: only a queued reading is claimed, by one worker.
    """
    return read_certificate_file(certificate_id=certificate_id)
