"""Formula injection: exported cells cannot run as spreadsheet formulas."""

from __future__ import annotations

import csv
import io

import pytest

from coitrack.imports.escaping import escape_cell, unescape_cell, write_csv

DANGEROUS = ['=HYPERLINK("http://evil.example","Click")', "+1 555 0100", "-2+3", "@SUM(A1)",
             "\tTabbed", "\rReturn"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_cells_that_start_a_formula_are_prefixed_and_restored(value):
    assert escape_cell(value) == "'" + value
    assert unescape_cell(escape_cell(value)) == value


@pytest.mark.parametrize("value", ["Acme LLC", "", "O'Brien Roofing", "'quoted", "a=b", None, 42])
def test_other_cells_are_left_alone(value):
    text = "" if value is None else str(value)
    assert escape_cell(value) == text
    assert unescape_cell(text) == text


def test_write_csv_escapes_every_cell():
    text = write_csv(["=name"], [['=HYPERLINK("x")'], ["plain"]])
    assert list(csv.reader(io.StringIO(text))) == [["'=name"], ['\'=HYPERLINK("x")'], ["plain"]]
