"""Recognized text lines -> the :class:`~coitrack.reading.pagetext.Word` objects of a text layer.

The layout reader only sees words with boxes in PDF points (origin top-left), so OCR output is
turned into exactly that: each line is cut at its spaces, each word gets the span of its
characters (from the recognizer's time steps) and the text height of its line, and a
confidence on the evidence scale that the layout reader's slots carry into the evidence.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from coitrack.reading.ocr.engine import Line
from coitrack.reading.pagetext import Word

# Detected boxes are grown around the text (see engine.DET_UNCLIP); the text itself sits inside.
# Measured against the text layer of the same pages: the box starts ~6% of its height above the
# text's top and ends ~13% below its bottom.
TRIM_TOP, TRIM_BOTTOM = 0.06, 0.13

# Character confidence of the recognizer -> evidence confidence. Clean print reads at >= 0.95;
# below 0.9 trust falls fast, and a word with a character under 0.75 gives an evidence
# confidence under 0.6: its value is left empty and flagged. (Measured on 12 generated scans,
# 5,000 words: 1.3% of the correct words fall under 0.75.)
FULL_TRUST = 0.9
SLOPE = 2.4
BASE = 0.95

_SAME_SHAPE_LOWER = set("cosuvwxz")  # letters whose small form looks like the capital


def evidence_confidence(character_confidence: float) -> float:
    """The evidence confidence of a word whose least sure character has this confidence."""
    if character_confidence >= FULL_TRUST:
        return BASE
    return max(0.0, BASE - (FULL_TRUST - character_confidence) * SLOPE)


def fix_case(text: str) -> str:
    """Capitals misread as small letters of the same shape ("INSuRER") put back: only in a word
    of at least four letters that is otherwise all capitals."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4:
        return text
    lower = [c for c in letters if c.islower()]
    if not lower or len(lower) > 2 or len(lower) * 3 > len(letters):
        return text
    if not all(c in _SAME_SHAPE_LOWER for c in lower):
        return text
    return text.upper()


_SPACE = re.compile(r"\s")


def words_from_lines(
    boxes: Sequence[tuple[float, float, float, float]],
    lines: Sequence[Line],
    dpi: float,
) -> list[Word]:
    """Words in points from recognized lines and their boxes in pixels (x0, top, x1, bottom)."""
    scale = 72.0 / dpi
    words: list[Word] = []
    for (x0, y0, x1, y1), line in zip(boxes, lines, strict=True):
        width, height = x1 - x0, y1 - y0
        top = (y0 + TRIM_TOP * height) * scale
        bottom = (y1 - TRIM_BOTTOM * height) * scale
        centres = [x0 + (g.x0 + g.x1) / 2 * width for g in line.glyphs]
        gaps = [
            b - a
            for (a, ga), (b, gb) in zip(
                zip(centres, line.glyphs, strict=True),
                zip(centres[1:], line.glyphs[1:], strict=True),
                strict=False,
            )
            if not _SPACE.match(ga.char) and not _SPACE.match(gb.char)
        ]
        pitch = statistics.median(gaps) if gaps else 0.5 * height
        pitch = min(max(pitch, 0.25 * height), 1.0 * height)
        group: list[tuple[str, float, float]] = []
        for centre, glyph in [*zip(centres, line.glyphs, strict=True), (0.0, None)]:
            if glyph is None or _SPACE.match(glyph.char):
                if group:
                    words.append(_word(group, top, bottom, scale, pitch / 2))
                group = []
                continue
            group.append((glyph.char, centre, glyph.confidence))
    return words


def _word(
    group: list[tuple[str, float, float]], top: float, bottom: float, scale: float, half: float
) -> Word:
    """A word from its characters (char, centre in pixels, confidence); ``half`` is half the
    line's character pitch, in pixels."""
    glyphs = tuple((char, (c - half) * scale, (c + half) * scale) for char, c, _ in group)
    text = fix_case("".join(char for char, _, _ in group))
    confidence = evidence_confidence(min(conf for _, _, conf in group))
    return Word(text, glyphs[0][1], top, glyphs[-1][2], bottom, glyphs, confidence)
