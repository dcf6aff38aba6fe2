"""Small helpers of the layout reader: words in a rectangle, lines, slots with evidence."""

from __future__ import annotations

import re

from coitrack.reading.assemble import Slot
from coitrack.reading.layout.geometry import Layout
from coitrack.reading.pagetext import Word
from coitrack.reading.result import Evidence

BASE_CONFIDENCE = 0.95
_HAS_CONTENT = re.compile(r"[0-9A-Za-z$&@À-ɏ]")


def words_in(
    layout: Layout, x0: float, top: float, x1: float, bottom: float, *, keep_masked: bool = False
) -> list[Word]:
    """Unmasked words whose centre lies in the rectangle, in reading order."""
    captions = layout.captions
    return [
        w
        for w in layout.captions.page.words
        if x0 <= w.cx < x1
        and top <= w.cy < bottom
        and (keep_masked or not captions.is_masked(w))
        and _HAS_CONTENT.search(w.text)
    ]


def lines_of(words: list[Word]) -> list[list[Word]]:
    """Words grouped into visual lines, top to bottom, each left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.cy, w.x0)):
        if lines:
            last = lines[-1]
            ref = sum(w.cy for w in last) / len(last)
            if abs(word.cy - ref) < 0.45 * max(min(word.height, last[0].height), 1.0):
                last.append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def line_text(line: list[Word]) -> str:
    return " ".join(w.text for w in line)


def text_of(words: list[Word]) -> str:
    return " ".join(line_text(line) for line in lines_of(words))


def box_of(words: list[Word]) -> tuple[float, float, float, float] | None:
    if not words:
        return None
    return (
        min(w.x0 for w in words),
        min(w.top for w in words),
        max(w.x1 for w in words),
        max(w.bottom for w in words),
    )


def confidence_in(words: list[Word], x0: float, x1: float, base: float = BASE_CONFIDENCE) -> float:
    """Lower confidence when a word spills well over the column it was read from."""
    confidence = base
    for word in words:
        width = max(word.x1 - word.x0, 0.1)
        inside = max(0.0, min(word.x1, x1) - max(word.x0, x0)) / width
        if inside < 0.75:
            confidence = min(confidence, 0.5 + 0.4 * inside)
    return confidence


def slot(
    layout: Layout,
    words: list[Word],
    *,
    confidence: float = BASE_CONFIDENCE,
    text: str | None = None,
    page: int = 1,
) -> Slot:
    value = text if text is not None else text_of(words)
    if not words and not value:
        return Slot()
    confidence = min(confidence, source_confidence(words))
    return Slot(value, Evidence(page, box_of(words), confidence, value))


def source_confidence(words: list[Word]) -> float:
    """The least sure word's own confidence: 1 from a text layer, the OCR's for scans."""
    return min((w.confidence for w in words), default=1.0)
