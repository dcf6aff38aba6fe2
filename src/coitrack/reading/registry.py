"""Readers are plugins: each scores how well it fits a document, the best one reads it.

To add a way of reading certificates (OCR for scans, a generic reader for non-ACORD layouts),
write a class with a ``name``, ``score(doc) -> float`` (0 = cannot read it, 1 = made for it) and
``read(doc) -> ReadResult``, and add an instance to :data:`READERS`. A reader that finds out
while reading that it cannot cope raises :class:`ReaderDeclined`, and the next best one gets
the document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from coitrack.reading.errors import ReadingError

if TYPE_CHECKING:
    from coitrack.reading.document import Document
    from coitrack.reading.result import ReadResult


class ReaderDeclined(Exception):
    """The reader looked closer and found it cannot read this document after all."""


class Reader(Protocol):
    name: str
    max_score: float  # the highest score this reader ever gives (lets the registry stop early)

    def score(self, doc: Document) -> float: ...

    def read(self, doc: Document) -> ReadResult: ...


def default_readers() -> list[Reader]:
    from coitrack.reading.acroform import AcroFormReader
    from coitrack.reading.generic import GenericReader
    from coitrack.reading.layout.reader import LayoutReader
    from coitrack.reading.ocr.reader import OcrReader

    # GenericReader scores at most 0.3: it is asked only when no ACORD reader fits.
    return [AcroFormReader(), LayoutReader(), OcrReader(), GenericReader()]


READERS: list[Reader] = []


def read_with_best(doc: Document, readers: list[Reader] | None = None) -> ReadResult:
    """The result of the best-scoring reader that does not decline; ReadingError when none can.

    Readers are scored lazily, highest ``max_score`` first: once a reader scores at least what
    any remaining reader could, the others are not asked (scoring the layout reader costs a
    text extraction a fillable form does not need).
    """
    candidates = readers if readers is not None else (READERS or default_readers())
    # A reader names the kinds of file it reads (``kinds``); PDFs only unless it says more.
    candidates = [r for r in candidates if doc.kind in getattr(r, "kinds", ("pdf",))]
    pending = sorted(candidates, key=lambda r: -getattr(r, "max_score", 1.0))
    scored: list[tuple[float, Reader]] = []
    reasons: list[str] = []
    while pending or scored:
        while pending and (
            not scored or max(s for s, _ in scored) < getattr(pending[0], "max_score", 1.0)
        ):
            reader = pending.pop(0)
            score = reader.score(doc)
            if score > 0:
                scored.append((score, reader))
        if not scored:
            break
        best = max(scored, key=lambda pair: pair[0])
        scored.remove(best)
        try:
            return best[1].read(doc)
        except ReaderDeclined as declined:
            reasons.append(f"{best[1].name}: {declined}")
    detail = f" ({'; '.join(reasons)})" if reasons else ""
    if doc.kind == "image":
        raise ReadingError(f"{doc.name}: no ACORD 25 certificate found in the image{detail}")
    raise ReadingError(
        f"{doc.name}: no certificate found: the PDF has no form fields, no readable "
        f"ACORD 25 text layer and no legible scanned ACORD 25 page{detail}"
    )
