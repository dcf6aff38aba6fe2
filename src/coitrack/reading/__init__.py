"""Certificate reading: a certificate file -> certificate data with evidence. Pure Python, no
Django. The data follows ../shared/guide/certificate-schema.md.

    from coitrack.reading import read_document
    result = read_document("coi.pdf")
    result.data["policies"][0]["limits"]["each_occurrence"]
    result.evidence["policies[0].limits.each_occurrence"]  # page, box, confidence, text
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from coitrack.reading.document import MAX_BYTES
from coitrack.reading.errors import ReadingError
from coitrack.reading.result import Evidence, ReadResult

__all__ = ["Evidence", "ReadResult", "ReadingError", "read_document"]


def read_document(
    source: str | os.PathLike[str] | bytes,
    *,
    filename: str | None = None,
    isolate: bool = True,
    timeout: float | None = None,
    backend: str = "pdfium",
    carriers: Mapping[str, str] | None = None,
) -> ReadResult:
    """Read one certificate file (a path, or its bytes).

    Returns a :class:`ReadResult` (``.data`` in the schema, ``.evidence``, ``.reader``,
    ``.warnings``). Raises :class:`ReadingError` with a message for a person when the file
    cannot be read: not a PDF, too large, encrypted with a password, damaged, no pages, no
    form fields and no ACORD 25 text. ``isolate`` (default) parses in a child process with a time
    limit and a memory cap; turn it off only for trusted files (tests, benchmarks).

    ``carriers`` maps NAIC codes to insurer names (an organization's own list of insurers). On
    a scan, an insurer name misread beside a surely read NAIC code is set right from it when
    the reading is close to the name (ocr/carrier_names.py); these names come before the
    reader's built-in list. Text layers and form fields are read as printed, whatever it says.
    """
    data, name = _load(source, filename)
    from coitrack.reading import pipeline

    known = _known_carriers(carriers or {})
    if not isolate:
        return pipeline.read_bytes(data, name, backend, known)
    from coitrack.reading import isolation
    from coitrack.reading.ocr.warm import OCR_TIMEOUT, may_need_ocr, warm_before_fork

    warm_before_fork(data)  # a scan's reader then inherits the OCR model instead of loading it
    # OCR takes ~10 s of CPU per page (more wall-clock on a busy machine): a possible scan gets
    # a longer limit; a hostile image is refused by its size checks long before either.
    default = OCR_TIMEOUT if may_need_ocr(data) else isolation.DEFAULT_TIMEOUT
    return isolation.run(
        pipeline.read_bytes,
        data,
        name,
        backend,
        known,
        timeout=timeout or default,
        name=name,
    )


def _known_carriers(carriers: Mapping[str, str]) -> dict[str, str]:
    """The pairs of a valid NAIC code and a name (others are dropped, never an error)."""
    from coitrack.reading.normalize import clean_text, parse_naic

    known = {}
    for code, name in carriers.items():
        naic, text = parse_naic(code), clean_text(name)
        if naic and text:
            known[naic] = text
    return known


def _load(source, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), filename or "document"
    if not isinstance(source, str | os.PathLike):
        raise TypeError("read_document() takes a path or bytes")
    path = Path(source)
    name = filename or path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadingError(
                f"{name}: file is {size // (1024 * 1024)} MB; the limit is "
                f"{MAX_BYTES // (1024 * 1024)} MB for a certificate"
            )
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1), name
    except ReadingError:
        raise
    except IsADirectoryError:
        raise ReadingError(f"{name}: is a directory, not a file") from None
    except FileNotFoundError:
        raise ReadingError(f"{name}: no such file") from None
    except PermissionError:
        raise ReadingError(f"{name}: permission denied") from None
    except OSError as error:
        raise ReadingError(f"{name}: cannot be opened ({error.strerror or error})") from None
