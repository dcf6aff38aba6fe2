"""detect -> pick the best reader -> read -> validate: one document, in this process."""

from __future__ import annotations

from coitrack.reading.document import Document
from coitrack.reading.errors import ReadingError
from coitrack.reading.registry import read_with_best
from coitrack.reading.result import ReadResult
from coitrack.reading.validate import consistency_warnings, shape_problems


def read_bytes(data: bytes, name: str, backend: str = "pdfium") -> ReadResult:
    document = Document.open(data, name, backend=backend)
    try:
        result = read_with_best(document)
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
    for warning in consistency_warnings(result.data):
        if warning not in result.warnings:
            result.warnings.append(warning)
    return result
