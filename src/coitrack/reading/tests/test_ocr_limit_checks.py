"""Limits that contradict each other on a scan are left for review (ocr/limit_checks.py)."""

from __future__ import annotations

from coitrack.reading.assemble import Slot
from coitrack.reading.ocr.limit_checks import doubt_inconsistent_limits
from coitrack.reading.result import CONFIDENCE_THRESHOLD, Evidence


def _slots(each: str, aggregate: str, row: str = "umbrella", total: str = "aggregate"):
    return {
        f"{row}.limit.each_occurrence": Slot(each, Evidence(1, None, 0.95, each)),
        f"{row}.limit.{total}": Slot(aggregate, Evidence(1, None, 0.95, aggregate)),
    }


def test_an_aggregate_smaller_than_its_each_occurrence_limit_leaves_both_for_review():
    # "10,000,000" read "1,000,000": a zero lost, the digit groups still whole
    slots = _slots("10,000,000", "1,000,000")
    (note,) = doubt_inconsistent_limits(slots)
    assert all(s.evidence.confidence < CONFIDENCE_THRESHOLD for s in slots.values())
    assert "aggregate" in note


def test_the_general_aggregate_is_checked_against_each_occurrence():
    slots = _slots("$2,000,000", "$400,000", row="gl", total="general_aggregate")
    assert doubt_inconsistent_limits(slots)


def test_an_aggregate_equal_to_or_above_each_occurrence_stands():
    for each, aggregate in (("5,000,000", "5,000,000"), ("1,000,000", "2,000,000")):
        slots = _slots(each, aggregate)
        assert doubt_inconsistent_limits(slots) == []
        assert all(s.evidence.confidence == 0.95 for s in slots.values())


def test_a_limit_that_is_not_read_is_no_contradiction():
    slots = _slots("5,000,000", "")
    assert doubt_inconsistent_limits(slots) == []
