"""Serving stored certificate files and their page previews, only to the owning organization."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from coitrack.accounts.access import member_required
from coitrack.certificates import blobs
from coitrack.certificates.views.lookups import document_or_404

INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/tiff"}


def _private(response: FileResponse) -> FileResponse:
    # Our content type comes from the file's bytes; forbid browsers from guessing another one,
    # and keep shared caches from holding an organization's documents.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
@member_required()
def document(request: HttpRequest, pk: int) -> FileResponse:
    doc = document_or_404(request, pk)
    try:
        handle = doc.file.open("rb")
    except OSError:
        raise Http404("The stored file is missing.") from None
    inline = doc.content_type in INLINE_TYPES and request.GET.get("download") != "1"
    response = FileResponse(
        handle, as_attachment=not inline, filename=doc.original_name,
        content_type=doc.content_type,
    )
    return _private(response)


@require_GET
@member_required()
def preview(request: HttpRequest, pk: int, page: int) -> FileResponse:
    doc = document_or_404(request, pk)
    if not doc.preview_count or not 1 <= page <= doc.preview_count:
        raise Http404("No such preview page.")
    try:
        handle = default_storage.open(blobs.preview_name(doc.sha256, page), "rb")
    except OSError:
        raise Http404("The preview is missing.") from None
    return _private(FileResponse(handle, content_type="image/png"))
