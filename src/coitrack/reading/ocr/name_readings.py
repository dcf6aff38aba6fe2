"""Names OCR was unsure of, set right from the page's own words: letters doubted inside common
name words are lifted, and a word one letter from a common one is respelled by the
recognizer's second choice or a letter pair it reads for one letter."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from coitrack.reading.assemble import Slot
from coitrack.reading.ocr.name_dust import strip_dust
from coitrack.reading.ocr.names import NAME_KEYS as NAMES
from coitrack.reading.ocr.names import confused, doubts, known_word, respell
from coitrack.reading.ocr.views import value_lines
from coitrack.reading.ocr.words import BASE
from coitrack.reading.result import CONFIDENCE_THRESHOLD, Evidence

if TYPE_CHECKING:
    from coitrack.reading.assemble import Slots
    from coitrack.reading.ocr.page import OcrPage
    from coitrack.reading.pagetext import Word


KNOWN_WORD = 0.75  # a common name word's confidence, however faint one of its letters


def lift_known_words(slots: Slots, page: OcrPage) -> list[str]:
    """Names left unsure only by letters of common name words ("Insurance" with a faint "u")
    are sure enough to keep, in place: the word is known (names.known_word), so the doubt is
    about a letter that cannot change it. Proper names keep their doubt ("Hanover" with a
    faint letter), and so does a word read too poorly (under 0.3). The lifted value stays
    under full trust, so it is still checked by a second reading (CHECKED) and shown to the
    reviewer as "compare with the document". Returns a note per name lifted."""
    notes = []
    for key, slot in slots.items():
        evidence = slot.evidence
        if not NAMES.match(key) or evidence is None or evidence.confidence >= CONFIDENCE_THRESHOLD:
            continue
        words = _value_words(slot, page)
        if not words or evidence.confidence < min(w.confidence for w in words) - 1e-9:
            continue  # not exactly its words, or unsure for its place
        lifted = min(
            max(w.confidence, KNOWN_WORD)
            if known_word(w.text) and w.confidence >= 0.3
            else w.confidence
            for w in words
        )
        if lifted >= CONFIDENCE_THRESHOLD:
            slots[key] = replace(slot, evidence=replace(evidence, confidence=lifted))
            notes.append(f"OCR was unsure of letters of common words in {slot.text!r} ({key})")
    return notes


def _value_words(slot: Slot, page: OcrPage) -> list[Word] | None:
    """The OCR words that make up ``slot``'s text (views.value_lines), in reading order."""
    lines = value_lines(slot, page)
    return [w for line in lines for w in line] if lines else None


RESPELLED = 0.7  # a name set right by the recognizer's second choices: "compare" on screen


def respell_names(slots: Slots, page: OcrPage) -> list[str]:
    """Names still left empty for a word one letter from a common name word, whose letter has
    that common word's letter as the recognizer's second choice: the name is respelled, in
    place (the pixels' second reading of that letter and the common words agree; no other
    doubt may remain). Returns a note per name respelled."""
    notes = []
    for key, slot in slots.items():
        evidence = slot.evidence
        if not NAMES.match(key) or evidence is None:
            continue
        if evidence.confidence >= CONFIDENCE_THRESHOLD:
            continue
        words = _value_words(slot, page)
        if not words:
            continue
        texts = []
        changed = False
        # one respelled word per name, the others common words or read at full trust: a page
        # poor enough to need more is left to the reviewer
        for word in words:
            alternatives = [g[3] if len(g) > 3 else None for g in word.glyphs]
            core = word.text.strip(".,&'()-:;")
            start = word.text.find(core) if core else 0
            better = (
                respell(core, alternatives[start : start + len(core)]) or confused(core)
                if core
                else None
            )
            if better is not None and not changed:
                texts.append(word.text[:start] + better + word.text[start + len(core) :])
                changed = True
            elif better is not None or (word.confidence < BASE and not known_word(word.text)):
                break
            else:
                texts.append(word.text)
        else:
            name = strip_dust(" ".join(texts))
            if changed and not doubts(name):
                slots[key] = Slot(name, Evidence(evidence.page, evidence.box, RESPELLED, name))
                notes.append(
                    f"OCR read {slot.text!r} ({key}); the recognizer's second choice for a "
                    f"letter spells {name!r}: kept, to compare with the document"
                )
    return notes


