"""Signs of a PDF edited after it was produced: each sign, and the clean files that show none."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader, PdfWriter

from coitrack.rules.pdf_edits import edit_signs, parse_pdf_date, program, revision_ends
from coitrack.rules.tests import pdf_samples as pdf

LATER = "D:20260309120000-05'00'"


@pytest.mark.parametrize(("name", "make"), [
    ("printed by an agency system", pdf.printed),
    ("saved again later by the same system", lambda: pdf.printed(modified=LATER)),
    ("made by one program, saved at once by another",
     lambda: pdf.printed(producer=pdf.ACROBAT)),
    ("a fillable form filled in", lambda: pdf.with_field_filled(pdf.fillable())),
    ("a signed certificate", lambda: pdf.with_signature(pdf.printed())),
    ("a linearized file", lambda: pdf.linearized_like(pdf.printed())),
    ("bytes after the last %%EOF", lambda: pdf.with_pdf_footer_garbage(pdf.printed())),
    ("a blank fillable form", pdf.fillable),
])
def test_clean_files_show_no_sign(name, make):
    assert edit_signs(make()).signs == []


def test_modified_much_later_by_another_program_is_a_sign():
    report = edit_signs(pdf.printed(producer=pdf.ACROBAT, modified=LATER))
    assert report.signs == [
        'modified on 2026-03-09 12:00, 8 days after it was created (2026-03-01 10:00), by '
        f'"{pdf.ACROBAT}" while it was made by "{pdf.AGENCY_SYSTEM}"'
    ]
    assert report.details["mod_date"] == "2026-03-09T12:00:00-05:00"


def test_modified_within_ten_minutes_is_not_a_sign():
    report = edit_signs(pdf.printed(producer=pdf.ACROBAT, modified="D:20260301100900-05'00'"))
    assert report.signs == []


def test_modified_eleven_minutes_later_is_a_sign():
    report = edit_signs(pdf.printed(producer=pdf.ACROBAT, modified="D:20260301101100-05'00'"))
    assert "11 minutes after it was created" in report.signs[0]


def test_typed_text_added_in_an_update_is_a_sign():
    report = edit_signs(pdf.with_typed_text(pdf.printed()))
    assert report.signs == [
        "an update saved on top of the original file adds typed text (FreeText) on page 1"
    ]
    assert report.details["updates"] == 1


def test_page_content_replaced_in_an_update_is_a_sign():
    report = edit_signs(pdf.with_new_content(pdf.printed()))
    assert report.signs == ["an update saved on top of the original file changes the content "
                            "of page 1"]
    assert report.details["changed_pages"] == [1]


def test_form_field_added_in_an_update_is_a_sign():
    report = edit_signs(pdf.with_field_added(pdf.fillable()))
    assert report.signs == ['an update saved on top of the original file adds form field '
                            '"Override" on page 1']


def test_two_updates_are_counted():
    report = edit_signs(pdf.with_new_content(pdf.with_typed_text(pdf.printed())))
    assert report.details["updates"] == 2
    assert report.signs[0].startswith("2 updates saved on top of the original file change the "
                                      "content of page 1 and add typed text")


def test_an_update_after_a_linearized_original_is_found():
    report = edit_signs(pdf.with_typed_text(pdf.linearized_like(pdf.printed())))
    assert report.details["updates"] == 1
    assert "typed text (FreeText) on page 1" in report.signs[0]


def test_markup_saved_into_a_single_revision_is_a_sign():
    # "Save as" rewrites the file: no update to compare, but the typed text is still there.
    edited = pdf.with_typed_text(pdf.printed())
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(edited)))
    out = io.BytesIO()
    writer.write(out)
    report = edit_signs(out.getvalue())
    assert report.details["updates"] == 0
    assert report.signs == ["annotations drawn over the printed page: typed text (FreeText) on "
                            "page 1"]


@pytest.mark.parametrize("data", [
    b"", b"not a pdf at all", b"%PDF-1.7\n garbage startxref 12 %%EOF\n more startxref 9 %%EOF",
    pdf.printed()[:200],
])
def test_damaged_or_foreign_bytes_never_raise(data):
    edit_signs(data)  # no exception is the contract


def test_updates_of_an_unreadable_file_are_still_reported():
    data = b"%PDF-1.7\n1 0 obj garbage\nstartxref 12 %%EOF\n2 0 obj more\nstartxref 40 %%EOF\n"
    report = edit_signs(data)
    assert report.details["updates"] == 1
    assert report.signs == ["1 change was saved on top of the original file (incremental "
                            "update), and the original could not be read to compare"]


def test_revision_ends_are_bounded():
    data = b"%PDF-1.7\n" + b"startxref 1 %%EOF\n" * 1000
    assert len(revision_ends(data)) == 200


@pytest.mark.parametrize(("text", "expected"), [
    ("D:20260301101500-05'00'", dt.datetime(2026, 3, 1, 10, 15,
                                            tzinfo=dt.timezone(dt.timedelta(hours=-5)))),
    ("D:20260301101500Z", dt.datetime(2026, 3, 1, 10, 15, tzinfo=dt.UTC)),
    ("D:20260301", dt.datetime(2026, 3, 1)),
    ("20260301101500+0530", dt.datetime(2026, 3, 1, 10, 15,
                                        tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30)))),
    ("D:20261301", None),
    ("yesterday", None),
    (None, None),
])
def test_pdf_dates(text, expected):
    assert parse_pdf_date(text) == expected


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Adobe Acrobat Pro (64-bit) 24.1", "Adobe Acrobat Pro DC 2023", True),
    ("Microsoft® Word for Microsoft 365", "Microsoft Word 2019", True),
    ("Applied Epic", "Adobe Acrobat Pro", False),
])
def test_programs_compare_by_their_first_two_words(a, b, same):
    assert (program(a) == program(b)) is same
