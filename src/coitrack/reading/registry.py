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

    def score(self, doc: Document) -> float: ...

    def read(self, doc: Document) -> ReadResult: ...


def default_readers() -> list[Reader]:
    from coitrack.reading.acroform import AcroFormReader
    from coitrack.reading.layout.reader import LayoutReader

    return [AcroFormReader(), LayoutReader()]


READERS: list[Reader] = []


def ranked(doc: Document, readers: list[Reader] | None = None) -> list[tuple[float, Reader]]:
    """Readers that can read ``doc``, best first."""
    candidates = readers if readers is not None else (READERS or default_readers())
    scored = [(reader.score(doc), reader) for reader in candidates]
    return sorted((pair for pair in scored if pair[0] > 0), key=lambda pair: -pair[0])


def read_with_best(doc: Document, readers: list[Reader] | None = None) -> ReadResult:
    """The result of the best reader that does not decline; ReadingError when none can."""
    reasons = []
    for _, reader in ranked(doc, readers):
        try:
            return reader.read(doc)
        except ReaderDeclined as declined:
            reasons.append(f"{reader.name}: {declined}")
    detail = f" ({'; '.join(reasons)})" if reasons else ""
    raise ReadingError(
        f"{doc.name}: no certificate found: the PDF has no form fields and no readable "
        f"ACORD 25 text layer{detail}. Scanned certificates cannot be read yet."
    )
