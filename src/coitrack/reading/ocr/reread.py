"""A second reading of the critical values OCR was unsure of.

A value whose least sure character falls under the trust line is left empty (words.py). Often
the reading was right and one character was merely faint or crowded by its neighbours. So the
lines of such a value are read once more from a crop of their own: only the value's words, with
a margin of paper around them instead of the page's neighbouring ink (a rule, a "$", a caption)
and so at another scale. The value is kept when the second reading gives the same value
(names letter for letter) *and* is sure by itself; a note then says it was read twice.

Otherwise the crop is also read in two other views (views.py: with paper above and below,
so the glyphs come smaller; with its contrast stretched and lightly smoothed), and the value
the views agree on is kept (:func:`_agreed`): no sure reading may say otherwise, two must be
sure of it (or one sure and two unsure ones agree), and it must lie within two characters of
the first reading, so that a neighbour's value is never taken. A date, limit or NAIC code the
views still leave in doubt is decoded once more in its shape (shaped.py). Anything else leaves
the value empty and flagged.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from coitrack.reading.assemble import Slot
from coitrack.reading.normalize import (
    clean_text,
    parse_amount,
    parse_date,
    parse_letter,
    parse_naic,
)
from coitrack.reading.ocr.correct import correct_numeric_slots
from coitrack.reading.ocr.name_dust import strip_dust
from coitrack.reading.ocr.name_readings import lift_known_words
from coitrack.reading.ocr.names import NAME_KEYS as NAMES
from coitrack.reading.ocr.names import (
    doubts,
    known_word,
    strong_doubts,
    within_edits,
)
from coitrack.reading.ocr.shaped import kept_in_shape
from coitrack.reading.ocr.terms import USUAL_TERMS, whole_months
from coitrack.reading.ocr.views import VIEWS, crops_of, value_lines
from coitrack.reading.ocr.words import AGREED, BASE, DOUBTED, words_from_lines
from coitrack.reading.result import CONFIDENCE_THRESHOLD, Evidence

if TYPE_CHECKING:
    from coitrack.reading.assemble import Slots
    from coitrack.reading.ocr.page import OcrPage
    from coitrack.reading.pagetext import Word

# The critical values: names, policy numbers, dates, amounts, NAIC codes, insurer letters.
KEYS = re.compile(
    r"^(insured\.name|certificate_holder\.name|insurer\.[A-F]\.(name|naic)"
    r"|\w+\.(policy_number|effective_date|expiration_date|letter)|\w+\.limit(_amount)?\.\w+)$"
)
PARSERS = (
    (re.compile(r"_date$"), parse_date),
    (re.compile(r"\.limit(_amount)?\."), parse_amount),
    (re.compile(r"\.naic$"), parse_naic),
    (re.compile(r"\.letter$"), parse_letter),
)
MAX_SLOTS = 48  # values read again per page at most (an ACORD 25 has ~40 critical values)
# Sure values read again too, as a check, where the recognizer has been seen sure and wrong (a
# letter lost in a name, "17" read "07" in a date) and only when one of their characters was
# under full trust (words.FULL_TRUST: a value read at full trust costs the check ~15% more
# recognition for the whole page, and the wrong values seen had a doubtful character). A second
# reading that differs leaves the value empty and flagged.
CHECKED = re.compile(
    r"^(insured\.name|certificate_holder\.name|insurer\.[A-F]\.name"
    r"|\w+\.(policy_number|effective_date|expiration_date))$"
)


def read_again(slots: Slots, page: OcrPage, engine) -> list[str]:
    """Read the unsure critical slots again, and check the sure names, dates and policy
    numbers the same way (see the module's docstring and :data:`CHECKED`), in place.

    Returns a note for each value kept thanks to the second reading or doubted because of it."""
    todo: list[tuple[str, Slot, list[list[Word]]]] = []
    notes = lift_known_words(slots, page)
    suspects = suspect_keys(slots)
    for key, slot in slots.items():
        lines = _lines_to_read(key, slot, page, check=key in suspects)
        if lines:
            todo.append((key, slot, lines))
    todo = todo[:MAX_SLOTS]
    notes += _doubt_unread_names(slots, suspects - {key for key, _, _ in todo})
    crops, owners = [], []
    for index, (_, _, lines) in enumerate(todo):
        for line in lines:
            for view, crop in enumerate(crops_of(page, line)):
                crops.append(crop)
                owners.append((index, view))
    if not crops:
        return notes
    readings = engine.recognize([c for c, _ in crops], keep_steps=True)
    views: dict[tuple[int, int], list[Word]] = {}
    steps: dict[tuple[int, int], list] = {}
    for (crop, dpi), owner, reading in zip(crops, owners, readings, strict=True):
        height, width = crop.shape
        views.setdefault(owner, []).extend(
            words_from_lines([(0, 0, width, height)], [reading], dpi)
        )
        steps.setdefault(owner, []).append(reading.steps)
    for index, (key, slot, lines) in enumerate(todo):
        first = " ".join(w.text for line in lines for w in line)
        readings = [views.get((index, view), []) for view in range(len(VIEWS))]
        decided = _decide(key, slot, first, readings, suspect=key in suspects)
        if decided is None and len(lines) == 1 and _unsure(key, slot):
            views_steps = [steps[(index, view)][0] for view in range(len(VIEWS))]
            decided = kept_in_shape(key, slot, views_steps, engine.characters)
        if decided is not None:
            slots[key], note = decided
            notes.append(note)
    return notes


def _unsure(key: str, slot: Slot) -> bool:
    """Whether a value is still left for review: unsure, or sure but not parsing."""
    evidence = slot.evidence
    assert evidence is not None
    return evidence.confidence < CONFIDENCE_THRESHOLD or _malformed(key, slot.text)


def _doubt_unread_names(slots: Slots, keys: set[str]) -> list[str]:
    """Suspect names that cannot be read again (a name wrapped over lines that hold other words
    too) and carry a doubt no second reading could lift ("Comunity"): left for review, in
    place."""
    notes = []
    for key in sorted(keys):
        slot = slots[key]
        if not NAMES.match(key) or slot.evidence is None or not slot.text:
            continue
        found = strong_doubts(strip_dust(slot.text))
        if found:
            evidence = slot.evidence
            doubted = Evidence(evidence.page, evidence.box, DOUBTED, slot.text)
            slots[key] = replace(slot, evidence=doubted)
            notes.append(f"OCR read {slot.text!r} ({key}) ({'; '.join(found)}): left for review")
    return notes


def _decide(
    key: str, slot: Slot, first: str, readings: list[list[Word]], *, suspect: bool
) -> tuple[Slot, str] | None:
    """What the readings of a value read again make of it: the slot to keep and a note, or
    None to leave it as it is. ``readings`` holds the words of each view, the plain second
    reading first."""
    words = readings[0]
    second = " ".join(w.text for w in words)
    sure = min((w.confidence for w in words), default=0.0)
    evidence = slot.evidence
    assert evidence is not None  # _lines_to_read checked it

    def kept(text: str, confidence: float, note: str) -> tuple[Slot, str]:
        return Slot(text, Evidence(evidence.page, evidence.box, confidence, text)), note

    def by_views(agreed: tuple[str, float], opening: str) -> tuple[Slot, str]:
        text, confidence = agreed
        note = f"{opening} {slot.text!r} ({key}); {len(VIEWS)} more readings agreed on {text!r}"
        return kept(text, min(confidence, AGREED), note)

    def doubted(note: str) -> tuple[Slot, str]:
        return replace(
            slot, evidence=Evidence(evidence.page, evidence.box, DOUBTED, slot.text)
        ), note

    better = _known_words_reading(key, first, second, sure)
    if better is not None:
        return kept(
            better,
            min(sure, evidence.confidence, BASE),
            f"OCR read {first!r} ({key}), then {better!r}, which spells common name "
            f"words: kept {better!r}",
        )
    if (
        NAMES.match(key)
        and suspect
        and (
            strong_doubts(strip_dust(second))
            or evidence.confidence < CONFIDENCE_THRESHOLD
            or not _same_value(key, strip_dust(first), strip_dust(second))
        )
    ):
        # Two readings that agree lift a doubt about a sure name ("Markel" is one letter
        # from "market" and is a name); an unsure name the lexicon doubts too stays empty,
        # unless the views agree on a spelling without doubt.
        agreed = _agreed(key, (first, evidence.confidence), readings)
        if agreed is not None:
            return by_views(agreed, "OCR read")
        return doubted(
            f"OCR read {slot.text!r} ({key}) ({'; '.join(doubts(strip_dust(first)))}), "
            f"then {second!r}: left for review"
        )
    if evidence.confidence >= CONFIDENCE_THRESHOLD and not _malformed(key, first):
        # A check looks only at letters and digits: a case or a speck of dust that one
        # reading has and the other has not is the recognizer's usual doubt, not a
        # different value. A second reading that differs is outvoted only when every other
        # view reads the first reading's value, surely.
        if _same_value(key, first, second, loose=True) or _confirmed(key, first, readings[1:]):
            return None
        if NAMES.match(key) and _all_known(first) and doubts(strip_dust(second)):
            return None  # the common name words witness for the first reading ("Ohio", "Ohip")
        # Views that agree against a sure first reading are not followed: they share one crop
        # and err alike ("WC" read "NC" three times), so the value is left for review.
        return doubted(f"OCR read {slot.text!r} ({key}), then {second!r}: left for review")
    if sure >= CONFIDENCE_THRESHOLD and _same_value(key, first, second):
        return kept(
            first, sure, f"OCR was unsure of {slot.text!r} ({key}); a second reading agreed"
        )
    agreed = _agreed(key, (first, evidence.confidence), readings)
    if agreed is None:
        return None
    return by_views(agreed, "OCR was unsure of")


def _all_known(name: str) -> bool:
    """Whether every word of a name is a common name word (names.known_word)."""
    return all(known_word(word) for word in strip_dust(name).split())


def _confirmed(key: str, first: str, readings: list[list[Word]]) -> bool:
    """Whether the other views side with ``first`` against the second reading: at least one
    reads its value surely, and none reads another value surely."""
    sure = [
        " ".join(w.text for w in words)
        for words in readings
        if words and min(w.confidence for w in words) >= CONFIDENCE_THRESHOLD
    ]
    return bool(sure) and all(_same_value(key, first, text, loose=True) for text in sure)


def _malformed(key: str, text: str) -> bool:
    """Whether a date, amount, NAIC code or letter does not parse at all ("2000,000",
    "8/A/26"), however sure the recognizer was of its characters."""
    parse = next((p for pattern, p in PARSERS if pattern.search(key)), None)
    if parse is None or not text:
        return False
    slots = {key: Slot(text, Evidence(1, None, 1.0, text))}
    correct_numeric_slots(slots)
    return parse(slots[key].text) is None


_NOT_LETTERS = re.compile(r"[^0-9A-Z]")


def _letters(text: str) -> str:
    """Letters and digits, in capitals."""
    return _NOT_LETTERS.sub("", text.upper())


def _same_value(key: str, first: str, second: str, *, loose: bool = False) -> bool:
    """Whether two readings give the same value: amounts, dates, NAIC codes and letters as
    parsed (after the digit corrections of correct.py: "2,000,000." and "2,000,000" are one
    amount), names and policy numbers letter for letter (a stray dot at either end of a policy
    number aside); ``loose``: names and policy numbers by their letters and digits alone, in
    any case."""
    texts = []
    for text in (first, second):
        slots = {key: Slot(text, Evidence(1, None, 1.0, text))}
        correct_numeric_slots(slots)
        texts.append(slots[key].text)
    parse = next((p for pattern, p in PARSERS if pattern.search(key)), None)
    if parse is None:
        if loose:
            # letters and digits alike, and split in as many parts ("5 350675-A" is not
            # "5350675-A"; "2063774:A" is "2063774-A" with a speck)
            return _letters(texts[0]) == _letters(texts[1]) and len(texts[0].split()) == len(
                texts[1].split()
            )
        return clean_text(texts[0]) == clean_text(texts[1])
    values = [parse(t) for t in texts]
    return values[0] is not None and values[0] == values[1]


def suspect_keys(slots: Slots) -> set[str]:
    """Sure values that look wrong beside what they should agree with, to be read again
    whatever the recognizer's confidence: every policy number, a name with a doubt
    (names.doubts), an amount
    written without separators (the recognizer may merge a run of zeros, "1000000" read
    "100000", and no digit groups show it), and both dates of a policy whose term is not a
    usual number of whole months (:data:`USUAL_TERMS`: "11/7/25" to "11/17/26" is more likely
    "11/17/25" with a "1" lost)."""
    suspects = set()
    for key, slot in slots.items():
        if NAMES.match(key) and slot.text and doubts(strip_dust(slot.text)):
            suspects.add(key)
        if (".limit." in key or ".limit_amount." in key) and _UNGROUPED.match(slot.text):
            suspects.add(key)
        if KEYS.match(key) and _malformed(key, slot.text):
            suspects.add(key)  # "2000,000": read again, the views may agree on the value
        if key.endswith(".policy_number") and slot.text:
            # nothing to check a policy number against, and a lost or split digit ("22 SBA"
            # read "2 SBA", "5350675-A" read "5 350675-A") reads at full trust: always twice
            suspects.add(key)
        if key.endswith(".effective_date"):
            other = key.removesuffix(".effective_date") + ".expiration_date"
            start = parse_date(slot.text) if slot.text else None
            end = parse_date(slots[other].text) if other in slots and slots[other].text else None
            if start and end and whole_months(start, end) not in USUAL_TERMS:
                suspects.update((key, other))
    return suspects


_UNGROUPED = re.compile(r"^\$?\s?\d{5,}$")


def _known_words_reading(key: str, first: str, second: str, sure: float) -> str | None:
    """The second reading of a name, when it is sure, raises no doubt (names.doubts) while the
    first did, and differs from the first by no more letters than the first had doubts (a lost
    letter, a lost or added space): two witnesses, the pixels read again and the common name
    words, against one."""
    if not NAMES.match(key) or sure < CONFIDENCE_THRESHOLD:
        return None
    first, second = strip_dust(first), strip_dust(second)
    found = doubts(first)
    if not found or doubts(second):
        return None
    a, b = _letters(first), _letters(second)
    if a == b or within_edits(a, b, len(found)):
        return second
    return None


def _lines_to_read(
    key: str, slot: Slot, page: OcrPage, *, check: bool = False
) -> list[list[Word]] | None:
    """The value's words by line, when it is a critical value left unsure by OCR alone (not by
    where it lies: two dates in one cell stay unsure however well they read), a sure value to
    check, or a ``check`` requested by :func:`suspect_keys`."""
    evidence = slot.evidence
    if not KEYS.match(key) or not slot.text or evidence is None or evidence.box is None:
        return None
    if (
        not check
        and evidence.confidence >= CONFIDENCE_THRESHOLD
        and (evidence.confidence >= BASE or not CHECKED.match(key))
    ):
        return None
    lines = value_lines(slot, page)
    if lines is None:
        return None  # not exactly the slot's words (the box holds others too)
    if evidence.confidence < min(w.confidence for line in lines for w in line) - 1e-9:
        return None  # unsure for its place on the form, not for its reading
    return lines


WITNESS = 0.3  # an unsure reading less sure than this is no witness (a page too poor to trust)


_IRISH_QUOTE = re.compile(r"\bO['\u2019][A-Z][a-z]{2,}")  # "O'Neill", with a typographic quote too
_LOST_QUOTE = re.compile(r"\bO(?=[A-Z][a-z]{2,}\b)")  # "ONeill": its quote lost


def _agreed(
    key: str, first: tuple[str, float], views: list[list[Word]]
) -> tuple[str, float] | None:
    """The value the views of an unsure value agree on, or None.

    Agreement: no sure reading (the views', at or above the trust line) gives another value,
    and either two sure readings give it or one sure reading and two unsure ones (the first
    reading counts as an unsure one). The value must lie within two characters of the first
    reading (the same value, not a neighbour's), and a name must raise no doubt
    (names.doubts)."""
    readings = [
        (" ".join(w.text for w in words), min(w.confidence for w in words))
        for words in views
        if words
    ]
    if NAMES.match(key) and any(
        c >= CONFIDENCE_THRESHOLD and _IRISH_QUOTE.search(t) for t, c in readings
    ):
        # A sure view saw the thin quote of "O'Neill" where others lost it ("ONeill", a
        # spelling no name has): the readings are compared with it put back.
        readings = [(_LOST_QUOTE.sub("O'", t), c) for t, c in readings]
        first = (_LOST_QUOTE.sub("O'", first[0]), first[1])
    sure = sorted(
        ((text, c) for text, c in readings if c >= CONFIDENCE_THRESHOLD), key=lambda r: -r[1]
    )
    if not sure:
        return None
    text = sure[0][0]
    if not all(_same_value(key, text, other) for other, _ in sure):
        return None
    unsure = [t for t, c in [*readings, first] if WITNESS <= c < CONFIDENCE_THRESHOLD]
    agreeing = sum(_same_value(key, text, other) for other in unsure)
    if len(sure) < 2 and agreeing < 2:
        return None
    if not within_edits(_letters(first[0]), _letters(text), 2):
        return None
    if NAMES.match(key):
        text = strip_dust(text)
        if doubts(text):
            return None
    return text, min(confidence for _, confidence in sure)


