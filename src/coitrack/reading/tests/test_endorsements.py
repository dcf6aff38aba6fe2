"""Endorsement forms recognized in the text of a certificate's documents."""

from __future__ import annotations

import io

import pytest

from coitrack.reading import ReadingError
from coitrack.reading.endorsements import (
    MAX_FOUND,
    find_forms,
    is_endorsement_page,
    read_endorsements,
    recognize,
)
from coitrack.reading.tests.conftest import read

ENDORSEMENT = ("POLICY NUMBER: GL 6D04521A COMMERCIAL GENERAL LIABILITY CG 20 10 04 13 "
               "THIS ENDORSEMENT CHANGES THE POLICY. PLEASE READ IT CAREFULLY. "
               "ADDITIONAL INSURED - OWNERS, LESSEES OR CONTRACTORS - SCHEDULED PERSON OR "
               "ORGANIZATION ... CG 20 10 04 13 (c) Insurance Services Office, Inc., 2012 "
               "Page 1 of 1")


@pytest.mark.parametrize(("text", "expected"), [
    ("CG 20 10 04 13", [("CG 20 10", "04 13")]),
    ("CG 20 10 (04/13)", [("CG 20 10", "04 13")]),
    ("CG20 10 04/13", [("CG 20 10", "04 13")]),
    ("CG 2010 0413", [("CG 20 10", "04 13")]),
    ("cg-20-37 04-13", [("CG 20 37", "04 13")]),
    ("WC 00 03 13", [("WC 00 03 13", None)]),
    ("WC 00 03 13 (Ed. 4-84)", [("WC 00 03 13", "04 84")]),
    ("CA 04 44   10 13", [("CA 04 44", "10 13")]),
    ("CA 20 48\n10 13", [("CA 20 48", "10 13")]),
    ("CG 24 04 05 09 and CG 20 01 04 13", [("CG 24 04", "05 09"), ("CG 20 01", "04 13")]),
    ("CG 20 10 13 13", [("CG 20 10", None)]),  # month 13: no edition, still the form
])
def test_form_numbers_are_read_in_any_spacing(text, expected):
    assert find_forms(text) == expected


@pytest.mark.parametrize("text", [
    "Policy number CA20481234",  # glued to more digits: a policy number
    "WC000313",  # no space and no edition
    "Policy WC0003131 effective 04/13/2026",
    "04/13/2026 - 04/13/2027",  # dates
    "CG 99 99 04 13",  # not a form coitrack knows
    "XCG 20 10 04 13",  # part of a longer word
    "CGL 20 10",
    "Each occurrence $1,000,000 CG 2010000",
    "",
])
def test_policy_numbers_dates_and_unknown_forms_are_not_forms(text):
    assert find_forms(text) == []


def test_a_page_that_is_an_endorsement_confirms_and_the_description_only_names():
    found = recognize([(2, ENDORSEMENT)], description="Additional insured per CG 20 10 and "
                                                      "waiver per CG 24 04 04 13.")
    assert found == [
        {"form": "CG 20 10", "edition": None, "title": found[0]["title"], "page": 1,
         "source": "description"},
        {"form": "CG 24 04", "edition": "04 13", "title": found[1]["title"], "page": 1,
         "source": "description"},
        {"form": "CG 20 10", "edition": "04 13", "title": found[2]["title"], "page": 2,
         "source": "document"},
    ]
    assert found[2]["title"].startswith("Additional Insured - Owners, Lessees or Contractors")


def test_an_acord_remarks_page_names_forms_without_confirming_them():
    remarks = ("ACORD 101 ADDITIONAL REMARKS SCHEDULE ... additional insured endorsement "
               "CG 20 37 04 13 attached")
    assert not is_endorsement_page(remarks)
    assert recognize([(2, remarks)])[0]["source"] == "description"


def test_a_form_printed_twice_is_listed_once_with_its_edition():
    found = recognize([(2, "THIS ENDORSEMENT CHANGES THE POLICY CG 20 01"),
                       (3, "ENDORSEMENT CG 20 01 04 13")])
    assert [(e["form"], e["edition"], e["page"]) for e in found] == [("CG 20 01", "04 13", 2)]


def test_work_is_bounded():
    text = "ENDORSEMENT " + " ".join(f"CG 20 10 {m:02d} {y:02d}" for m in range(1, 13)
                                     for y in range(100))
    assert len(find_forms(text)) == MAX_FOUND
    assert len(recognize([(2, text)])) == 1


def _pdf(*pages: str) -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=letter)
    for text in pages:
        for line, chunk in enumerate(text.split(". ")):
            drawing.drawString(40, 740 - 14 * line, chunk)
        drawing.showPage()
    drawing.save()
    return out.getvalue()


def with_pages(pdf: bytes, extra: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in PdfReader(io.BytesIO(extra)).pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_certificate_with_an_endorsement_page_lists_it(certificate):
    pdf, truth = certificate(2, "text")
    combined = with_pages(pdf, _pdf(ENDORSEMENT, "Waiver of our right to recover from others "
                                                 "endorsement. WC 00 03 13 (Ed. 4-84)"))
    result = read(combined)
    assert {k: v for k, v in result.data.items() if k != "endorsements"} == truth
    assert [(e["form"], e["edition"], e["page"], e["source"])
            for e in result.data["endorsements"]] == [
        ("CG 20 10", "04 13", 2, "document"), ("WC 00 03 13", "04 84", 3, "document")]


def test_a_certificate_alone_has_no_endorsements_key(certificate):
    pdf, _ = certificate(2, "text")
    assert "endorsements" not in read(pdf).data


def test_a_separate_endorsement_file_is_read_from_its_first_page_in_the_child_process():
    found = read_endorsements(_pdf(ENDORSEMENT), filename="cg2010.pdf")
    assert [(e["form"], e["page"], e["source"]) for e in found] == [("CG 20 10", 1, "document")]


def test_a_separate_file_that_is_not_a_pdf_is_refused():
    with pytest.raises(ReadingError, match="not a PDF"):
        read_endorsements(b"hello", filename="notes.txt", isolate=False)
