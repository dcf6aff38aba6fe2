"""The carrier table: CSV, lookup by NAIC then name, ratings and sizes."""

from __future__ import annotations

import pytest

from coitrack.rules.carriers import (
    RATING_RANK,
    RATINGS,
    CarrierTableError,
    load_carriers,
    parse_carriers_csv,
    parse_rating,
    parse_size,
)

HEADER = "name,naic,am_best_rating,financial_size\n"


def test_rating_order_is_a_double_plus_down_to_f() -> None:
    assert RATINGS == ("A++", "A+", "A", "A-", "B++", "B+", "B", "B-", "C++", "C+", "C", "C-",
                       "D", "E", "F")
    assert [RATING_RANK[r] for r in RATINGS] == sorted(RATING_RANK.values(), reverse=True)


@pytest.mark.parametrize(("text", "number"), [("I", 1), ("vii", 7), ("XV", 15), ("10", 10),
                                              ("XVI", None), ("", None), ("0", None)])
def test_financial_size_categories_are_roman_one_to_fifteen(text, number) -> None:
    assert parse_size(text) == number


@pytest.mark.parametrize(("text", "rating"), [("a-", "A-"), (" A++ ", "A++"), ("NR", None),
                                              ("", None), ("A (u)", None)])
def test_ratings_read_case_insensitively_unknown_is_none(text, rating) -> None:
    assert parse_rating(text) == rating


def test_lookup_by_naic_first_then_normalized_name() -> None:
    table = parse_carriers_csv(HEADER + "Zurich American Insurance Company,16535,A+,XV\n"
                                        "Other Insurance Company,12345,B,V\n")
    assert table.lookup(name="Other Insurance Company", naic="16535").rating == "A+"
    assert table.lookup(name="ZURICH AMERICAN INSURANCE CO", naic="").rating == "A+"
    assert table.lookup(name="Zurich American Insurance Company", naic="99999").rating == "A+"
    assert table.lookup(name="Unknown", naic="99999") is None


def test_naic_codes_compare_without_leading_zeros() -> None:
    table = parse_carriers_csv(HEADER + "Leading Zero Mutual,1234,A,X\n")
    assert table.lookup(name=None, naic="01234").name == "Leading Zero Mutual"


def test_extra_columns_byte_order_mark_and_column_order_are_accepted() -> None:
    table = parse_carriers_csv("\ufeffNAIC,Name,financial_size,am_best_rating,notes\n"
                               "16535,Zurich,XV,A+,ok\n")
    carrier = table.lookup(name=None, naic="16535")
    assert (carrier.name, carrier.rating, carrier.financial_size) == ("Zurich", "A+", 15)


def test_unknown_rating_leaves_the_carrier_unrated() -> None:
    table = parse_carriers_csv(HEADER + "Mystery Co,44444,NR,X\n")
    assert not table.lookup(name=None, naic="44444").rated


def test_blank_lines_are_skipped() -> None:
    assert len(parse_carriers_csv(HEADER + "\nA Insurance,1,A,I\n\n")) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("", "empty", id="empty_file"),
        pytest.param("name,naic,rating\nX,1,A\n", "lacks am_best_rating, financial_size",
                     id="missing_columns"),
        pytest.param(HEADER + "X,1,A,I,extra\n", "line 2", id="too_many_fields"),
        pytest.param(HEADER + ",,A,I\n", "line 2: neither name nor naic", id="row_without_id"),
    ],
)
def test_bad_carrier_tables_are_refused_naming_the_problem(text, message) -> None:
    with pytest.raises(CarrierTableError, match=message):
        parse_carriers_csv(text)


def test_missing_carrier_file_is_a_carrier_table_error(tmp_path) -> None:
    with pytest.raises(CarrierTableError, match="cannot read"):
        load_carriers(tmp_path / "nope.csv")
