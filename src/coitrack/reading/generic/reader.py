"""The generic reader: certificates of insurance that are not ACORD 25 forms (insurer letters,
"Evidence of Insurance" pages, coverage tables, key: value blocks).

Best effort, said plainly: it scores below the ACORD readers (it is asked only when none of them
fits), caps every value's confidence under the app's "sure" mark, warns that each value must be
checked, and leaves a value empty rather than choose between two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coitrack.reading.assemble import assemble
from coitrack.reading.document import Document
from coitrack.reading.errors import ReadingError
from coitrack.reading.generic.insurers import Printed, collect_insurers, insurer_slots
from coitrack.reading.generic.labels import Label, find_labels
from coitrack.reading.generic.lines import Line, lines_of
from coitrack.reading.generic.sections import Section, find_sections
from coitrack.reading.generic.slots import SlotWriter, certificate_slots, section_slots
from coitrack.reading.generic.vocabulary import TITLES
from coitrack.reading.pagetext import PageText
from coitrack.reading.registry import ReaderDeclined
from coitrack.reading.result import Collector, ReadResult

WARNING = "not an ACORD 25 form: read by the generic reader, check every value"
MIN_WORDS = 20  # fewer words in the text layer: a scan, the OCR reader's
MAX_PAGES = 2  # a letter may run onto a second page; later pages are endorsements, schedules
# An ACORD form (or its 101 remarks page) says so in its footer; INSR LTR heads its table.
ACORD = re.compile(r"\bACORD\s*(?:25|101|CORPORATION)\b|\(ACORD\)|\bINSR\s*LTR\b")


@dataclass
class Analysis:
    """One page seen as lines, labels and coverage sections."""

    page: PageText
    lines: list[Line]
    labels_by_line: dict[int, list[Label]]
    sections: list[Section]

    @property
    def fields(self) -> set[str]:
        return {label.field for labels in self.labels_by_line.values() for label in labels}


def analyse(page: PageText) -> Analysis:
    lines = lines_of(page)
    labels_by_line = {line.index: found for line in lines if (found := find_labels(line))}
    sections = find_sections(lines, labels_by_line, page.width)
    return Analysis(page, lines, labels_by_line, sections)


def fits(analysis: Analysis) -> float:
    """How much the page looks like a certificate of insurance (the reader's score)."""
    fields = analysis.fields
    policy = bool({"policy_number", "period", "effective"} & fields) or any(
        s.columns for s in analysis.sections
    )
    limits = any(f.startswith("limit:") for f in fields)
    party = bool({"insured", "holder"} & fields)
    if not analysis.sections or not (policy or limits):
        return 0.0
    text = analysis.page.text.upper()
    if ACORD.search(text):
        # An ACORD form the ACORD readers could not place (a damaged page, a poor scan): read
        # as a generic page it would be misread, and called "not an ACORD 25 form".
        return 0.0
    if TITLES.search(text):
        return 0.3
    return 0.2 if party else 0.0


def read_page(analysis: Analysis, warnings: list[str]) -> ReadResult:
    """The certificate data of an analysed page; ReaderDeclined when nothing is found."""
    return read_pages([analysis], warnings)


def read_pages(analyses: list[Analysis], warnings: list[str]) -> ReadResult:
    """The certificate data of analysed pages, the first one first: later pages add coverage
    sections and the certificate-wide values the first page does not print (a letter's
    holder or remarks on page 2); what the first page prints is never replaced."""
    writer = SlotWriter(analyses[0].page.number)
    printed = Printed()
    first_page: set[str] = set()
    for number, analysis in enumerate(analyses):
        writer.page = analysis.page.number
        lines, labels, sections = analysis.lines, analysis.labels_by_line, analysis.sections
        for section in sections:
            section.page = analysis.page.number
        certificate_slots(lines, labels, sections, writer)
        if number == 0:
            first_page = {key for key, found in writer.candidates.items() if found}
        else:
            writer.keep_first_page(first_page)
        read, insurers = section_slots(lines, labels, sections, writer)
        collect_insurers(lines, labels, sections, read, insurers, analysis.page.number, printed)
    insurer_slots(printed, writer)
    slots = writer.slots()
    collector = Collector()
    for warning in [WARNING, *warnings, *writer.warnings]:
        collector.warn(warning)
    data = assemble(slots, collector)
    data["form"], data["edition"] = "generic", None
    if not (data["policies"] or data["insured"]["name"]):
        raise ReaderDeclined("no insured and no policy found")
    return collector.result(data, GenericReader.name)


class GenericReader:
    name = "generic"
    max_score = 0.3

    def score(self, doc: Document) -> float:
        analysis = _analysis(doc)
        return fits(analysis) if analysis is not None else 0.0

    def read(self, doc: Document) -> ReadResult:
        analysis = _analysis(doc)
        if analysis is None or not fits(analysis):
            raise ReaderDeclined("no certificate-of-insurance wording in the text layer")
        return read_pages([analysis, *_more_pages(doc)], list(doc.warnings))


def _more_pages(doc: Document) -> list[Analysis]:
    """Page 2 when it goes on with the certificate: a text layer, no ACORD form (an ACORD 101
    or an endorsement form read by other means), at least one coverage section or a holder or
    remarks label."""
    if min(doc.page_count, MAX_PAGES) < 2:
        return []
    try:
        page = doc.page_text(1)
    except (ReadingError, IndexError):
        return []
    if len(page.words) < MIN_WORDS or ACORD.search(page.text.upper()):
        return []
    analysis = analyse(page)
    if analysis.sections or {"holder", "description"} & analysis.fields:
        return [analysis]
    return []


def _analysis(doc: Document) -> Analysis | None:
    if "_generic" not in doc.__dict__:
        try:
            page = doc.page_text(0)
        except ReadingError:
            page = None
        ok = page is not None and len(page.words) >= MIN_WORDS
        doc.__dict__["_generic"] = analyse(page) if ok else None
    return doc.__dict__["_generic"]
