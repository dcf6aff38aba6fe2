"""Background work of the certificates app, written against Django's task API.

Settings route these tasks to Huey (``coitrack.core.task_backend``); tests run them immediately.
"""

from __future__ import annotations

from django.tasks import task

from coitrack.certificates.models import Document
from coitrack.certificates.services.previews import render_document_previews


@task()
def render_previews(document_id: int) -> int:
    """Render the page images of one document; a document deleted meanwhile is skipped."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return 0
    return render_document_previews(document=document)
