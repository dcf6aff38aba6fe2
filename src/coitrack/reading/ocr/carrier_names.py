"""Insurers' names set right by their NAIC code: a name OCR misread, unsure ("Traveers Property
Casualty Company of America") or even sure ("The Cincmmat Insurance Company"), whose line
also holds a NAIC code read surely is that code's insurer (carriers.py) when the reading is
already close to its name.

Close means: as many words, each word at least :data:`MIN_WORD_SIMILARITY` alike and the whole
at least :data:`MIN_SIMILARITY` (difflib's ratio, letters and digits only, any case). Word for
word, so that a sibling company never stands in for the one printed: "Hartford Casualty
Insurance Company" is not "Hartford Fire Insurance Company" whatever the code says ("casualty"
and "fire" share one letter), nor is "Liberty Mutual Insurance Company" the four-word
reading of "Liberty Mutual Fire Insurance Company"; nor is "Hartford Fire Insurance Co" (as
printed, abbreviated) changed: "co" is not half of "company". The name is kept at
:data:`~coitrack.reading.ocr.words.AGREED` ("compare with the document"), with a note.

A sure reading that is the listed name without its first words ("Mutual Fire Insurance
Company") is left for review instead: the words were lost, and the list is not trusted to
put words in that were not read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher

from coitrack.reading.assemble import Slots
from coitrack.reading.carriers import CARRIERS
from coitrack.reading.normalize import parse_naic
from coitrack.reading.ocr.words import AGREED, DOUBTED
from coitrack.reading.result import CONFIDENCE_THRESHOLD

MIN_SIMILARITY = 0.8
MIN_WORD_SIMILARITY = 0.5
_NAME = re.compile(r"^insurer\.([A-F])\.name$")
_NOT_WORD = re.compile(r"[^0-9a-z]")


def names_by_naic(slots: Slots, carriers: dict[str, str] = CARRIERS) -> list[str]:
    """Insurer names replaced, in place, by the listed name of their surely read NAIC code
    when the reading is close to it but not it (see the module's docstring); sure readings
    too: a fax reads "The Cincmmat Insurance Company" with full trust. Returns a note per
    name set right."""
    notes = []
    for key, slot in list(slots.items()):
        found = _NAME.match(key)
        evidence = slot.evidence
        if not found or not slot.text or evidence is None:
            continue
        naic_slot = slots.get(f"insurer.{found.group(1)}.naic")
        if naic_slot is None or not naic_slot.text or naic_slot.evidence is None:
            continue
        if naic_slot.evidence.confidence < CONFIDENCE_THRESHOLD:
            continue
        listed = carriers.get(parse_naic(naic_slot.text) or "")
        if listed is None or (listed == slot.text and evidence.confidence >= CONFIDENCE_THRESHOLD):
            continue  # not listed, or read right and sure: nothing to set right
        if lost_first_words(slot.text, listed):
            if evidence.confidence >= CONFIDENCE_THRESHOLD:
                slots[key] = replace(slot, evidence=replace(evidence, confidence=DOUBTED))
                notes.append(
                    f"OCR read {slot.text!r} ({key}); NAIC {naic_slot.text} is {listed!r}: "
                    "the name's first words may be lost, left for review"
                )
            continue
        if not close(slot.text, listed):
            continue
        slots[key] = replace(slot, text=listed, evidence=replace(evidence, confidence=AGREED))
        notes.append(
            f"OCR read {slot.text!r} ({key}); NAIC {naic_slot.text} is {listed!r}: "
            "set right, to compare with the document"
        )
    return notes


def close(reading: str, name: str) -> bool:
    """Whether ``reading`` may be ``name`` misread (see the module's docstring)."""
    read_words, name_words = _words(reading), _words(name)
    if len(read_words) != len(name_words):
        return False
    if any(_ratio(a, b) < MIN_WORD_SIMILARITY for a, b in zip(read_words, name_words, strict=True)):
        return False
    return _ratio(" ".join(read_words), " ".join(name_words)) >= MIN_SIMILARITY


def lost_first_words(reading: str, name: str) -> bool:
    """Whether ``reading`` is ``name`` without its first words ("Mutual Fire Insurance
    Company" for "Liberty Mutual Fire Insurance Company": the first word's box went astray), a
    "The" aside: "Cincinnati Insurance Company" is how "The Cincinnati ..." is often printed."""
    read_words, name_words = _words(reading), _words(name)
    lost = len(name_words) - len(read_words)
    return (
        len(read_words) > 0
        and lost > 0
        and name_words[lost:] == read_words
        and name_words[:lost] != ["the"]
    )


def _words(text: str) -> list[str]:
    return [w for w in (_NOT_WORD.sub("", w) for w in text.casefold().split()) if w]


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()
