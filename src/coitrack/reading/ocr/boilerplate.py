"""Printed captions recognized from their first characters, so OCR need not read them in full.

Most of an ACORD 25's text lines are its own printed captions ("COMMERCIAL GENERAL LIABILITY",
"PREMISES (Ea occurrence)"): reading them in full is most of the recognition work, and their
text is known in advance. So every long line is first read only at its start (see page.py);
when that start spells the beginning of exactly one known caption, and the line is as wide as
that caption would be at the pitch of the characters already read, the line *is* that caption:
its text is taken from the list and its characters are spread over the line. Anything else (a
value typed next to a caption makes the line wider; a start that fits two captions of the same
width) is read in full, so a value is never taken from this list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from coitrack.reading.ocr.engine import Glyph, Line

MIN_PREFIX_CHARS = 6  # letters and digits read before a line may be taken for a caption
WIDTH_TOLERANCE = (0.8, 1.25)  # line width / width the caption would have
# Another caption starting the same way and this close in width makes the line ambiguous
# (BODILY INJURY (Per person) / (Per accident)): it is then read in full.
AMBIGUOUS_WIDTH = (0.6, 1.6)
SYNTH_CONFIDENCE = 0.95
CUT_MARGIN = 0.5  # line heights before the cut: characters there may be cut through

# Printed on every ACORD 25 (2016/03 and earlier editions) besides the captions the layout
# reader looks for (those come from its own lists, below). Not the edition line: its text is
# read, never assumed.
FORM_LINES = (
    "CERTIFICATE OF LIABILITY INSURANCE",
    "DATE (MM/DD/YYYY)",
    "INSURER(S) AFFORDING COVERAGE",
    "CERTIFICATE NUMBER:",
    "REVISION NUMBER:",
    "TYPE OF INSURANCE",
    "POLICY NUMBER",
    "(MM/DD/YYYY)",
    "GEN'L AGGREGATE LIMIT APPLIES PER:",
    "WORKERS COMPENSATION AND EMPLOYERS' LIABILITY",
    "ANY PROPRIETOR/PARTNER/EXECUTIVE OFFICER/MEMBER EXCLUDED?",
    "DESCRIPTION OF OPERATIONS / LOCATIONS / VEHICLES (ACORD 101, Additional Remarks Schedule, "
    "may be attached if more space is required)",
    "CERTIFICATE HOLDER",
    "CANCELLATION",
    "AUTHORIZED REPRESENTATIVE",
    "\u00a9 1988-2015 ACORD CORPORATION. All rights reserved.",
    "The ACORD name and logo are registered marks of ACORD",
)

_KEY = re.compile(r"[^0-9A-Z]")


def _key(text: str) -> str:
    """Letters and digits only, in capitals: what a caption is recognized by."""
    return _KEY.sub("", text.upper())


@dataclass(frozen=True)
class Caption:
    text: str
    key: str


@cache
def captions() -> tuple[Caption, ...]:
    """Every known caption, longest first."""
    from coitrack.reading.layout import geometry, table

    texts = set(FORM_LINES) | set(geometry.KEY_CAPTIONS) | set(geometry.LABEL_PHRASES)
    for row in (*table.LIMIT_CAPTIONS.values(), *table.CHECK_CAPTIONS.values()):
        texts.update(caption for _, caption, _ in row)
    found = [Caption(t, _key(t)) for t in texts if len(_key(t)) >= MIN_PREFIX_CHARS]
    return tuple(sorted(found, key=lambda c: -len(c.text)))


def as_caption(prefix: Line, cut_fraction: float, box: tuple[int, int, int, int]) -> Line | None:
    """The whole line, when its recognized start ``prefix`` identifies one known caption.

    ``prefix`` was read from the line's first ``cut_fraction`` of width (its glyph positions
    are fractions of that cut crop; characters at the cut are ignored, they may be cut through);
    ``box`` is the line's box in pixels. ``None`` when the line must be read in full."""
    box_width, height = box[2] - box[0], box[3] - box[1]
    cut_width = cut_fraction * box_width
    safe = 1.0 - CUT_MARGIN * height / max(cut_width, 1.0)
    glyphs = [g for g in prefix.glyphs if g.x1 <= safe]
    key = _key("".join(g.char for g in glyphs))
    if len(key) < MIN_PREFIX_CHARS:
        return None
    printed = [g for g in glyphs if g.char.strip()]
    start = printed[0].x0 * cut_width
    read_end = printed[-1].x1 * cut_width
    # The recognized text sits inside the detected box with about the same margin either side.
    text_end = box_width - start
    candidates = []
    for caption in captions():
        if not caption.key.startswith(key) or len(caption.key) == len(key):
            continue
        # characters of the caption (spaces included) that the prefix covers
        covered = _chars_covering(caption.text, len(key))
        if covered <= 0:
            continue
        expected = (read_end - start) * len(caption.text) / covered
        ratio = (text_end - start) / max(expected, 1.0)
        if AMBIGUOUS_WIDTH[0] <= ratio <= AMBIGUOUS_WIDTH[1]:
            candidates.append((caption, WIDTH_TOLERANCE[0] <= ratio <= WIDTH_TOLERANCE[1]))
    if len({c.key for c, _ in candidates}) != 1 or not candidates[0][1]:
        return None
    text = candidates[0][0].text
    step = (text_end - start) / len(text) / box_width
    first = start / box_width
    spread = tuple(
        Glyph(char, first + i * step, first + (i + 1) * step, SYNTH_CONFIDENCE)
        for i, char in enumerate(text)
    )
    return Line(text, SYNTH_CONFIDENCE, spread)


def _chars_covering(text: str, alnum: int) -> int:
    """How many characters of ``text`` it takes to include its first ``alnum`` letters and
    digits."""
    seen = 0
    for index, char in enumerate(text):
        if _KEY.sub("", char.upper()):
            seen += 1
            if seen == alnum:
                return index + 1
    return 0
