"""Doubts that cannot change a value do not leave it empty: the box's rule read at the edge of
an amount or a date, and which separator a date was printed with. Doubts that can change it
still do. No OCR model needed: lines are built by hand."""

from __future__ import annotations

import pytest

from coitrack.reading.assemble import Slot
from coitrack.reading.ocr.correct import correct_numeric_slots
from coitrack.reading.ocr.engine import DATE_SEPARATORS, Glyph, Line
from coitrack.reading.ocr.words import words_from_lines
from coitrack.reading.result import CONFIDENCE_THRESHOLD, Evidence


def _word(text: str, unsure: dict[int, float], *, separator: float | None = None,
          alternative: str | None = None):
    """The one word of a line whose characters are sure except those at the given positions;
    separators get ``separator`` as their separator confidence, the first character the
    second choice ``alternative``."""
    step = 1 / len(text)
    glyphs = tuple(
        Glyph(
            c,
            i * step,
            (i + 1) * step,
            unsure.get(i, 0.99),
            unsure.get(i, 0.99) if c.isdigit() or c in ",." else None,
            None,
            separator if c in DATE_SEPARATORS else None,
            alternative if i == 0 else None,
            0.3 if i == 0 and alternative else 0.0,
        )
        for i, c in enumerate(text)
    )
    (word,) = words_from_lines([(0, 0, 300, 40)], [Line(text, 0.9, glyphs)], 200)
    return word


@pytest.mark.parametrize("read", ["2,000,000]", "$500.000|", "1,000,000}"])
def test_the_boxs_rule_read_after_an_amount_does_not_lower_it(read):
    assert _word(read, {len(read) - 1: 0.4}).confidence >= CONFIDENCE_THRESHOLD


def test_a_one_after_whole_groups_is_the_rule_and_does_not_lower_the_amount():
    assert _word("$4.000,0001", {10: 0.45}).confidence >= CONFIDENCE_THRESHOLD


def test_a_doubtful_digit_beside_the_rule_still_lowers_the_amount():
    assert _word("2,000,000]", {8: 0.5}).confidence < CONFIDENCE_THRESHOLD


def test_a_leading_stroke_that_may_be_a_one_keeps_its_doubt():
    # "[2,000,000" may be "12,000,000": its second choice says so
    assert _word("[2,000,000", {0: 0.5}, alternative="1").confidence < CONFIDENCE_THRESHOLD
    assert _word("[03/07/2026", {0: 0.5}).confidence >= CONFIDENCE_THRESHOLD


@pytest.mark.parametrize("read", ["09:12:2027", "12.28.2025", "9/18/2024|9/18/2025"])
def test_which_separator_a_date_was_printed_with_does_not_lower_it(read):
    separators = {i: 0.45 for i, c in enumerate(read) if c in DATE_SEPARATORS + "|"}
    assert _word(read, separators, separator=0.98).confidence >= CONFIDENCE_THRESHOLD


def test_a_separator_that_may_be_a_digit_still_lowers_a_date():
    # its share of "some separator or nothing" is low: a digit was the other choice
    assert _word("09:12:2027", {2: 0.45}, separator=0.5).confidence < CONFIDENCE_THRESHOLD


@pytest.mark.parametrize("read", ["01-23-4567", "12-34-2025"])
def test_a_number_shaped_like_a_date_that_is_none_keeps_its_doubt(read):
    # a policy number "01-23-4567": which separator it has is part of it
    assert _word(read, {2: 0.45}, separator=0.98).confidence < CONFIDENCE_THRESHOLD


@pytest.mark.parametrize(
    ("key", "read", "fixed"),
    [
        ("gl.limit.general_aggregate", "$4.000,0001", "$4,000,000"),
        ("gl.limit.damage_to_rented_premises", "500,0001", "500,000"),
        ("auto.effective_date", "01/19/2026|(", "01/19/2026"),
        ("gl.expiration_date", "(1/19/2026", "1/19/2026"),  # a zero the fax broke open
    ],
)
def test_the_rule_at_a_values_edge_is_stripped(key, read, fixed):
    slots = {key: Slot(read, Evidence(1, (0, 0, 10, 10), 0.95, read))}
    assert correct_numeric_slots(slots)
    assert slots[key].text == fixed


def test_a_bracket_before_a_policy_number_is_not_stripped_as_a_dates_would_be():
    # "(PP 1345441" may be "CPP 1345441": left as read for review (correct.py)
    slots = {"gl.policy_number": Slot("(PP 1345441", Evidence(1, None, 0.95, "(PP 1345441"))}
    correct_numeric_slots(slots)
    assert slots["gl.policy_number"].text == "(PP 1345441"


@pytest.mark.parametrize("read", ["$1M]", "2000,000]", "$300,000.", "4399208."])
def test_dust_or_the_rule_at_a_numbers_edge_does_not_lower_it(read):
    assert _word(read, {len(read) - 1: 0.45}).confidence >= CONFIDENCE_THRESHOLD


def test_a_speck_at_a_names_edge_still_lowers_it():
    assert _word("Acme,Inc.'", {9: 0.45}).confidence < CONFIDENCE_THRESHOLD


@pytest.mark.parametrize(
    ("key", "read", "kept"),
    [
        ("auto.limit.combined_single_limit", "1,000", False),  # "1,000,000", a group lost
        ("umbrella.limit.aggregate", "$4,000", False),
        ("wc.limit.el_each_accident", "10,000", False),
        ("gl.limit.medical_expense", "5,000", True),  # medical expense may be this small
        ("auto.limit.property_damage_per_accident", "5,000", True),
        ("gl.limit.each_occurrence", "300,000", True),
    ],
)
def test_an_occurrence_aggregate_or_employers_limit_under_25000_is_left_for_review(key, read, kept):
    slots = {key: Slot(read, Evidence(1, (0, 0, 10, 10), 0.95, read))}
    correct_numeric_slots(slots)
    assert (slots[key].evidence.confidence >= CONFIDENCE_THRESHOLD) is kept
