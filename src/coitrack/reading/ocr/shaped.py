"""Critical numbers read in their shape: the last resort of a second reading (reread.py).

When the views of an unsure date, limit or NAIC code do not agree on a value, each view's
character probabilities are decoded again under the value's grammar (grammar.py: a limit is
digits in groups of three or "$1M", "$500K"; a date is month, day and year). A view's decoding
is sure when every digit has at least :data:`DIGIT_SURE` of the probability where it was read
and, in an amount, every separator :data:`SEPARATOR_SURE` (a lost "," loses a group of digits:
"$500" for "500,000"; in a date the grammar alone decides that a ":" was a "/"). It is kept only
when at least :data:`MIN_VIEWS` views decode it surely, no view surely decodes another, it
parses, and an amount has its digit groups and is at least
:data:`~coitrack.reading.normalize.MIN_LIMIT`.

Measured on the 18 fax pages of 100 generated 150 dpi scans (seeds 1,100,000+), where the
recognizer reads "4.(()" for "4,000,000.00": of 66 values that reached this step, 10 were read
right and none wrong at these thresholds (at 0.5 / 0.3: 11 right, 2 wrong).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from coitrack.reading.assemble import Slot
from coitrack.reading.normalize import MIN_LIMIT, parse_amount, parse_date, parse_naic
from coitrack.reading.ocr.grammar import AMOUNT, DATE, NAIC, Grammar, decode
from coitrack.reading.ocr.words import AGREED
from coitrack.reading.result import Evidence

SHAPES: tuple[tuple[re.Pattern[str], Grammar, Callable[[str], Any]], ...] = (
    (re.compile(r"_date$"), DATE, parse_date),
    (re.compile(r"\.limit(_amount)?\."), AMOUNT, parse_amount),
    (re.compile(r"\.naic$"), NAIC, parse_naic),
)
DIGIT_SURE = 0.7
SEPARATOR_SURE = 0.5
MIN_VIEWS = 2


def kept_in_shape(
    key: str, slot: Slot, views: Sequence[np.ndarray | None], characters: Sequence[str]
) -> tuple[Slot, str] | None:
    """``slot`` (a value left for review) as the views decode it in its shape, capped at
    :data:`AGREED` ("compare with the document"), and a note; None when they do not, or when
    the decoding has fewer digits than the first reading saw: the decoder may read junk as
    digits ("15,0(0"), never drop digits that were read ("4,000:000.00" decoded "4,000.00",
    a group lost with its odd separator)."""
    evidence = slot.evidence
    found = shaped_reading(key, views, characters)
    if found is None or evidence is None:
        return None
    text, sure = found
    if _digits(text) < _digits(slot.text):
        return None
    kept = Slot(text, Evidence(evidence.page, evidence.box, min(sure, AGREED), text))
    return kept, f"OCR read {slot.text!r} ({key}); read again in its shape: {text!r}"


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def shaped_reading(
    key: str, views: Sequence[np.ndarray | None], characters: Sequence[str]
) -> tuple[str, float] | None:
    """The value the views of ``key`` decode alike under its grammar, and how sure the least
    sure character was; None when they do not (see the module's docstring)."""
    shape = next(((g, p) for pattern, g, p in SHAPES if pattern.search(key)), None)
    if shape is None:
        return None
    grammar, parse = shape
    amount = grammar is AMOUNT
    present = [steps for steps in views if steps is not None]
    sure = []
    for done, steps in enumerate(present, 1):
        if len(sure) + len(present) - done + 1 < MIN_VIEWS:
            return None  # too few views left to agree: ~10 ms a decoding saved
        found = decode(steps, characters, grammar)
        if (
            found is not None
            and found.least_sure >= DIGIT_SURE
            and (not amount or min(found.confidences) >= SEPARATOR_SURE)
        ):
            sure.append(found)
    values = [parse(d.text) for d in sure]
    if len(sure) < MIN_VIEWS or values[0] is None or any(v != values[0] for v in values):
        return None
    grouped = "," in sure[0].text or sure[0].text[-1] in "MK"
    if amount and (not grouped or values[0] < MIN_LIMIT):
        return None
    return sure[0].text, min(d.least_sure for d in sure)
