"""Rendering a stored document's page images (run by the ``render_previews`` task)."""

from __future__ import annotations

import logging

from coitrack.certificates import blobs
from coitrack.certificates.models import Document
from coitrack.certificates.previews import MAX_PAGES, render_pages

logger = logging.getLogger(__name__)


def render_document_previews(*, document: Document, max_pages: int = MAX_PAGES) -> int:
    """Render the first ``max_pages`` pages to ``previews/<sha>/<n>.png`` and record the count.

    Sets ``page_count`` and ``preview_count`` (or ``preview_error`` when the file cannot be
    rendered, so the page stops saying "preparing"). Safe to run again: images are overwritten.
    Returns the number of images written.
    """
    try:
        with document.file.open("rb") as handle:
            content = handle.read()
        rendered = render_pages(content, document.content_type, max_pages=max_pages)
    except (OSError, ValueError) as error:
        logger.warning("preview of document %s failed: %s", document.pk, error)
        document.preview_error = str(error)[:300] or "the file could not be rendered"
        document.save(update_fields=["preview_error"])
        return 0
    for number, image in enumerate(rendered.images, start=1):
        blobs.replace(blobs.preview_name(document.sha256, number), image)
    document.page_count = rendered.page_count
    document.preview_count = len(rendered.images)
    document.preview_error = ""
    document.save(update_fields=["page_count", "preview_count", "preview_error"])
    return len(rendered.images)
