"""Printed captions taken from the start of their line: only when the start and the line's width
leave no doubt. No OCR model needed: prefixes are built by hand."""

from __future__ import annotations

from coitrack.reading.ocr.boilerplate import as_caption
from coitrack.reading.ocr.engine import Glyph, Line

PITCH = 10  # pixels per character, line 30 px high


def _prefix(text: str, cut_width: int) -> Line:
    """``text`` read from a crop ``cut_width`` px wide that starts 6 px before the text."""
    glyphs = tuple(
        Glyph(c, (6 + i * PITCH) / cut_width, (6 + (i + 1) * PITCH) / cut_width, 0.99)
        for i, c in enumerate(text)
    )
    return Line(text, 0.99, glyphs)


def _box(characters: int) -> tuple[int, int, int, int]:
    return (100, 50, 100 + 12 + characters * PITCH, 80)


def _read(start: str, printed_characters: int) -> Line | None:
    box = _box(printed_characters)
    cut = 6 + len(start) * PITCH + 20  # the cut falls well after the start read
    return as_caption(_prefix(start, cut), cut / (box[2] - box[0]), box)


def test_a_line_as_wide_as_the_caption_its_start_spells_is_that_caption():
    line = _read("COMMERCIAL GEN", len("COMMERCIAL GENERAL LIABILITY"))
    assert line is not None and line.text == "COMMERCIAL GENERAL LIABILITY"
    assert line.glyphs[0].x0 < 0.05 and line.glyphs[-1].x1 > 0.9


def test_a_caption_with_a_value_typed_after_it_is_read_in_full():
    assert _read("INSURER A", len("INSURER A : The Hanover Insurance Company")) is None


def test_two_captions_that_start_alike_and_are_about_as_wide_are_read_in_full():
    assert _read("BODILY INJURY (Pe", len("BODILY INJURY (Per accident)")) is None


def test_a_value_that_starts_like_no_caption_is_read_in_full():
    assert _read("Granite State Ins", 36) is None
