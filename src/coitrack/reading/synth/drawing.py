"""Render a :class:`~coitrack.reading.synth.values.Sample` as a PDF.

- ``fillable``: our blank page plus real AcroForm fields under ACORD's names (short names with an
  edition field, or XFA-style ``F[0].P1[0].<name>[0]`` hierarchy), check boxes with on-state /1;
- ``text``: values printed into the page's text layer, as agency systems print certificates or
  as a filled form looks once flattened: varied fonts and sizes, small offsets, wrapped long
  names, check marks as a letter X or as two drawn strokes, occasionally the whole page shifted.
"""

from __future__ import annotations

import io
import random

from coitrack.reading.synth import editions
from coitrack.reading.synth.form import PAGE_HEIGHT, PAGE_WIDTH, checkboxes, draw_blank, text_fields
from coitrack.reading.synth.remarks import draw_remarks_page
from coitrack.reading.synth.values import Sample

PARTIES = ("Producer", "NamedInsured", "CertificateHolder")


def _canvas():
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    canvas.setTitle("Certificate of liability insurance (synthetic)")
    canvas.setCreator("coitrack synthetic certificate generator")
    return canvas, buffer


def render_fillable(
    sample: Sample,
    rng: random.Random,
    *,
    xfa_names: bool | None = None,
    edition: str | None = None,
) -> bytes:
    """Blank page of ``edition`` (2016/03 unless given) + AcroForm fields holding the sample's
    values (random naming unless given); ``sample.remarks`` follow on a flattened ACORD 101
    page."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    page_edition = editions.get(edition)
    canvas, buffer = _canvas()
    draw_blank(canvas, edition=page_edition)
    canvas.showPage()
    if sample.remarks:
        draw_remarks_page(canvas, sample, font="Helvetica", size=8.0)
        canvas.showPage()
    canvas.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    page = writer.pages[0]
    chosen = rng.random() < 0.5
    xfa_names = chosen if xfa_names is None else xfa_names
    annots = ArrayObject()
    top_fields = ArrayObject()
    kids = ArrayObject()
    page_parent = None
    if xfa_names:
        form = DictionaryObject({NameObject("/T"): TextStringObject("F[0]")})
        form_ref = writer._add_object(form)
        page_parent = DictionaryObject(
            {NameObject("/T"): TextStringObject("P1[0]"), NameObject("/Parent"): form_ref}
        )
        page_parent_ref = writer._add_object(page_parent)
        form[NameObject("/Kids")] = ArrayObject([page_parent_ref])
        page_parent[NameObject("/Kids")] = kids
        top_fields.append(form_ref)

    def add(name: str, box: tuple[float, float, float, float], extra: dict) -> None:
        x0, top, x1, bottom = box
        field = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/T"): TextStringObject(f"{name}[0]" if xfa_names else name),
                NameObject("/Rect"): ArrayObject(
                    [
                        FloatObject(x0),
                        FloatObject(PAGE_HEIGHT - bottom),
                        FloatObject(x1),
                        FloatObject(PAGE_HEIGHT - top),
                    ]
                ),
                NameObject("/F"): NumberObject(4),
                NameObject("/P"): page.indirect_reference,
                **extra,
            }
        )
        if xfa_names:
            field[NameObject("/Parent")] = page_parent.indirect_reference
        ref = writer._add_object(field)
        annots.append(ref)
        (kids if xfa_names else top_fields).append(ref)

    boxes = text_fields(page_edition)
    for name, box in boxes.items():
        if name == "Form_EditionIdentifier_A":
            if xfa_names:
                continue  # the XFA variant keeps its edition in the XFA only
            value = page_edition.identifier
        else:
            value = sample.fields.get(name, "")
        add(
            name,
            box,
            {
                NameObject("/FT"): NameObject("/Tx"),
                NameObject("/V"): TextStringObject(value),
                NameObject("/DA"): TextStringObject("/Helv 8 Tf 0 g"),
            },
        )
    for name, box in checkboxes(page_edition).items():
        state = NameObject("/1" if sample.checks.get(name) else "/Off")
        add(
            name,
            box,
            {
                NameObject("/FT"): NameObject("/Btn"),
                NameObject("/V"): state,
                NameObject("/AS"): state,
            },
        )
    page[NameObject("/Annots")] = annots
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {
            NameObject("/Fields"): top_fields,
            NameObject("/NeedAppearances"): BooleanObject(True),
            NameObject("/DA"): TextStringObject("/Helv 0 Tf 0 g"),
        }
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render_text(
    sample: Sample,
    rng: random.Random,
    *,
    printed: bool | None = None,
    vector_marks: bool | None = None,
    shift: tuple[float, float] | None = None,
    rough: bool = False,
    edition: str | None = None,
) -> bytes:
    """The sample printed into the page's text layer (no form fields), on the page of
    ``edition`` (2016/03 unless given); ``sample.remarks`` follow on an ACORD 101 page.

    ``printed``: stacked lines as agency systems print (else values in the field boxes, as a
    flattened form); ``vector_marks``: check marks drawn as strokes (else a letter X);
    ``shift``: move the whole page by (dx, dy) points. Chosen at random unless given.
    ``rough``: larger fonts and offsets, as careless or unusual printing produces.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    canvas, buffer = _canvas()
    random_shift = (rng.uniform(-4, 4), rng.uniform(-4, 4)) if rng.random() < 0.3 else (0, 0)
    page_dx, page_dy = shift if shift is not None else random_shift
    form = editions.get(edition)
    draw_blank(canvas, dx=page_dx, dy=page_dy, edition=form)
    font = rng.choice(["Helvetica", "Helvetica", "Helvetica-Bold", "Times-Roman", "Courier"])
    size = rng.choice([7.0, 7.5, 8.0, 8.0, 9.0] + ([9.5, 10.0] if rough else []))
    wobble = 2.5 if rough else 1.2
    random_printed, random_vector = rng.random() < 0.5, rng.random() < 0.4
    printed = random_printed if printed is None else printed
    vector_marks = random_vector if vector_marks is None else vector_marks
    boxes = text_fields(form)
    marks_at = checkboxes(form)

    def put(
        text: str,
        box: tuple[float, float, float, float],
        *,
        align: str = "left",
        fit: bool = True,
        line: int = 0,
        step: float = 12.0,
    ) -> None:
        if not text:
            return
        x0, top, x1, bottom = box
        font_size = size
        width = stringWidth(text, font, font_size)
        if fit:
            while width > (x1 - x0 - 2) and font_size > 4.5:
                font_size -= 0.5
                width = stringWidth(text, font, font_size)
        jitter_x, jitter_y = rng.uniform(-1.0, wobble), rng.uniform(-wobble, wobble)
        if align == "right":
            x = x1 - 2 - width
        elif align == "center":
            x = (x0 + x1 - width) / 2
        else:
            x = x0 + 2 + jitter_x
        baseline = top + line * step + (bottom - top + font_size * 0.7) / 2 + jitter_y
        canvas.setFont(font, font_size)
        canvas.drawString(x + page_dx, PAGE_HEIGHT - baseline - page_dy, text)

    def wrap(text: str, width: float) -> list[str]:
        lines, current = [], ""
        for word in text.split():
            candidate = f"{current} {word}".strip()
            if current and stringWidth(candidate, font, size) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        return [*lines, current] if current else lines

    skip = {
        f"{p}_{s}"
        for p in PARTIES
        for s in (
            "FullName_A",
            "MailingAddress_LineOne_A",
            "MailingAddress_LineTwo_A",
            "MailingAddress_CityName_A",
            "MailingAddress_StateOrProvinceCode_A",
            "MailingAddress_PostalCode_A",
        )
    }
    skip |= {"CertificateOfLiabilityInsurance_ACORDForm_RemarkText_A", "Form_EditionIdentifier_A"}
    for prefix in PARTIES:
        _put_party(sample, prefix, boxes, put, wrap, printed)
    description = sample.fields.get("CertificateOfLiabilityInsurance_ACORDForm_RemarkText_A", "")
    line_box = form.box((22, 576, 590, 588))
    for index, text in enumerate(wrap(description, 560)):
        put(text, line_box, line=index, fit=False, step=size + 2.5)
    policy_rows = {
        "Policy_GeneralLiability_",
        "Policy_AutomobileLiability_",
        "Policy_ExcessLiability_",
        "Policy_WorkersCompensationAndEmployersLiability_",
    }
    for name, text in sample.fields.items():
        if name in skip or name not in boxes:
            continue
        box = boxes[name]
        if printed and any(name.startswith(p) for p in policy_rows) and "Code" not in name:
            # agency systems print the policy on the row's top line
            box = _first_row_line(name, box, form)
        amount = name.endswith("Amount_A") or "LimitAmount" in name
        marks = name.endswith(
            (
                "AdditionalInsuredCode_A",
                "SubrogationWaivedCode_A",
                "InsurerLetterCode_A",
                "AnyPersonsExcludedIndicator_A",
            )
        )
        put(text, box, align="right" if amount and printed else "center" if marks else "left")
    for name, marked in sample.checks.items():
        if marked and name in marks_at:  # an edition without that box (2010/05: OTHER:)
            _mark(canvas, marks_at[name], vector_marks, page_dx, page_dy)
    canvas.showPage()
    if sample.remarks:
        draw_remarks_page(canvas, sample, font=font, size=size, shift=(page_dx, page_dy))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


_ROW_TOPS = {
    "Policy_GeneralLiability_": 300,
    "Policy_AutomobileLiability_": 384,
    "Policy_ExcessLiability_": 444,
    "Policy_WorkersCompensationAndEmployersLiability_": 480,
}


def _first_row_line(
    name: str, box: tuple[float, float, float, float], form: editions.Edition
) -> tuple[float, float, float, float]:
    for prefix, top in _ROW_TOPS.items():
        if name.startswith(prefix):
            return (box[0], form.y(top + 2), box[2], form.y(top + 14))
    return box


def _put_party(sample: Sample, prefix: str, boxes: dict, put, wrap, printed: bool) -> None:
    get = sample.fields.get
    name_box = boxes[f"{prefix}_FullName_A" if prefix != "Producer" else "Producer_FullName_A"]
    name_lines = wrap(get(f"{prefix}_FullName_A", ""), name_box[2] - name_box[0] - 4)
    line1, line2 = (
        get(f"{prefix}_MailingAddress_LineOne_A", ""),
        get(f"{prefix}_MailingAddress_LineTwo_A", ""),
    )
    city = get(f"{prefix}_MailingAddress_CityName_A", "")
    state, zip_code = (
        get(f"{prefix}_MailingAddress_StateOrProvinceCode_A", ""),
        get(f"{prefix}_MailingAddress_PostalCode_A", ""),
    )
    if printed or len(name_lines) > 1:
        street = [line1, *([line2] if line2 else [])]
        if len(name_lines) + len(street) > 3:
            street = [", ".join(street)]  # as agency systems do when the box is full
        lines = [*name_lines, *street, f"{city}, {state} {zip_code}"]
        step = 12.0 if len(lines) <= 4 else 9.6
        for index, text in enumerate(lines):
            put(text, name_box, line=index, fit=False, step=step)
        return
    put(name_lines[0] if name_lines else "", name_box)
    put(line1, boxes[f"{prefix}_MailingAddress_LineOne_A"])
    put(line2, boxes[f"{prefix}_MailingAddress_LineTwo_A"])
    put(city, boxes[f"{prefix}_MailingAddress_CityName_A"])
    put(state, boxes[f"{prefix}_MailingAddress_StateOrProvinceCode_A"])
    put(zip_code, boxes[f"{prefix}_MailingAddress_PostalCode_A"])


def _mark(canvas, box, vector: bool, dx: float, dy: float) -> None:
    x0, top, x1, bottom = box
    cx, cy = (x0 + x1) / 2 + dx, PAGE_HEIGHT - (top + bottom) / 2 - dy
    if vector:
        canvas.setLineWidth(0.8)
        canvas.line(cx - 4, cy - 4, cx + 4, cy + 4)
        canvas.line(cx - 4, cy + 4, cx + 4, cy - 4)
    else:
        canvas.setFont("Helvetica-Bold", 8)
        canvas.drawCentredString(cx, cy - 2.8, "X")
