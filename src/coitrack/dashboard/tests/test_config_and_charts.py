"""Widget settings are checked field by field; charts are plain geometry (no database)."""

from __future__ import annotations

import datetime as dt

from coitrack.dashboard import charts
from coitrack.dashboard.config import CHOICE, INT, REF, Field, clean, describe

DAYS = Field("days", "Days ahead", INT, 30, minimum=1, maximum=365)
TYPE = Field("type", "Vendor type", REF, "", ref="vendor_type")
GROUP = Field("group_by", "Group by", CHOICE, "project",
              choices=(("project", "Project"), ("type", "Vendor type")))
FIELDS = (DAYS, TYPE, GROUP)
REFS = {"vendor_type": {"7": "Roofing"}}


def test_valid_settings_are_kept_as_typed_values():
    cleaned = clean(FIELDS, {"days": "60", "type": "7", "group_by": "type"}, REFS)
    assert cleaned.ok and cleaned.values == {"days": 60, "type": "7", "group_by": "type"}


def test_out_of_range_and_foreign_values_are_errors_with_messages():
    cleaned = clean(FIELDS, {"days": "0", "type": "99", "group_by": "x"}, REFS)
    assert cleaned.errors == {
        "days": "Days ahead must be between 1 and 365.",
        "type": "That vendor type is not one of this organization's.",
        "group_by": "Choose one of the offered group bys.",
    }


def test_a_number_field_left_out_of_a_form_is_required():
    assert clean(FIELDS, {"type": ""}, REFS).errors == {"days": "Days ahead is required."}


def test_stored_settings_that_went_stale_fall_back_to_the_default_with_a_note():
    cleaned = clean(FIELDS, {"days": 60, "type": "5", "junk": 1}, REFS, lenient=True)
    assert cleaned.values == {"days": 60, "type": "", "group_by": "project"}
    assert cleaned.notes == ["The vendor type chosen earlier is no longer available; showing "
                             "the default."]


def test_settings_in_words_name_chosen_references_only():
    assert describe(FIELDS, {"days": 30, "type": "7", "group_by": "project"}, REFS) == \
        "Days ahead: 30 · Vendor type: Roofing · Project"
    assert describe(FIELDS, {"days": 30, "type": "", "group_by": "type"}, REFS) == \
        "Days ahead: 30 · Vendor type"


def test_a_stacked_bar_skips_zeros_and_fills_the_width():
    segments = charts.stack([("a", 1), ("b", 0), ("c", 3)])
    assert [(s.key, s.x, s.width) for s in segments] == [("a", 0.0, 25.0), ("c", 25.0, 75.0)]
    assert charts.stack([("a", 0)]) == []


def test_a_missing_day_breaks_the_line_instead_of_bridging_it():
    start = dt.date(2026, 3, 1)
    chart = charts.line([(start, 50.0), (start + dt.timedelta(days=1), 100.0),
                         (start + dt.timedelta(days=3), 0.0)],
                        start=start, end=start + dt.timedelta(days=3))
    moves = [part[0] for part in chart.path.split()]
    assert moves == ["M", "L", "M"]
    assert [d[3] for d in chart.dots] == [50.0, 100.0, 0.0]
    top, bottom = chart.dots[1][1], chart.dots[2][1]
    assert top < bottom  # 100 % is drawn above 0 %
