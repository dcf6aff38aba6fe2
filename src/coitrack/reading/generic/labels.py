"""Find labels on a line ("Named Insured:", "Each Occurrence") and the value printed after each.

A phrase that matches a label counts only when it is printed as one:
- followed by a colon ("Insured: Acme LLC", "Insured Acme LLC" is not a label), or
- a cell of its own ("Named Insured" with a gap after it: the value is to the right or below), or
- for dates and limits, followed by a value of that kind ("Each Occurrence $1,000,000",
  "Policy Period 01/01/2026 to 01/01/2027").
The value on the label's line is the rest of its cell, or the next cell when the label ends its
own, cut where the next label starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coitrack.reading.generic import values
from coitrack.reading.generic.lines import Line, cell_end, cell_start
from coitrack.reading.generic.vocabulary import insurer_letter_of, label_of
from coitrack.reading.pagetext import Word

_LEADER = re.compile(r"[._\-\u2026]{2,}|[:|]")
MAX_LABEL_WORDS = 7  # "Damage to Rented Premises (Each Occurrence)"
TYPED = ("effective", "expiration", "period")
SEPARATORS = {":", "-", "\u2013", "\u2014", "=", "|"}
_POLICY_NUMBER = re.compile(r"(?=.*\d)[A-Z0-9][A-Z0-9\-./]{3,}", re.IGNORECASE)
_PHONE = re.compile(r"^\(?\d{3}\)?[\s.\-]?\d{3}[\s.\-]\d{4}\b")


@dataclass
class Label:
    field: str  # "insured", "policy_number", "limit:occurrence" ...
    line: Line
    words: list[Word]
    value: list[Word]  # on the label's own line; may be empty (then the value is below)
    letter: str | None = None  # "Insurer B" -> "B"

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    def __post_init__(self) -> None:
        # Leader dots or rules between a label and its value ("Each Occurrence ..... $1,000,000")
        self.value = [w for w in self.value if not _LEADER.fullmatch(w.text)]

    @property
    def value_text(self) -> str:
        return " ".join(w.text for w in self.value).strip(" :")

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def find_labels(line: Line) -> list[Label]:
    """The labels printed on ``line``, left to right, each with its same-line value."""
    words = line.words
    found: list[tuple[int, int, str, int]] = []  # (first word, end of label, field, value start)
    i = 0
    while i < len(words):
        match = _label_at(line, i)
        if match is None:
            i += 1
            continue
        end, field, value_start = match
        found.append((i, end, field, value_start))
        i = value_start
    labels = _amount_first(line, {start for start, *_ in found})
    for index, (start, end, field, value_start) in enumerate(found):
        stop = found[index + 1][0] if index + 1 < len(found) else len(words)
        label_words = words[start:end]
        labels.append(
            Label(
                field,
                line,
                label_words,
                _value_words(line, value_start, stop),
                insurer_letter_of(" ".join(w.text for w in label_words)),
            )
        )
    return labels


def _amount_first(line: Line, taken: set[int]) -> list[Label]:
    """Limits printed amount first: a cell "$1,000,000 Each Occurrence"."""
    labels = []
    for cell in line.cells:
        first = line.words.index(cell.words[0])
        for split in range(1, min(3, len(cell.words))):
            printed = " ".join(w.text for w in cell.words[:split])
            amount = values.leading_amount(printed)
            if amount is None or amount[1] != printed.strip().rstrip(".,"):
                continue
            field = label_of(" ".join(w.text for w in cell.words[split:]))
            if field and field.startswith("limit:") and first + split not in taken:
                labels.append(Label(field, line, cell.words[split:], cell.words[:split]))
                break
    return labels


def _label_at(line: Line, i: int) -> tuple[int, str, int] | None:
    words = line.words
    for k in range(min(MAX_LABEL_WORDS, len(words) - i), 0, -1):
        chunk = words[i : i + k]
        # A colon inside the phrase ends a label before it ("Insured: Acme" is not one label),
        # and a label never runs across a gap into the next cell ("Waiver of Subrogation" +
        # "Included").
        if any(w.text.endswith(":") for w in chunk[:-1]) or any(
            cell_start(line, j) for j in range(i + 1, i + k)
        ):
            continue
        text = " ".join(w.text for w in chunk)
        field = label_of(text)
        if field is None:
            continue
        end = value_start = i + k
        colon = text.endswith(":")
        # A colon, or a dash standing for one ("Policy Term \u2013 01/01/2026 \u2013 ...")
        if value_start < len(words) and words[value_start].text in SEPARATORS:
            colon, value_start = True, value_start + 1
        if colon or _accepted(line, i, end, field, value_start):
            return end, field, value_start
    return None


def _accepted(line: Line, start: int, end: int, field: str, value_start: int) -> bool:
    words = line.words
    rest = " ".join(
        w.text for w in words[value_start : value_start + 8] if not _LEADER.fullmatch(w.text)
    )
    typed = field.startswith("limit:") or field in TYPED
    if typed and rest:
        if field.startswith("limit:") and values.leading_amount(rest):
            return True
        if field in TYPED and values.leading_date(rest):
            return True
    if field == "statutory":  # a word that says it all, wherever it stands
        return True
    # At the start of its cell, a label followed by a value of its own shape:
    # "Policy No. GL 6125413", "Phone (212) 555-0100".
    if cell_start(line, start) and value_start < len(words):
        if field == "policy_number" and _POLICY_NUMBER.fullmatch(
            "".join(w.text for w in words[value_start : value_start + 2])
            if words[value_start].text.isalpha() and len(words[value_start].text) <= 4
            else words[value_start].text
        ):
            return True
        if field in ("phone", "fax") and _PHONE.match(rest):
            return True
        if field == "naic" and re.match(r"#?\s?\d{5}\b", rest):
            return True
    # A whole cell of its own: its value is the next cell or the lines below.
    return cell_start(line, start) and (end == len(words) or cell_end(line, end - 1))


def _value_words(line: Line, start: int, stop: int) -> list[Word]:
    """The label's value on its line: the cell holding ``start`` from there on (or the next
    cell, when the label ended its own), never past ``stop``."""
    if start >= stop:
        return []
    first = line.words[start]
    cell = next(c for c in line.cells if any(w is first for w in c.words))
    remaining = len(cell.words) - next(j for j, w in enumerate(cell.words) if w is first)
    result = line.words[start : min(stop, start + remaining)]
    # Another label-looking cell ("Premium:") is not this label's value.
    if result and result[-1].text.endswith(":") and len(result) <= 3:
        return []
    return result
