"""The layout reader: certificates whose values are printed in the text layer."""

from __future__ import annotations

import io

import pytest

from coitrack.reading import ReadingError
from coitrack.reading.synth.values import LONG_NAMES
from coitrack.reading.tests.conftest import read


@pytest.mark.parametrize("seed", range(5))
def test_a_flattened_certificate_reads_exactly(certificate, seed):
    pdf, truth = certificate(seed, "text", printed=False)
    result = read(pdf)
    assert result.reader == "layout"
    assert result.data == truth


@pytest.mark.parametrize("seed", range(5))
def test_an_agency_printed_certificate_reads_exactly(certificate, seed):
    pdf, truth = certificate(seed, "text", printed=True)
    assert read(pdf).data == truth


@pytest.mark.parametrize("vector", [True, False])
def test_check_marks_read_whether_drawn_as_strokes_or_typed_as_x(certificate, vector):
    pdf, truth = certificate(7, "text", vector_marks=vector)
    data = read(pdf).data
    for read_policy, true_policy in zip(data["policies"], truth["policies"], strict=True):
        for key in ("claims_made", "aggregate_applies_per", "auto_symbols", "statutory"):
            assert read_policy[key] == true_policy[key]


@pytest.mark.parametrize("shift", [(4, -4), (-4, 4), (3, 3)])
def test_a_page_printed_with_other_margins_still_reads(certificate, shift):
    pdf, truth = certificate(8, "text", shift=shift)
    assert read(pdf).data == truth


def test_a_long_insured_name_wrapped_over_two_lines_reads_as_one_name(sample, draw):
    certificate = sample(5)
    name = LONG_NAMES[0]
    certificate.fields["NamedInsured_FullName_A"] = name
    certificate.truth["insured"]["name"] = name
    result = read(draw(certificate, "text"))
    assert result.data["insured"] == certificate.truth["insured"]
    box = result.evidence["insured.name"]["box"]
    assert box[3] - box[1] > 14  # two printed lines


def test_values_that_spell_a_caption_are_still_read(sample, draw):
    certificate = sample(6)
    certificate.fields["Insurer_FullName_A"] = "Insurer A"
    certificate.truth["insurers"][0]["name"] = "Insurer A"
    text = "CERTIFICATE HOLDER is additional insured. Aggregate limits apply per project."
    certificate.fields["CertificateOfLiabilityInsurance_ACORDForm_RemarkText_A"] = text
    certificate.truth["description_of_operations"] = text
    data = read(draw(certificate, "text")).data
    assert data["insurers"][0]["name"] == "Insurer A"
    assert data["description_of_operations"] == text
    assert data["certificate_holder"] == certificate.truth["certificate_holder"]


def test_evidence_points_at_the_printed_value(certificate):
    pdf, truth = certificate(9, "text", printed=False, shift=(0, 0))
    result = read(pdf)
    evidence = result.evidence["policies[0].policy_number"]
    x0, _, x1, _ = evidence["box"]
    assert x0 >= 214 and x1 <= 332  # inside the POLICY NUMBER column
    assert evidence["text"] == truth["policies"][0]["policy_number"]
    assert evidence["confidence"] >= 0.9


def test_the_pdfplumber_backend_reads_the_same(certificate):
    pdf, truth = certificate(10, "text")
    assert read(pdf, backend="pdfplumber").data == truth


def test_a_pdf_without_acord_captions_is_not_read_as_a_certificate():
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Invoice 1234 for roofing work, total $12,000")
    canvas.save()
    with pytest.raises(ReadingError, match="no certificate found"):
        read(buffer.getvalue())


def _overlay(pdf: bytes, text: str, x: float, top: float) -> bytes:
    """``pdf`` with ``text`` printed at (x, top) on its first page."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(612, 792))
    canvas.setFont("Helvetica", 8)
    canvas.drawString(x, 792 - top, text)
    canvas.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.pages[0].merge_page(PdfReader(io.BytesIO(buffer.getvalue())).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_two_dates_in_one_cell_are_left_empty_and_flagged_not_guessed(sample, draw):
    certificate = sample(12)
    assert certificate.truth["policies"][0]["coverage"] == "general_liability"
    pdf = _overlay(draw(certificate, "text", printed=False, shift=(0, 0)), "02/02/2020", 334, 318)
    result = read(pdf)
    assert result.data["policies"][0]["effective_date"] is None
    assert result.evidence["policies[0].effective_date"]["flag"] == "low_confidence"
    assert any("low confidence" in warning for warning in result.warnings)


def test_ticked_boxes_have_evidence_where_they_are_printed(certificate):
    pdf, truth = certificate(13, "text", vector_marks=True, shift=(0, 0))
    result = read(pdf)
    for index, policy in enumerate(truth["policies"]):
        for symbol in policy["auto_symbols"]:
            _, top, x1, bottom = result.evidence[f"policies[{index}].auto_symbols.{symbol}"]["box"]
            assert x1 < 125 and 390 < top < bottom < 440  # in the auto row's box column


def _without_caption(pdf: bytes, letter: str):
    """The first page's words as read, less the printed "INSURER <letter> :" caption."""
    from coitrack.reading.document import Document

    page = Document.open(pdf, "coi.pdf").page_text(0)
    caption = [
        w for w in page.words if w.text.startswith("INSURER") and w.top > 150
    ]
    row = next(w for w in caption if any(
        o.text.startswith(letter) and abs(o.top - w.top) < 2 and 0 < o.x0 - w.x1 < 8
        for o in page.words
    ))
    lost = [w for w in page.words if abs(w.top - row.top) < 2 and w.x1 <= row.x1 + 12]
    page.words[:] = [w for w in page.words if w not in lost]
    return page


@pytest.mark.parametrize("letter", ["C", "F"])
def test_an_insurer_line_whose_caption_was_lost_is_read_in_its_place(certificate, letter):
    # A scan may lose "INSURER C :"; C's line must not become part of B's name, nor its words
    # anything else.
    from coitrack.reading.layout.anchors import Captions
    from coitrack.reading.layout.geometry import locate
    from coitrack.reading.layout.reader import read_slots

    pdf, truth = certificate(4, "text", printed=False)
    names = {i["letter"]: i["name"] for i in truth["insurers"]}
    assert set(names) == set("ABCDEF")
    layout = locate(Captions(_without_caption(pdf, letter)))
    slots = read_slots(layout)
    for other in "ABCDEF":
        assert slots[f"insurer.{other}.name"].text == names[other]
    assert any(f"INSURER {letter}" in w for w in layout.warnings)


def test_the_last_insurer_line_dipping_into_the_certificate_number_stays_an_insurer(certificate):
    # On a skewed scan the right end of INSURER F's line sinks towards CERTIFICATE NUMBER's.
    from dataclasses import replace

    from coitrack.reading.document import Document
    from coitrack.reading.layout.anchors import Captions
    from coitrack.reading.layout.geometry import locate
    from coitrack.reading.layout.reader import read_slots

    pdf, truth = certificate(9, "text", printed=False)
    assert truth["certificate_number"] and len(truth["insurers"]) == 6
    page = Document.open(pdf, "coi.pdf").page_text(0)
    number = next(w for w in page.words if w.text == "NUMBER:" and w.x0 < 300)
    f_line = next(w for w in page.words if w.text.startswith("F") and 330 < w.x0 < 350)
    name = [w for w in page.words if abs(w.top - f_line.top) < 2 and w.x0 > f_line.x1]
    # the name's middle now lies in the number's band, still on INSURER F's line
    sink = number.top - 2.5 - (name[0].top + name[0].bottom) / 2
    page.words[:] = [replace(w, top=w.top + sink, bottom=w.bottom + sink) if w in name else w
                     for w in page.words]
    slots = read_slots(locate(Captions(page)))
    assert slots["certificate_number"].text == truth["certificate_number"]
    assert slots["insurer.F.name"].text == truth["insurers"][5]["name"]
