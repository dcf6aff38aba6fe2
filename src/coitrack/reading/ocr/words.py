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
from dataclasses import replace

from coitrack.reading.normalize import parse_date
from coitrack.reading.ocr.correct import DIGIT_LOOKALIKES, RULES, STRAY
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
ALTERNATIVE_SHARE = 0.02  # a second choice with less of the probability is not kept
FULL_TRUST = 0.9
SLOPE = 2.4
BASE = 0.95
DOUBTED = 0.5  # a sure value a check contradicts: left for review (reread.py, terms.py)
# a value kept because several readings agreed on it (reread.py, shaped.py): shown "compare
# with the document"
AGREED = 0.75

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
# An amount as printed in a limits box: groups of three digits, maybe cents. In such a word a
# "," read for a "." (or the reverse) changes nothing the digit groups do not already say
# (correct.py rebuilds the separators from the groups), nor does "O" for "0"; and a doubt
# whether a digit of a three-digit group is there at all would show as a group of two or four.
# There only the recognizer's doubt about which digit it is counts (engine.numeric_confidence);
# the first group (one to three digits) keeps the full doubt. The shape is judged with digit
# look-alikes read as digits ("2,000,000.Q0"), as correct.py reads them in amount boxes.
AMOUNT_SHAPE = re.compile(r"^\$?\d{1,3}([.,]\d{3})+([.,]\d{2})?$")


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
        group: list[tuple[str, float, float, float | None, float | None, float | None]] = []
        for centre, glyph in [*zip(centres, line.glyphs, strict=True), (0.0, None)]:
            if glyph is None or _SPACE.match(glyph.char):
                if group:
                    words.append(_word(group, top, bottom, scale, pitch / 2))
                group = []
                continue
            group.append(
                (
                    glyph.char,
                    centre,
                    glyph.confidence,
                    glyph.numeric_confidence,
                    glyph.mark_confidence,
                    glyph.separator_confidence,
                    glyph.alternative if glyph.alternative_share >= ALTERNATIVE_SHARE else None,
                )
            )
    return dollar_signs(words)


# The "$" printed before each limit is read, on its own, as "S", "s" or "5" as often as "$":
# the recognizer has little to tell them apart by without a word around it.
DOLLAR_LOOKALIKES = frozenset("$Ss5")
DOLLAR_REACH = 8.0  # line heights between the sign and the amount it stands before
_AMOUNT_START = re.compile(r"^[1-9]\d{0,2}([.,]\d{3})+([.,]\d{2})?$")


def dollar_signs(words: list[Word]) -> list[Word]:
    """A lone "$" look-alike ("S", "s", "5") just before an amount on the same line is a "$".

    Only a word of one character followed, on its own text line, by a word shaped as an
    amount (groups of three digits, first digit not 0): no amount is written as a character,
    a space and another amount, so the character carries no value and becomes the sign (sure:
    whatever it is, it cannot change the amount). Its neighbour is not touched."""
    out = list(words)
    for index, word in enumerate(words):
        if len(word.text) != 1 or word.text not in DOLLAR_LOOKALIKES:
            continue
        height = max(word.height, 1.0)
        right = [
            w
            for w in words
            if w is not word
            and w.x0 > word.x1 - 0.2 * height
            and w.x0 - word.x1 < DOLLAR_REACH * height
            and abs(w.cy - word.cy) < 0.4 * height
        ]
        nearest = min(right, key=lambda w: w.x0, default=None)
        if nearest is not None and _AMOUNT_START.match(nearest.text.translate(DIGIT_LOOKALIKES)):
            glyphs = (("$", *word.glyphs[0][1:]),) if word.glyphs else ()
            out[index] = replace(word, text="$", glyphs=glyphs, confidence=BASE)
    return out


_NOT_APPLICABLE = re.compile(r"^[Nn][/Il1|i\\][Aa]$")

# A box's rule read with the value at its edge ("2,000,000]", "[03/07/2026"), or a speck of
# dust ("$300,000."): correct.py strips it, so whatever the recognizer took the stroke or the
# speck for, its doubt cannot change the value. After whole groups of three a "1" is the rule
# too ("$4,000,0001": no limit ends so).
_EDGE = STRAY + "()"  # what correct.py strips from a date's edges
_NUMERIC = re.compile(r"^\$?[\d.,/:\-]*\d(M{1,2}|K)?$")
_RULE_AFTER_GROUPS = "1lI!"
_LIKE_ONE = frozenset("0123456789lI!iJj")  # a leading stroke read as one of these may be a 1
_GROUPS = re.compile(r"^\$?\d{1,3}([.,]\d{3})+$")
_DATE = r"\d{1,2}[/\-.:,;]\d{1,2}[/\-.:,;]"
# one date, or a policy's two glued together where the column rule is (maybe read as a stroke)
_DATE_SHAPES = re.compile(
    rf"^({_DATE}(?:\d{{2}}|\d{{4}}))$|^({_DATE}\d{{4}})[\[\]|{{}}]?({_DATE}\d{{4}})$"
)


# An Irish name's prefix ("O'Neill", "O'Brien,"): the quote is the word's second character.
_IRISH = re.compile(r"^O['\u2019`][A-Z][a-z]{2,}[.,]?$")


def _dates(text: str) -> bool:
    """Whether ``text`` is one date or two glued together, every one of them a real date."""
    match = _DATE_SHAPES.match(text)
    return bool(match) and all(
        parse_date(re.sub(r"\D", "/", found)) for found in match.groups() if found
    )


def _without_rule(group: list) -> list:
    """``group`` (a word's characters) without a rule or a speck of dust read at either end
    (at most two characters at the end, one at the start); ``group`` itself when there is
    none. A leading stroke whose second choice is a digit or a letter like one may be a "1"
    ("[1/9/27" for "11/9/27"), so it stays."""
    core = group
    if len(core) > 2 and core[0][0] in _EDGE and (core[0][-1] or "x") not in _LIKE_ONE:
        core = core[1:]
    if len(core) > 2 and core[-1][0] in _EDGE:
        core = core[:-1]
        if len(core) > 2 and core[-1][0] in _EDGE:
            core = core[:-1]
    elif len(core) > 5 and core[-1][0] in _RULE_AFTER_GROUPS:
        before = "".join(char for char, *_ in core[:-1]).translate(DIGIT_LOOKALIKES)
        if _GROUPS.match(before):
            core = core[:-1]
    return core


def _word(
    group: list[tuple[str, float, float, float | None, float | None, float | None, str | None]],
    top: float,
    bottom: float,
    scale: float,
    half: float,
) -> Word:
    """A word from its characters (char, centre in pixels, confidence, numeric confidence, mark
    confidence, second choice); ``half`` is half the line's character pitch, in pixels. Each
    glyph is (char, x0, x1, second choice or None)."""
    glyphs = tuple(
        (char, (c - half) * scale, (c + half) * scale, alt) for char, c, *_, alt in group
    )
    text = fix_case("".join(char for char, *_ in group))
    least = min(conf for _, _, conf, *_ in group)
    core = _without_rule(group)
    core_text = "".join(char for char, *_ in core)
    signed = core_text[:1] in DOLLAR_LOOKALIKES and bool(AMOUNT_SHAPE.match("$" + core_text[1:]))
    if signed or AMOUNT_SHAPE.match(core_text.translate(DIGIT_LOOKALIKES)):
        first_separator = next(i for i, (char, *_) in enumerate(core) if char in ",.")
        # A "$" glued to the amount and read "S" or "s" is the sign whatever it is read as
        # (correct.py reads it so): its doubt cannot change the amount.
        least = min(
            conf if i < first_separator or numeric is None else numeric
            for i, (_, _, conf, numeric, *_) in enumerate(core)
            if not (signed and i == 0 and core[0][0] in "Ss$")
        )
    elif _dates(core_text):
        # which separator a date was printed with does not change it (nor whether there is
        # one), nor which rule stands between a policy's two dates glued together
        least = min(
            conf if separator is None else max(conf, separator)
            for char, _, conf, _, _, separator, _ in core
            if char not in RULES
        )
    elif core is not group and _NUMERIC.match(core_text):
        # "$1M]", "2000,000]" (correct.py puts its separator back), "0912/2026.": dust aside
        least = min(conf for _, _, conf, *_ in core)
    elif _NOT_APPLICABLE.match(text):
        # "N/A" in a mark column, its slash read "I", "l" or "1": whichever, it says "no mark"
        least = min(group[0][2], group[-1][2])
    elif _IRISH.match(text) and not (group[1][-1] or " ").isalnum():
        # "O'Neill": the apostrophe is thin and its doubt is whether a quote or nothing
        # stands there; no name is spelled "ONeill" (names.py doubts it), so either reading
        # gives one name. A letter or digit as its second choice keeps the doubt.
        least = min(conf for i, (_, _, conf, *_) in enumerate(group) if i != 1)
    elif len(group) == 1 and group[0][4] is not None:
        # A lone "X" or "Y" is a mark: "X" against "Y" or "x" does not change what it says.
        least = group[0][4]
    return Word(text, glyphs[0][1], top, glyphs[-1][2], bottom, glyphs, evidence_confidence(least))
