"""The layout reader: ACORD 25 certificates whose values are in the page's text layer (printed
by agency systems, or filled in and flattened).

Values are found relative to the printed captions: a date under "DATE", an insurer's name right
of "INSURER A :", a policy number in the POLICY NUMBER column within the row that starts at
"AUTOMOBILE LIABILITY", an amount on the line of its limit's caption, a check mark (a letter X or
two drawn strokes) in the box left of its caption.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from coitrack.reading import normalize
from coitrack.reading.assemble import Slot, Slots, assemble
from coitrack.reading.document import Document
from coitrack.reading.errors import ReadingError
from coitrack.reading.layout import table
from coitrack.reading.layout.anchors import Captions
from coitrack.reading.layout.geometry import Layout, locate
from coitrack.reading.layout.regions import (
    box_of,
    confidence_in,
    line_text,
    lines_of,
    slot,
    words_in,
)
from coitrack.reading.registry import ReaderDeclined
from coitrack.reading.result import Collector, Evidence, ReadResult

CONTINUED_NAME_CONFIDENCE = 0.8


class LayoutReader:
    name = "layout"
    max_score = 0.8

    def score(self, doc: Document) -> float:
        layout = _layout(doc)
        if layout is not None:
            return 0.8
        try:
            text = doc.page_text(0).text.upper()
        except ReadingError:
            return 0.0
        return 0.05 if "CERTIFICATE OF LIABILITY INSURANCE" in text else 0.0

    def read(self, doc: Document) -> ReadResult:
        layout = _layout(doc)
        if layout is None:
            raise ReaderDeclined("no ACORD 25 captions in the text layer")
        slots = read_slots(layout)
        collector = Collector()
        for warning in [*doc.warnings, *layout.warnings]:
            collector.warn(warning)
        data = assemble(slots, collector)
        return collector.result(data, self.name)


def _layout(doc: Document) -> Layout | None:
    if "_layout" not in doc.__dict__:
        try:
            page = doc.page_text(0)
        except ReadingError:
            page = None
        doc.__dict__["_layout"] = locate(Captions(page)) if page and page.words else None
    return doc.__dict__["_layout"]


def read_slots(layout: Layout) -> Slots:
    slots: Slots = {}
    _insurers(layout, slots)  # first: their words are not the certificate number's
    _header(layout, slots)
    _producer(layout, slots)
    _parties(layout, slots)
    table.read_rows(layout, slots)
    return slots


def _header(layout: Layout, slots: Slots) -> None:
    page, a = layout.captions.page, layout.anchors
    if "date" in a:
        date = a["date"]
        words = words_in(layout, date.x0 - 14, date.bottom, layout.width, date.bottom + 16)
        slots["certificate_date"] = slot(layout, words)
    edition = normalize.parse_edition(page.text)
    if edition:
        footer = layout.captions.find("ACORD 25", mask=False)
        box = box_of(list(footer.words)) if footer else None
        slots["edition"] = Slot(edition, Evidence(page.number, box, 0.95, edition))
    number, revision = a.get("certificate_number"), a.get("revision_number")
    if number:
        right = revision.x0 - 1 if revision else layout.width * 0.68
        words = words_in(layout, number.x1 + 0.5, number.top - 4, right, number.bottom + 4)
        # On a skewed scan the last insurer's line dips into this band: its words are taken.
        claimed = [
            s.evidence.box
            for k, s in slots.items()
            if k.startswith("insurer.") and s.evidence is not None and s.evidence.box
        ]
        words = [
            w
            for w in words
            if not any(b[0] <= w.cx <= b[2] and b[1] <= w.cy <= b[3] for b in claimed)
        ]
        slots["certificate_number"] = slot(layout, words)
    if revision:
        words = words_in(
            layout, revision.x1 + 0.5, revision.top - 4, layout.width, revision.bottom + 4
        )
        slots["revision_number"] = slot(layout, words)


def _producer(layout: Layout, slots: Slots) -> None:
    a = layout.anchors
    contact, phone, fax, email = (a.get(k) for k in ("contact", "phone", "fax", "email"))
    right = layout.width
    if contact:
        bottom = phone.top - 0.5 if phone else contact.bottom + 8
        words = words_in(layout, contact.x1 - 5, contact.top - 2, right, bottom)
        slots["producer.contact_name"] = slot(layout, words)
    if phone:
        bottom = email.top - 0.5 if email else phone.bottom + 8
        end = fax.x0 - 1 if fax else right
        slots["producer.phone"] = slot(
            layout, words_in(layout, phone.x0, phone.top - 1.5, end, bottom)
        )
        if fax:
            slots["producer.fax"] = slot(
                layout, words_in(layout, fax.x0, phone.top - 1.5, right, bottom)
            )
    if email:
        heading = a.get("insurers")
        bottom = heading.top - 0.5 if heading else email.bottom + 9
        slots["producer.email"] = slot(
            layout, words_in(layout, email.x0, email.top - 1.5, right, bottom)
        )


def _insurers(layout: Layout, slots: Slots) -> None:
    a = layout.anchors
    naic = a.get("naic")
    naic_left = naic.x0 - 12 if naic else layout.width * 0.89
    rows = _insurer_rows(layout)
    coverages = a.get("coverages")
    letters = sorted(rows)
    pitch = _row_pitch(rows)
    for index, letter in enumerate(letters):
        label = rows[letter]
        if index + 1 < len(letters):
            bottom = rows[letters[index + 1]].top - 3
        else:
            bottom = coverages.top - 1 if coverages else label.bottom + 8
        if pitch:
            bottom = min(bottom, label.top + pitch - 3)  # one row, whatever follows it
        top = label.top - 3
        name_words = words_in(layout, label.x1 + 0.5, top, naic_left, bottom)
        slots[f"insurer.{letter}.name"] = slot(
            layout, name_words, confidence=confidence_in(name_words, label.x1, naic_left + 8)
        )
        naic_words = words_in(layout, naic_left, top, layout.width, bottom)
        slots[f"insurer.{letter}.naic"] = slot(layout, naic_words)


@dataclass(frozen=True)
class _Row:
    """Where an insurer's line is: its caption's box, found or placed by its neighbours."""

    top: float
    bottom: float
    x1: float


def _insurer_rows(layout: Layout) -> dict[str, _Row]:
    """The "INSURER A :" ... "INSURER F :" lines: those whose caption was found, and those
    between two found ones, placed at the found ones' pitch (a scan may lose a caption, and
    its line must then not become part of the line above, nor its words the certificate
    number's)."""
    found = {
        letter: _Row(anchor.top, anchor.bottom, anchor.x1)
        for letter in "ABCDEF"
        if (anchor := layout.anchors.get(f"insurer.{letter}")) is not None
    }
    pitch = _row_pitch(found)
    if not pitch or len(found) < 2:
        return found
    indices = sorted("ABCDEF".index(letter) for letter in found)
    x1 = sorted(row.x1 for row in found.values())[len(found) // 2]
    rows = dict(found)
    coverages = layout.anchors.get("coverages")
    last = indices[-1]
    # after the last one found too, while the line still fits above COVERAGES
    while coverages is not None and last < 5:
        ref = found["ABCDEF"[indices[-1]]]
        if ref.bottom + (last + 1 - indices[-1]) * pitch > coverages.top - 1:
            break
        last += 1
    for index in range(indices[0] + 1, last + 1):
        letter = "ABCDEF"[index]
        if letter in rows:
            continue
        above = max(i for i in indices if i < index)
        ref = found["ABCDEF"[above]]
        top = ref.top + (index - above) * pitch
        rows[letter] = _Row(top, top + (ref.bottom - ref.top), x1)
        layout.warnings.append(
            f"the caption INSURER {letter} was not found; its line was taken between its "
            "neighbours'"
        )
    return rows


def _row_pitch(rows: dict[str, _Row]) -> float | None:
    """The distance between two consecutive insurer lines (median over found neighbours)."""
    steps = []
    letters = sorted(rows)
    for first, second in itertools.pairwise(letters):
        gap = "ABCDEF".index(second) - "ABCDEF".index(first)
        steps.append((rows[second].top - rows[first].top) / gap)
    steps = [step for step in steps if step > 0]
    return sorted(steps)[len(steps) // 2] if steps else None


def _parties(layout: Layout, slots: Slots) -> None:
    a = layout.anchors
    contact, insured, coverages = a.get("contact"), a.get("insured"), a.get("coverages")
    split = contact.x0 - 2 if contact else layout.width / 2
    if "producer" in a:
        bottom = insured.top - 1 if insured else a["producer"].bottom + 50
        words = words_in(layout, 0, a["producer"].bottom, split, bottom)
        _party(layout, slots, "producer", words)
    if insured:
        bottom = coverages.top - 1 if coverages else insured.bottom + 55
        words = words_in(layout, 0, insured.top - 1, split, bottom)
        _party(layout, slots, "insured", words)
    if "holder" in a:
        holder = a["holder"]
        cancellation = a.get("cancellation")
        right = cancellation.x0 - 2 if cancellation else layout.width / 2
        footer = layout.captions.find("ACORD 25", below=holder.bottom, mask=False)
        bottom = footer.top - 1 if footer else layout.height - 30
        words = words_in(layout, 0, holder.bottom + 0.5, right, bottom)
        _party(layout, slots, "certificate_holder", words)
    if "description" in a:
        top = a["description"].bottom + 0.5
        bottom = a["holder"].top - 1 if "holder" in a else top + 70
        # No caption is printed inside the box: words that spell one ("hired autos") are text
        words = words_in(layout, 0, top, layout.width, bottom, keep_masked=True)
        slots["description_of_operations"] = slot(layout, words)


def _party(layout: Layout, slots: Slots, party: str, words) -> None:
    """A name-and-address block: name lines first (a long name wraps), then the address."""
    lines = lines_of(words)
    if not lines:
        return
    texts = [line_text(line) for line in lines]
    confidence = confidence_in(words, 0, layout.width)
    name_count, wrapped = normalize.name_line_count(texts)
    if wrapped:
        # Neither a street nor "City, ST ZIP", with an address still below: the name wrapped.
        # Kept, but with less confidence than a one-line name.
        confidence = min(confidence, CONTINUED_NAME_CONFIDENCE)
    name_words = [w for line in lines[:name_count] for w in line]
    slots[f"{party}.name"] = slot(
        layout, name_words, confidence=confidence, text=" ".join(texts[:name_count])
    )
    address_words = [w for line in lines[name_count:] for w in line]
    if address_words:
        text = normalize.address_from_lines(texts[name_count:])
        slots[f"{party}.address"] = slot(layout, address_words, text=text)
