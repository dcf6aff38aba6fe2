"""Values decoded in their shape from the recognizer's probabilities (ocr/grammar.py, shaped.py)."""

import numpy as np
import pytest

from coitrack.reading.assemble import Slot
from coitrack.reading.ocr.grammar import AMOUNT, DATE, NAIC, decode
from coitrack.reading.ocr.shaped import kept_in_shape, shaped_reading
from coitrack.reading.ocr.words import AGREED
from coitrack.reading.result import Evidence

CHARACTERS = ["", *"0123456789", ",", ".", "$", "/", "-", "(", ")", ":", "a", "S", "I", "M", "K"]


def steps(*columns: dict[str, float]) -> np.ndarray:
    """One time step per column: the characters' probabilities, the rest on the blank; a blank
    step between columns, as the recognizer gives between characters."""
    rows = []
    for column in columns:
        for probabilities in (column, {}):
            row = np.zeros(len(CHARACTERS))
            for char, p in probabilities.items():
                row[CHARACTERS.index(char)] = p
            row[0] = 1.0 - row.sum()
            rows.append(row)
    return np.array(rows)


def sure(text: str) -> list[dict[str, float]]:
    return [{c: 0.95} for c in text]


def test_a_bracket_read_for_a_zero_is_decoded_as_the_zero_a_limit_needs():
    matrix = steps({"4": 0.9}, {".": 0.6, ",": 0.4}, {"(": 0.6, "0": 0.4}, {"(": 0.55, "0": 0.45},
                   {")": 0.7, "0": 0.3})
    found = decode(matrix, CHARACTERS, AMOUNT)
    assert found is not None and found.text == "4,000"


def test_the_same_character_twice_needs_a_blank_between():
    twice = steps({"1": 0.9}, {"0": 0.9}, {"0": 0.9})
    assert decode(twice, CHARACTERS, NAIC) is None  # "100" is too short for a NAIC code
    held = np.zeros((3, len(CHARACTERS)))
    held[:, 0], held[:, CHARACTERS.index("0")] = 0.05, 0.95  # "0" over three steps, no blank
    assert decode(held, CHARACTERS, AMOUNT).text == "0"


def test_a_colon_read_for_a_slash_gives_the_date():
    matrix = steps(*sure("07"), {":": 0.9, "/": 0.01}, *sure("08"), {"/": 0.9}, *sure("2026"))
    found = decode(matrix, CHARACTERS, DATE)
    assert found.text == "07/08/2026"
    assert found.least_sure == pytest.approx(0.95)
    assert found.confidences[2] == pytest.approx(0.91)  # any mark there stands for the "/"


def test_an_s_starting_an_amount_is_its_dollar_sign_and_an_i_among_digits_a_one():
    found = decode(steps(*sure("SIM")), CHARACTERS, AMOUNT)
    assert found.text == "$1M"
    assert found.least_sure == pytest.approx(0.95)  # the letters' own probabilities count


def test_a_sign_read_half_as_an_s_is_as_sure_as_both_together():
    found = decode(steps({"$": 0.5, "S": 0.45}, *sure("2M")), CHARACTERS, AMOUNT)
    assert found.text == "$2M"
    assert found.confidences[0] == pytest.approx(0.95)


def test_an_s_is_a_dollar_sign_only_where_the_sign_goes():
    assert decode(steps({"5": 0.9, "S": 0.05}, *sure("2M")), CHARACTERS, AMOUNT).text == "52M"
    assert "$" not in decode(steps(*sure("1,S00")), CHARACTERS, AMOUNT).text


def test_an_iso_date_is_a_date_too():
    assert decode(steps(*sure("2026-06-23")), CHARACTERS, DATE).text == "2026-06-23"


def test_nothing_is_decoded_where_no_string_of_the_grammar_has_any_probability():
    assert decode(steps(*sure("aaa")), CHARACTERS, AMOUNT) is None


def test_each_character_gets_the_probability_it_was_read_with():
    found = decode(steps({"1": 0.9}, {"2": 0.7, "a": 0.2}, {"3": 0.8}), CHARACTERS, NAIC)
    assert found is None  # three digits are no NAIC code
    found = decode(steps({"1": 0.9}, {"2": 0.7}, {"3": 0.8}, {"4": 0.99}, {"5": 0.6}),
                   CHARACTERS, NAIC)
    assert found.text == "12345"
    assert found.confidences == pytest.approx((0.9, 0.7, 0.8, 0.99, 0.6))


LIMIT = "gl.limit.each_occurrence"


def test_a_limit_the_views_decode_alike_and_surely_is_kept():
    view = steps(*sure("2,000,000"))
    assert shaped_reading(LIMIT, [view, view, None], CHARACTERS) == ("2,000,000", 0.95)


def test_one_sure_view_is_not_enough():
    unsure = steps({"2": 0.4, "3": 0.35}, *sure(",000,000"))
    assert shaped_reading(LIMIT, [steps(*sure("2,000,000")), unsure], CHARACTERS) is None


def test_views_that_decode_different_limits_keep_nothing():
    views = [steps(*sure("2,000,000")), steps(*sure("2,000,000")), steps(*sure("3,000,000"))]
    assert shaped_reading(LIMIT, views, CHARACTERS) is None


def test_a_limit_that_lost_its_groups_is_not_kept():
    assert shaped_reading(LIMIT, [steps(*sure("$500"))] * 2, CHARACTERS) is None
    assert shaped_reading(LIMIT, [steps(*sure("500"))] * 2, CHARACTERS) is None


def test_an_unsure_separator_in_a_limit_keeps_nothing():
    view = steps({"1": 0.95}, {",": 0.3, ".": 0.3}, *sure("000,000"))
    assert shaped_reading(LIMIT, [view, view], CHARACTERS) is None


def test_a_date_is_kept_whatever_its_separators_looked_like():
    view = steps(*sure("06"), {":": 0.8}, *sure("23/2026"))
    assert shaped_reading("auto.effective_date", [view, view], CHARACTERS) == ("06/23/2026", 0.95)


def test_values_without_a_shape_are_not_decoded():
    view = steps(*sure("2,000,000"))
    assert shaped_reading("insured.name", [view, view], CHARACTERS) is None


def test_a_decoding_that_drops_digits_the_first_reading_saw_is_not_kept():
    first = "4,000:000.00"  # an odd separator the grammar may skip with its group
    slot = Slot(first, Evidence(1, (0, 0, 10, 10), 0.2, first))
    view = steps(*sure("4,000.00"))
    assert kept_in_shape(LIMIT, slot, [view, view], CHARACTERS) is None


def test_a_decoding_kept_in_shape_is_shown_compare_with_the_document():
    first = "15,0(0"
    slot = Slot(first, Evidence(1, (0, 0, 10, 10), 0.2, first))
    view = steps(*sure("15,000"))
    kept, note = kept_in_shape("gl.limit.medical_expense", slot, [view, view], CHARACTERS)
    assert kept.text == "15,000"
    assert kept.evidence.confidence == AGREED
    assert "in its shape" in note


def test_a_limit_typed_short_is_decoded_with_its_letter():
    matrix = steps({"S": 0.6, "$": 0.35}, {"I": 0.55, "1": 0.4}, {"M": 0.9})  # "SIM"
    assert decode(matrix, CHARACTERS, AMOUNT).text == "$1M"


def test_a_short_limits_letter_counts_as_a_digit_for_sureness():
    found = decode(steps({"$": 0.9}, {"5": 0.9}, {"0": 0.9}, {"0": 0.9}, {"K": 0.4, "M": 0.3}),
                   CHARACTERS, AMOUNT)
    assert found.text == "$500K"
    assert found.least_sure == pytest.approx(0.4)
