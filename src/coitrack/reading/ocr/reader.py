"""The OCR reader: scanned ACORD 25 certificates (PNG, JPEG, TIFF, or PDFs of page images).

The first page is straightened and recognized (:mod:`coitrack.reading.ocr.page`), then read by
the layout reader's own code from the recognized words, so a scan gets the same captions,
columns, parsing, evidence and confidence rules as a text PDF. What OCR adds: the recognizer's
confidence caps each value's confidence (an unsure value is left empty and flagged, unless a
second reading of its own crop spells it the same and is sure: reread.py), digits
misread as letters are corrected in numeric boxes only, and evidence boxes are mapped back onto
the page as uploaded (before it was turned or deskewed). Later pages cost OCR too: an ACORD 101
remarks page is read only when page 1's description says the text goes on (remarks.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coitrack.reading.assemble import assemble
from coitrack.reading.carriers import CARRIERS
from coitrack.reading.document import MAX_PAGES_READ, Document
from coitrack.reading.errors import ReadingError
from coitrack.reading.layout.anchors import Captions
from coitrack.reading.layout.geometry import locate
from coitrack.reading.layout.reader import read_slots
from coitrack.reading.ocr.carrier_names import names_by_naic
from coitrack.reading.ocr.correct import correct_numeric_slots
from coitrack.reading.ocr.date_pairs import repair_date_pairs
from coitrack.reading.ocr.limit_checks import doubt_inconsistent_limits
from coitrack.reading.ocr.name_dust import strip_dust_from_names
from coitrack.reading.registry import ReaderDeclined
from coitrack.reading.remarks import (
    continue_description,
    looks_like_remarks_page,
    says_it_continues,
)
from coitrack.reading.result import Collector, ReadResult

if TYPE_CHECKING:
    from coitrack.reading.ocr.images import PageImage
    from coitrack.reading.ocr.page import OcrPage

MIN_TEXT_WORDS = 20  # a first page with fewer words in its text layer is taken for a scan


class OcrReader:
    name = "ocr"
    max_score = 0.9
    kinds = ("pdf", "image")

    def score(self, doc: Document) -> float:
        if doc.kind == "image":
            return 0.9
        try:
            words = doc.page_text(0).words
        except ReadingError:
            return 0.0
        # A PDF with a real text layer is the layout reader's; scanning it again would only be
        # slower and less sure.
        return 0.7 if len(words) < MIN_TEXT_WORDS else 0.0

    def read(self, doc: Document) -> ReadResult:
        # numpy, OpenCV and onnxruntime are imported only when a scan is read
        from coitrack.reading.ocr.engine import OcrUnavailable, get_engine
        from coitrack.reading.ocr.name_readings import respell_names
        from coitrack.reading.ocr.page import read_page
        from coitrack.reading.ocr.reread import read_again
        from coitrack.reading.ocr.terms import doubt_unusual_terms

        try:
            page = read_page(page_image(doc, 0))
        except OcrUnavailable as error:
            raise ReaderDeclined(f"OCR is not available ({error})") from None
        layout = locate(Captions(page.text, fuzzy=True))
        if layout is None:
            return _read_generic(doc, page)
        slots = read_slots(layout)
        collector = Collector()
        for warning in [*doc.warnings, *layout.warnings]:
            collector.warn(warning)
        collector.warn(_how_read(page))
        notes = [
            *read_again(slots, page, get_engine()),
            *respell_names(slots, page),
            *correct_numeric_slots(slots),
            *repair_date_pairs(slots),
            *doubt_unusual_terms(slots),
            *doubt_inconsistent_limits(slots),
            *strip_dust_from_names(slots),
            *names_by_naic(slots, {**CARRIERS, **doc.carriers}),
        ]
        for note in notes:
            collector.warn(note)
        data = assemble(slots, collector)
        _map_boxes_back(collector, page)
        result = collector.result(data, self.name)
        _remarks_pages(doc, result)
        return result


def _read_generic(doc: Document, page: OcrPage) -> ReadResult:
    """A scan without ACORD 25 captions: the generic reader's logic on the recognized words
    (a scanned insurer letter or coverage table), when they carry certificate wording."""
    from coitrack.reading.generic.reader import analyse, fits, read_page

    analysis = analyse(page.text)
    if not fits(analysis):
        raise ReaderDeclined("OCR found no ACORD 25 captions and no certificate wording")
    result = read_page(analysis, [*doc.warnings, _how_read(page)])
    if not page.turn.is_identity:
        for entry in result.evidence.values():
            if entry.get("box"):
                entry["box"] = [round(v, 1) for v in page.box_on_original(tuple(entry["box"]))]
    return result


def _remarks_pages(doc: Document, result: ReadResult) -> None:
    """Scanned ACORD 101 pages after the first, continuing the description of operations.

    Another page of OCR costs as much as the first, so it is spent only when page 1's
    description says it goes on ("see attached", "ACORD 101", "additional remarks"); reading
    stops at the first later page that is not a 101 (an endorsement, say). Pages with a text
    layer are left to the pipeline, which reads them for every reader.
    """
    from coitrack.reading.ocr.page import read_page

    if doc.page_count < 2 or not says_it_continues(result):
        return
    for index in range(1, min(doc.page_count, MAX_PAGES_READ)):
        if doc.kind == "pdf" and len(doc.page_text(index).words) >= MIN_TEXT_WORDS:
            return
        page = read_page(page_image(doc, index))
        if not looks_like_remarks_page(page.text):
            return
        before = len(result.evidence.get("description_of_operations", {}).get("continued", []))
        continue_description(result, [page.text])
        if not page.turn.is_identity:  # evidence on the page as uploaded, as for page 1
            evidence = result.evidence.get("description_of_operations", {})
            parts = evidence.get("continued", [])[before:] or (
                [evidence] if evidence.get("page") == index + 1 else []
            )
            for part in parts:
                if part.get("box"):
                    box = page.box_on_original(tuple(part["box"]))
                    part["box"] = [round(v, 1) for v in box]


def page_image(doc: Document, index: int) -> PageImage:
    from coitrack.reading.ocr import images

    if doc.kind == "image":
        return images.image_page(doc.data, doc.name, index)
    return images.pdf_page(doc.pdfium, index, doc.name)


def _how_read(page: OcrPage) -> str:
    turn = page.turn
    parts = [f"read by OCR at {page.dpi:.0f} dpi ({page.lines} text lines)"]
    if turn.quarters % 4:
        parts.append(f"page turned {90 * (turn.quarters % 4)} degrees")
    if turn.skew:
        parts.append(f"straightened by {turn.skew:+.1f} degrees")
    return "; ".join(parts) + "; check values against the image"


def _map_boxes_back(collector: Collector, page: OcrPage) -> None:
    if page.turn.is_identity:
        return
    for entry in collector.evidence.values():
        box = entry.get("box")
        if box:
            entry["box"] = [round(v, 1) for v in page.box_on_original(tuple(box))]
