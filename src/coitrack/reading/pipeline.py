"""detect -> pick the best reader -> read -> validate: one document, in this process."""

from __future__ import annotations

from coitrack.reading.document import Document
from coitrack.reading.endorsements import document_pages, recognize
from coitrack.reading.errors import ReadingError
from coitrack.reading.registry import read_with_best
from coitrack.reading.remarks import continue_description
from coitrack.reading.result import ReadResult
from coitrack.reading.validate import consistency_warnings, shape_problems


def read_bytes(
    data: bytes, name: str, backend: str = "pdfium", carriers: dict[str, str] | None = None
) -> ReadResult:
    """``carriers``: NAIC code -> insurer name, the caller's own (see ``read_document``)."""
    document = Document.open(data, name, backend=backend)
    document.carriers = carriers or {}
    try:
        result = read_with_best(document)
        # Pages after the ACORD page may be endorsements (CG 20 10 ...): an added schema key.
        pages = document_pages(document, first=1)
        # ... or ACORD 101 remarks continuing the description (text layers here; the OCR
        # reader reads its own scanned pages)
        later = _text_pages(document, first=1)
    finally:
        document.close()
    data = result.data
    if not (
        data["insured"]["name"]
        or data["certificate_holder"]["name"]
        or data["policies"]
        or data["insurers"]
    ):
        raise ReadingError(f"{name}: the certificate form is blank (no insured, no policies)")
    problems = shape_problems(result.data)
    if problems:  # a reader bug, not the uploader's fault; still never hand out bad data
        raise ReadingError(f"{name}: internal reader error ({'; '.join(problems)})")
    # Added only when a form is found (absent means none), so data without endorsements keeps
    # exactly the schema's keys.
    endorsements = recognize(pages, description=result.data.get("description_of_operations"))
    if endorsements:
        result.data["endorsements"] = endorsements
    continue_description(result, later)
    for warning in consistency_warnings(result.data):
        if warning not in result.warnings:
            result.warnings.append(warning)
    return result


def _text_pages(document: Document, first: int) -> list:
    """The text layers of the pages from index ``first`` that have one (within the pages read)."""
    from coitrack.reading.document import MAX_PAGES_READ

    if document.kind != "pdf":
        return []
    pages = []
    for index in range(first, min(document.page_count, MAX_PAGES_READ)):
        try:
            page = document.page_text(index)
        except (ReadingError, IndexError):
            continue
        if page.words:
            pages.append(page)
    return pages
