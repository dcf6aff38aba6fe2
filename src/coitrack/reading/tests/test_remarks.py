"""ACORD 101 "Additional Remarks Schedule" pages: their remarks continue the description of
operations (page 1's text, then the remarks, whitespace-normalized); their header boxes do not."""

from __future__ import annotations

import io
import random

import pytest

from coitrack.reading.remarks import read_remarks, says_it_continues
from coitrack.reading.result import ReadResult
from coitrack.reading.synth.remarks import continue_on_remarks
from coitrack.reading.tests.conftest import read, with_pypdf

PATH = "description_of_operations"


def _page_pdf(*lines: str) -> bytes:
    """A one-page PDF printing ``lines`` (an endorsement, say)."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(612, 792))
    canvas.setFont("Helvetica", 9)
    for index, line in enumerate(lines):
        canvas.drawString(40, 740 - 14 * index, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _append(pdf: bytes, extra: bytes) -> bytes:
    from pypdf import PdfReader

    def add(writer):
        for page in PdfReader(io.BytesIO(extra)).pages:
            writer.add_page(page)

    return with_pypdf(pdf, add)


ENDORSEMENT = (
    "POLICY NUMBER: GL 6D04521A COMMERCIAL GENERAL LIABILITY CG 20 10 04 13",
    "THIS ENDORSEMENT CHANGES THE POLICY. PLEASE READ IT CAREFULLY.",
    "ADDITIONAL INSURED - OWNERS, LESSEES OR CONTRACTORS - SCHEDULED PERSON OR ORGANIZATION",
)


@pytest.mark.parametrize("printed", [True, False], ids=["agency-printed", "flattened"])
def test_remarks_on_an_acord_101_page_continue_the_description(sample, draw, printed):
    certificate = sample(31)
    pdf = draw(certificate, "text", seed=31, remarks=True, printed=printed)
    result = read(pdf)
    assert certificate.remarks  # the description really goes on over two pages
    assert result.data == certificate.truth
    assert result.data[PATH].endswith(certificate.remarks)
    assert [part["page"] for part in result.evidence[PATH]["continued"]] == [2]


def test_a_fillable_certificate_continues_on_a_flattened_101_page(sample, draw):
    certificate = sample(32)
    result = read(draw(certificate, "fillable", seed=32, remarks=True, xfa_names=False))
    assert result.reader == "acroform"
    assert result.data == certificate.truth


def test_the_101_header_boxes_are_not_description(sample, draw):
    certificate = sample(33)
    certificate.truth["insured"]["name"] = "Zebra Header Company"  # repeated in NAMED INSURED
    certificate.fields["NamedInsured_FullName_A"] = "Zebra Header Company"
    data = read(draw(certificate, "text", seed=33, remarks=True)).data
    assert data[PATH] == certificate.truth[PATH]
    for header in ("Zebra", "CERTIFICATE OF LIABILITY INSURANCE", "FORM TITLE", "ACORD 101 ("):
        assert header not in data[PATH]


def test_a_description_that_fits_on_page_one_is_unchanged(certificate):
    pdf, truth = certificate(34, "text", remarks=False)
    result = read(pdf)
    assert result.data[PATH] == truth[PATH]
    assert "continued" not in result.evidence.get(PATH, {})


def test_an_endorsement_on_page_two_is_not_taken_for_remarks(certificate):
    pdf, truth = certificate(35, "text", remarks=False)
    result = read(_append(pdf, _page_pdf(*ENDORSEMENT)))
    assert {k: v for k, v in result.data.items() if k != "endorsements"} == truth
    assert [(e["form"], e["page"], e["source"]) for e in result.data["endorsements"]] == [
        ("CG 20 10", 2, "document")
    ]
    assert not any("ACORD 101" in warning for warning in result.warnings)


def test_an_endorsement_after_a_101_page_is_still_found(sample, draw):
    certificate = sample(36)
    pdf = _append(draw(certificate, "text", seed=36, remarks=True), _page_pdf(*ENDORSEMENT))
    result = read(pdf)
    assert result.data[PATH] == certificate.truth[PATH]
    assert [(e["form"], e["page"], e["source"]) for e in result.data["endorsements"]] == [
        ("CG 20 10", 3, "document")
    ]


def test_a_form_named_in_the_remarks_is_listed_from_the_remarks_page(sample, draw):
    certificate = sample(37)
    continue_on_remarks(certificate, random.Random(37))
    certificate.remarks += " Additional insured per CG 20 10 04 13."
    certificate.truth[PATH] += " Additional insured per CG 20 10 04 13."
    result = read(draw(certificate, "text", seed=37))
    assert result.data[PATH] == certificate.truth[PATH]
    assert [(e["form"], e["page"], e["source"]) for e in result.data["endorsements"]] == [
        ("CG 20 10", 2, "description")
    ]


def test_a_page_titled_additional_remarks_without_its_header_line_gives_no_remarks():
    from coitrack.reading.pagetext import PageText, Word

    words = [
        Word(text, x, 100.0, x + 50, 108.0)
        for x, text in ((40, "ADDITIONAL"), (95, "REMARKS"), (150, "SCHEDULE"))
    ] + [Word("Insured:", 40, 130, 80, 138), Word("Acme", 85, 130, 110, 138)]
    assert read_remarks(PageText(2, 612, 792, words, [])) is None


@pytest.mark.parametrize(
    ("description", "continues"),
    [
        ("Job 12. SEE ATTACHED ACORD 101", True),
        ("Continued on Additional Remarks Schedule.", True),
        ("See attached schedule of locations.", True),
        ("Janitorial services at all locations of the certificate holder.", False),
        ("", False),
    ],
)
def test_a_scan_s_later_page_is_read_only_when_page_one_says_the_text_goes_on(
    description, continues
):
    result = ReadResult({PATH: description}, {}, "ocr")
    assert says_it_continues(result) is continues


def test_a_scanned_101_page_continues_the_description(sample, draw):
    certificate = sample(100004)
    tiff = draw(
        certificate,
        "scan200",
        seed=100004,
        remarks=True,
        remarks_marker=True,
        container="tiff",
        clean=True,
        skew=0.0,
    )
    result = read(tiff, filename="scan.tiff")
    assert result.data[PATH] == certificate.truth[PATH]
    assert [part["page"] for part in result.evidence[PATH]["continued"]] == [2]
