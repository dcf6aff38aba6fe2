"""Labels and sections -> the slots of :mod:`coitrack.reading.assemble` (same parsing, evidence
and confidence rules as the ACORD readers).

Every value's confidence is capped at :data:`CONFIDENCE_CAP` (below the app's "sure" level, so a
reviewer checks each one). A value printed twice differently, or a label that does not say which
limit it is, gives no value: the slot is handed over unsure (left empty and flagged) or not at all.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from coitrack.reading import normalize
from coitrack.reading.assemble import Slot, Slots
from coitrack.reading.generic import values
from coitrack.reading.generic.blocks import block, name_words
from coitrack.reading.generic.labels import Label
from coitrack.reading.generic.lines import Cell, Line
from coitrack.reading.generic.sections import Section
from coitrack.reading.generic.vocabulary import LIMIT_KEYS_BY_ROW, limit_of
from coitrack.reading.layout.regions import box_of
from coitrack.reading.pagetext import Word
from coitrack.reading.result import Evidence

CONFIDENCE_CAP = 0.75  # under the app's 0.8 "sure" mark: every value is shown to be checked
WRAPPED_NAME = 0.7
AMBIGUOUS = 0.4  # under the 0.6 threshold: left empty and flagged
PARTY_LINES = 6
OTHER_LIMIT_LINES = 3  # assemble's write-in row has three limit lines
DESCRIPTION_LINES = 8
PARTIES = {"insured": "insured", "holder": "certificate_holder", "producer": "producer"}
SIMPLE = {
    "certificate_number": "certificate_number",
    "contact": "producer.contact_name",
    "phone": "producer.phone",
    "fax": "producer.fax",
    "email": "producer.email",
}
ROW_SLOT = {
    "gl": "gl",
    "auto": "auto",
    "umbrella": "umbrella",
    "excess": "umbrella",
    "either": "umbrella",
    "wc": "wc",
    "other": "other",
}
ROW_NAMES = {
    "gl": "General liability",
    "auto": "Automobile liability",
    "umbrella": "Umbrella",
    "excess": "Excess liability",
    "either": "Umbrella/excess liability",
    "wc": "Workers compensation",
    "other": "Other coverage",
}


@dataclass
class Candidate:
    """One printed value for a slot: what it means (``value``) and what was printed."""

    value: str
    words: list[Word]
    printed: str = ""
    page: int = 1


def _text(words: list[Word]) -> str:
    return normalize.clean_text(" ".join(w.text for w in words)).strip(" :")


class SlotWriter:
    """Collects candidates per slot; :meth:`slots` settles each (one value, or unsure)."""

    def __init__(self, page: int = 1) -> None:
        self.page = page  # the page being read: evidence points at it
        self.candidates: dict[str, list[Candidate]] = defaultdict(list)
        self.fixed: Slots = {}
        self.warnings: list[str] = []
        self.rows: set[str] = set()  # coverage rows read so far, over all pages

    def add(self, key: str, value: str, words: list[Word], printed: str = "") -> None:
        self.candidates[key].append(Candidate(value, words, printed or _text(words), self.page))

    def keep_first_page(self, keys: set[str]) -> None:
        """Only the first page's candidates for ``keys`` (read there already)."""
        for key in keys:
            self.candidates[key] = [c for c in self.candidates[key] if c.page == 1]

    def put(self, key: str, slot: Slot) -> None:
        self.fixed[key] = slot

    def slots(self) -> Slots:
        result: Slots = dict(self.fixed)
        for key, found in self.candidates.items():
            distinct = {normalize.clean_text(c.value).casefold() for c in found}
            first = found[0]
            if len(distinct) == 1:
                # OCR words carry their own confidence; a text layer's are 1.
                confidence = min([CONFIDENCE_CAP, *(w.confidence for w in first.words)])
                evidence = Evidence(first.page, box_of(first.words), confidence, first.printed)
                result[key] = Slot(first.value, evidence)
                continue
            printed = " / ".join(dict.fromkeys(c.printed for c in found))
            self.warnings.append(
                f"{key}: printed differently in {len(found)} places ({printed}); left empty"
            )
            words = [w for c in found for w in c.words]
            result[key] = Slot(printed, Evidence(first.page, box_of(words), AMBIGUOUS, printed))
        return result


def certificate_slots(
    lines: list[Line],
    labels_by_line: dict[int, list[Label]],
    sections: list[Section],
    writer: SlotWriter,
) -> None:
    """The certificate-wide values: parties, date, number, remarks, producer contact."""
    in_section = {id(label) for section in sections for label in section.labels}
    last_party: tuple[str, int] | None = None  # (party, line) of the last name-and-address label
    for index in sorted(labels_by_line):
        for label in labels_by_line[index]:
            if label.field in PARTIES:
                last_party = (PARTIES[label.field], index)
                cells = block(lines, label, labels_by_line, max_lines=PARTY_LINES)
                _party(writer, PARTIES[label.field], cells)
            elif label.field == "address":
                # "Address:" under "Policyholder: ..." is that party's address.
                cells = block(lines, label, labels_by_line, max_lines=3)
                texts = [_text(cell.words) for cell in cells]
                if len(texts) == 1:  # "88 Commerce Dr, Raleigh, NC 27601" on one line
                    texts = [part.strip() for part in texts[0].split(",")]
                if last_party and index - last_party[1] <= 3 and any(texts):
                    words = [w for cell in cells for w in cell.words]
                    writer.add(
                        f"{last_party[0]}.address",
                        normalize.address_from_lines(texts),
                        words,
                        " / ".join(texts),
                    )
            elif label.field == "description":
                cells = block(lines, label, labels_by_line, max_lines=DESCRIPTION_LINES)
                words = [w for cell in cells for w in cell.words]
                if words:
                    writer.add("description_of_operations", _text(words), words)
            elif label.field == "certificate_date" and id(label) not in in_section:
                cells = block(lines, label, labels_by_line, max_lines=1)
                if cells:
                    printed = _text(cells[0].words)
                    parsed = values.leading_date(printed)
                    writer.add(
                        "certificate_date",
                        parsed[0] if parsed else printed,
                        cells[0].words,
                        printed,
                    )
            elif label.field in SIMPLE and id(label) not in in_section:
                cells = block(lines, label, labels_by_line, max_lines=1)
                if cells:
                    writer.add(SIMPLE[label.field], _text(cells[0].words), cells[0].words)


def _party(writer: SlotWriter, party: str, cells: list[Cell]) -> None:
    texts = [_text(cell.words) for cell in cells]
    cells = [cell for cell, text in zip(cells, texts, strict=True) if text]
    texts = [text for text in texts if text]
    if not cells:
        return
    if len(texts) == 1 and "," in texts[0]:
        # "Acme Roofing LLC, 12 Main St, Springfield, IL 62701" on one line
        parts = [p.strip() for p in texts[0].split(",")]
        street = next(
            (i for i, p in enumerate(parts) if i and normalize.looks_like_street(p)), None
        )
        if street is not None:
            name = ", ".join(parts[:street])
            writer.add(f"{party}.name", name, cells[0].words, name)
            writer.add(
                f"{party}.address",
                normalize.address_from_lines(parts[street:]),
                cells[0].words,
                ", ".join(parts[street:]),
            )
            return
    name_count, wrapped = normalize.name_line_count(texts)
    words = [w for cell in cells[:name_count] for w in cell.words]
    name = " ".join(texts[:name_count])
    writer.add(f"{party}.name", name, words, name)
    if wrapped:
        writer.warnings.append(f"{party}: name read over {name_count} lines")
    if name_count < len(texts):
        address_words = [w for cell in cells[name_count:] for w in cell.words]
        writer.add(
            f"{party}.address",
            normalize.address_from_lines(texts[name_count:]),
            address_words,
            " / ".join(texts[name_count:]),
        )


def section_slots(
    lines: list[Line],
    labels_by_line: dict[int, list[Label]],
    sections: list[Section],
    writer: SlotWriter,
) -> tuple[list[Section], list[tuple[Section, str, list[Word]]]]:
    """Each section's policy values. Returns the sections read (one per row) and the insurers and
    NAIC codes they print: ``(section, "insurer" | "naic", words)``."""
    insurers: list[tuple[Section, str, list[Word]]] = []
    read: list[Section] = []
    seen = writer.rows
    for section in sections:
        row = ROW_SLOT[section.row]
        if row in seen:
            if _has_values(section):
                writer.warnings.append(
                    f"{ROW_NAMES[section.row]}: printed in two places; the second is not read"
                )
            continue
        if not _has_values(section) and any(
            s is not section and ROW_SLOT[s.row] == row and _has_values(s) for s in sections
        ):
            continue  # an empty heading ("Employers' Liability" under "Workers' Compensation")
        seen.add(row)
        read.append(section)
        _section(lines, labels_by_line, section, row, writer, insurers)
    return read, insurers


def _has_values(section: Section) -> bool:
    return bool(section.columns) or any(
        label.field in ("policy_number", "period", "effective", "expiration")
        or label.field.startswith("limit:")
        for label in section.labels
    )


def _value_cells(
    lines: list[Line], labels_by_line: dict[int, list[Label]], label: Label
) -> list[Word]:
    cells = block(lines, label, labels_by_line, max_lines=1)
    return cells[0].words if cells else []


def _marked(writer: SlotWriter, key: str, words: list[Word], printed: str) -> None:
    writer.put(key, Slot("X", Evidence(writer.page, box_of(words), CONFIDENCE_CAP, printed), True))


def _amount(printed: str) -> str:
    """The amount a limit's value starts with, as digits; the printed text (left empty and
    flagged by assemble) when it has none, or several ("$1,000,000 / $2,000,000")."""
    found = values.leading_amount(printed)
    if found is None or len(normalize.AMOUNT_TOKEN.findall(printed)) > 1:
        return printed
    return str(found[0])


def _section(
    lines: list[Line],
    labels_by_line: dict[int, list[Label]],
    section: Section,
    row: str,
    writer: SlotWriter,
    insurers: list[tuple[Section, str, list[Word]]],
) -> None:
    """One section's policy: its heading's meaning, then each column and label's value."""
    if section.row in ("umbrella", "excess"):
        writer.put(f"umbrella.mark.{section.row}", Slot("X", None, True))
    if section.claims_made is not None and row in ("gl", "umbrella"):
        box = "claims_made" if section.claims_made else "occurrence"
        _marked(writer, f"{row}.mark.{box}", section.heading, section.heading_text)
    if row == "other":
        writer.add("other.description", section.heading_text, section.heading)
    found = [
        (column, [w for cell in cells for w in cell.words])
        for column, cells in section.columns.items()
    ]
    found += [
        (
            label.field,
            name_words(lines, label, labels_by_line)
            if label.field == "insurer"
            else _value_cells(lines, labels_by_line, label),
        )
        for label in section.labels
    ]
    other_lines = 0
    for kind, words in found:
        printed = _text(words)
        if kind == "statutory" and row == "wc":
            _marked(writer, "wc.mark.statutory", words, printed or "Statutory")
        elif not printed:
            continue
        elif kind == "limits" and section.columns.get("limits") is None:
            # "Limits: $1,000,000 per occurrence / $2,000,000 aggregate"
            pieces = _limit_pieces(printed)
            for limit, amount, piece in pieces:
                _policy_value(writer, section, row, f"limit:{limit}", words, amount, piece)
            if not pieces and normalize.AMOUNT_TOKEN.search(printed):
                writer.warnings.append(
                    f"{ROW_NAMES[section.row]}: limit {printed!r} does not say which; not read"
                )
            if row == "wc" and "statut" in printed.lower():
                _marked(writer, "wc.mark.statutory", words, printed)
        elif kind == "limits":  # a table's limits column: its lines are read as limit labels
            if row == "wc" and "statut" in printed.lower():
                _marked(writer, "wc.mark.statutory", words, printed)
        elif kind in ("insurer", "naic"):
            insurers.append((section, kind, words))
        elif kind.startswith("limit:") and row == "other":
            key = LIMIT_KEYS_BY_ROW["other"].get(kind.removeprefix("limit:"))
            if key is None or other_lines == OTHER_LIMIT_LINES:
                writer.warnings.append(
                    f"{ROW_NAMES[section.row]}: limit wording not understood here; not read"
                )
                continue
            other_lines += 1
            # assemble's write-in row: the label says which limit, the amount follows
            writer.put(f"other.limit_label.{other_lines}", Slot(key.replace("_", " "), None))
            writer.add(f"other.limit_amount.{other_lines}", _amount(printed), words, printed)
        else:
            _policy_value(writer, section, row, kind, words, printed)


_PIECES = re.compile(r"\s*(?:/|;|,\s|\band\b|\+)\s*")


def _limit_pieces(printed: str) -> list[tuple[str, str, str]]:
    """(kind of limit, amount as digits, piece) for each "amount wording" or "wording amount"
    piece of a limits value; pieces without both are skipped (a bare "$1,000,000" does not say
    which limit it is)."""
    found = []
    for piece in _PIECES.split(printed):
        piece = piece.strip(" .")
        amount = values.leading_amount(piece)
        if amount is not None:
            wording = piece[len(amount[1]) :].strip()
        else:
            match = normalize.AMOUNT_TOKEN.search(piece)
            if match is None or piece[match.end() :].strip(" .") != "":
                continue
            amount = values.leading_amount(match.group(0))
            wording = piece[: match.start()].strip(" :")
        limit = limit_of(wording) if amount else None
        if limit:
            found.append((limit, str(amount[0]), piece))
    return found


def _policy_value(
    writer: SlotWriter,
    section: Section,
    row: str,
    kind: str,
    words: list[Word],
    printed: str,
    shown: str = "",
) -> None:
    """One value of a section's policy; ``shown`` is the printed text when ``printed`` is
    already the value (an amount taken out of a longer text)."""
    name = ROW_NAMES[section.row]
    if kind == "policy_number":
        writer.add(f"{row}.policy_number", printed, words)
    elif kind in ("effective", "expiration"):
        # One date, or the value is not read (two dates under "Effective" is no answer).
        dates = values.dates_in(printed)
        parsed = dates[0][0] if len(dates) == 1 and values.leading_date(printed) else None
        writer.add(f"{row}.{kind}_date", parsed or printed, words, printed)
    elif kind == "period":
        dates = values.dates_in(printed)
        if len(dates) == 2 and all(iso for iso, _ in dates):
            writer.add(f"{row}.effective_date", dates[0][0], words, printed)
            writer.add(f"{row}.expiration_date", dates[1][0], words, printed)
        else:
            writer.warnings.append(f"{name}: policy period {printed!r} not read")
    elif kind in ("addl", "subr"):
        answer = {True: "Y", False: "N", None: printed}[values.yes_no(printed)]
        writer.add(f"{row}.{kind}", answer, words, printed)
    elif kind == "retention" and row == "umbrella":
        writer.add("umbrella.retention_amount", _amount(printed), words, printed)
    elif kind.startswith("limit:"):
        key = LIMIT_KEYS_BY_ROW[row].get(kind.removeprefix("limit:"))
        if key is None:
            writer.warnings.append(f"{name}: limit wording not understood here; not read")
        else:
            writer.add(f"{row}.limit.{key}", _amount(printed), words, shown or printed)
