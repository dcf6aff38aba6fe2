"""Parsers of printed values: what brokers type becomes schema values, and nothing is guessed."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coitrack.reading import normalize as n
from coitrack.reading.synth.values import format_amount, format_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/17/2020", "2020-01-17"),
        ("1/17/2020", "2020-01-17"),
        ("1/7/26", "2026-01-07"),
        ("12-31-2025", "2025-12-31"),
        ("2025-01-15", "2025-01-15"),
        ("01152026", "2026-01-15"),
        (" 3/1/2024 ", "2024-03-01"),
    ],
)
def test_dates_are_read_in_the_formats_certificates_use(text, expected):
    assert n.iso_date(text) == expected


@pytest.mark.parametrize("text", ["13/01/2020", "02/30/2024", "2024-13-01", "1/1/1899", "soon", ""])
def test_impossible_or_day_first_dates_are_not_read(text):
    assert n.parse_date(text) is None


def test_two_digit_years_fall_in_the_window_around_today():
    assert n.parse_date("1/1/69") == dt.date(2069, 1, 1)
    assert n.parse_date("1/1/70") == dt.date(1970, 1, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$1,000,000", 1_000_000),
        ("1,000,000.00", 1_000_000),
        ("1 000 000", 1_000_000),
        ("1M", 1_000_000),
        ("1MM", 1_000_000),
        ("$1,000K", 1_000_000),
        ("1.5M", 1_500_000),
        ("$2 Million", 2_000_000),
        ("1.000.000", 1_000_000),
        ("USD 500,000", 500_000),
        ("$ 5,000", 5_000),
        ("1000000", 1_000_000),
    ],
)
def test_amounts_are_read_in_the_formats_brokers_type(text, expected):
    assert n.parse_amount(text) == expected


@pytest.mark.parametrize(
    "text", ["1,000,000.50", "1,00,000", "1.000", "-5,000", "0", "$", "ONE MILLION", "1,0000"]
)
def test_amounts_with_cents_or_misplaced_separators_are_not_read(text):
    assert n.parse_amount(text) is None


def test_one_amount_is_found_in_a_longer_write_in_but_never_one_of_several():
    assert n.find_amount("$1,000,000 Each Claim") == 1_000_000
    assert n.find_amount("1,000,000 each / 2,000,000 aggregate") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Y", True),
        ("x", True),
        ("✔", True),
        ("/1", True),
        ("N", False),
        ("", False),
        ("N/A", False),
        ("maybe", None),
    ],
)
def test_check_marks_read_as_marked_unmarked_or_unknown(text, expected):
    assert n.parse_mark(text) is expected


def test_excluded_officers_answer_is_yes_no_or_not_given():
    assert n.parse_yes_no("Y") is True
    assert n.parse_yes_no("N") is False
    assert n.parse_yes_no("N/A") is None


def test_naic_codes_are_five_digits():
    assert n.parse_naic(" 16535 ") == "16535"
    assert n.parse_naic("1653") is None
    assert n.parse_naic("N/A") is None


def test_edition_is_read_from_the_footer_or_the_form_identifier():
    assert n.parse_edition("ACORD 25 (2016/03) The ACORD name") == "2016/03"
    assert n.parse_edition("ACORD 0025 2016-03") == "2016/03"
    assert n.parse_edition("ACORD 101 (2008/01)") is None


def test_address_parts_are_joined_as_the_schema_says():
    assert n.address("1 Main St", "", "Springfield", "il", "62701") == (
        "1 Main St, Springfield, IL 62701"
    )
    assert n.address() == ""


def test_printed_address_lines_get_a_normalized_city_line():
    assert n.address_from_lines(["300 Mission St.", "Livonia, Mi 48152"]) == (
        "300 Mission St., Livonia, MI 48152"
    )
    assert n.address_from_lines(["5 Elm Ave", "Los Angeles      CA 90001"]) == (
        "5 Elm Ave, Los Angeles, CA 90001"
    )


@pytest.mark.parametrize(
    "lines",
    [
        ["8857 Main St", "Raleigh NC", "27601"],
        ["8857 Main St", "27601", "Raleigh NC"],
        ["8857 Main St", "NC 27601", "Raleigh"],
        ["8857 Main St", "Raleigh NC27601"],
        ["8857 Main St", "Raleigh, N.C. 27601"],
    ],
)
def test_city_state_and_zip_boxes_split_over_lines_are_put_back_together(lines):
    assert n.address_from_lines(lines) == "8857 Main St, Raleigh, NC 27601"


def test_a_street_ending_in_a_state_like_word_stays_a_street():
    assert n.address_from_lines(["8063 Peachtree Rd NE", "Suite 891", "Portland, OR 97204"]) == (
        "8063 Peachtree Rd NE, Suite 891, Portland, OR 97204"
    )


def test_street_lines_and_name_continuations_are_told_apart():
    assert n.looks_like_street("1616 Broadway")
    assert n.looks_like_street("P.O. Box 12")
    assert n.looks_like_street(".806 Industrial Pkwy")  # a speck before the number
    assert not n.looks_like_street("and Plumbing Services, Inc.")
    assert n.continues_name("DBA Ace Roofing")


# Properties: parsers never raise, and what the generator prints reads back.


@given(st.text(max_size=60))
def test_date_parser_never_crashes_and_returns_a_plausible_date(text):
    value = n.parse_date(text)
    assert value is None or n.MIN_YEAR <= value.year <= n.MAX_YEAR


@given(st.text(max_size=60))
def test_amount_parser_never_crashes_and_returns_a_positive_whole_amount(text):
    value = n.parse_amount(text)
    assert value is None or (isinstance(value, int) and 0 < value <= n.MAX_AMOUNT)


@given(st.text(max_size=80))
def test_other_parsers_never_crash(text):
    n.parse_mark(text)
    n.parse_yes_no(text)
    n.parse_naic(text)
    n.parse_edition(text)
    n.find_amount(text)
    assert isinstance(n.city_state_zip(text), str)
    assert isinstance(n.address_from_lines(text.splitlines()), str)


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2069, 12, 31)),
    st.sampled_from(["%m/%d/%Y", "%Y-%m-%d", "m/d/Y", "m/d/y", "%m-%d-%Y"]),
)
def test_every_printed_date_format_reads_back_to_the_same_date(date, style):
    assert n.parse_date(format_date(date, style)) == date


@given(
    st.integers(min_value=1, max_value=10**11),
    st.sampled_from(["{:,}", "${:,}", "{:,}.00", "{}", "short"]),
)
def test_every_printed_amount_format_reads_back_to_the_same_amount(amount, style):
    assert n.parse_amount(format_amount(amount, style)) == amount


@given(st.integers(min_value=1000, max_value=10**11))
def test_amounts_grouped_with_spaces_read_back(amount):
    assert n.parse_amount(f"{amount:,}".replace(",", " ")) == amount
