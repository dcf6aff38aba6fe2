"""Limits that contradict each other on a scan: an aggregate smaller than the each-occurrence
limit it sums up. No policy is written so, and OCR makes it by dropping one digit that leaves
the groups whole ("10,000,000" read "1,000,000"), so the digit groups alone cannot tell.
Which of the two is wrong cannot be told either: both are left for review.
"""

from __future__ import annotations

from dataclasses import replace

from coitrack.reading.assemble import Slots
from coitrack.reading.normalize import parse_amount
from coitrack.reading.ocr.words import DOUBTED
from coitrack.reading.result import CONFIDENCE_THRESHOLD

# (row, each occurrence, its aggregate): the aggregate is never the smaller
PAIRS = (
    ("gl", "each_occurrence", "general_aggregate"),
    ("umbrella", "each_occurrence", "aggregate"),
)


def doubt_inconsistent_limits(slots: Slots) -> list[str]:
    """Both limits of each pair in :data:`PAIRS` whose aggregate reads smaller than its each
    occurrence limit left for review, in place; a note for each pair."""
    notes = []
    for row, each, total in PAIRS:
        each_key, total_key = f"{row}.limit.{each}", f"{row}.limit.{total}"
        if each_key not in slots or total_key not in slots:
            continue
        each_text, total_text = slots[each_key].text, slots[total_key].text
        each_amount, total_amount = parse_amount(each_text), parse_amount(total_text)
        if each_amount is None or total_amount is None or total_amount >= each_amount:
            continue
        for key in (each_key, total_key):
            evidence = slots[key].evidence
            if evidence is not None and evidence.confidence >= CONFIDENCE_THRESHOLD:
                slots[key] = replace(slots[key], evidence=replace(evidence, confidence=DOUBTED))
        notes.append(
            f"OCR read {each_text!r} ({each_key}) and {total_text!r} ({total_key}): an "
            "aggregate smaller than the limit it sums up; both left for review"
        )
    return notes
