"""PDFs made in code for the edit-detection tests: an agency-printed original and its edits."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.annotations import FreeText
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

PRINTED = "D:20260301100000-05'00'"
AGENCY_SYSTEM = "Applied Epic 2025"
ACROBAT = "Adobe Acrobat Pro (64-bit) 24.1.20"


def _write(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _text_page(writer: PdfWriter, text: bytes = b"CERTIFICATE OF LIABILITY INSURANCE"):
    page = writer.add_blank_page(width=612, height=792)
    stream = StreamObject()
    stream.set_data(b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    return page


def printed(*, creator: str = AGENCY_SYSTEM, producer: str = AGENCY_SYSTEM,
            created: str = PRINTED, modified: str = PRINTED, pages: int = 1) -> bytes:
    """A certificate as an agency system prints it: one revision, both dates equal."""
    writer = PdfWriter()
    for _ in range(pages):
        _text_page(writer)
    writer.add_metadata({"/Creator": creator, "/Producer": producer,
                         "/CreationDate": created, "/ModDate": modified})
    return _write(writer)


def fillable(field_name: str = "NamedInsured") -> bytes:
    """A blank fillable form: one text field on page 1."""
    writer = PdfWriter()
    page = _text_page(writer)
    widget = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject(field_name),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (50, 700, 300, 720)]),
        NameObject("/F"): NumberObject(4), NameObject("/V"): TextStringObject(""),
    })
    ref = writer._add_object(widget)
    page[NameObject("/Annots")] = ArrayObject([ref])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([ref])}
    )
    return _write(writer)


def _update(original: bytes) -> PdfWriter:
    return PdfWriter(io.BytesIO(original), incremental=True)


def with_typed_text(original: bytes) -> bytes:
    """An incremental update typing "$2,000,000" over page 1 (a FreeText annotation)."""
    writer = _update(original)
    writer.add_annotation(page_number=0, annotation=FreeText(
        text="$2,000,000", rect=(400, 500, 520, 520)))
    return _write(writer)


def with_new_content(original: bytes) -> bytes:
    """An incremental update replacing page 1's printed text."""
    writer = _update(original)
    stream = StreamObject()
    stream.set_data(b"BT /F1 12 Tf 72 720 Td (EACH OCCURRENCE $2,000,000) Tj ET")
    writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)
    return _write(writer)


def with_field_filled(original: bytes, field_name: str = "NamedInsured") -> bytes:
    """An incremental update that only fills in a field the form already had."""
    writer = _update(original)
    writer.update_page_form_field_values(
        writer.pages[0], {field_name: "Acme Roofing LLC"}, auto_regenerate=False
    )
    return _write(writer)


def with_field_added(original: bytes) -> bytes:
    """An incremental update adding a new text field on page 1."""
    writer = _update(original)
    widget = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("Override"),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (400, 500, 520, 520)]),
        NameObject("/F"): NumberObject(4), NameObject("/V"): TextStringObject("$2,000,000"),
    })
    ref = writer._add_object(widget)
    page = writer.pages[0]
    annots = page.get("/Annots")
    page[NameObject("/Annots")] = ArrayObject([*(annots.get_object() if annots else []), ref])
    return _write(writer)


def with_signature(original: bytes) -> bytes:
    """An incremental update adding a signature field (how a signed certificate looks)."""
    writer = _update(original)
    signature = DictionaryObject({
        NameObject("/Type"): NameObject("/Sig"),
        NameObject("/ByteRange"): ArrayObject([NumberObject(0)] * 4),
    })
    widget = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Sig"), NameObject("/T"): TextStringObject("Signature1"),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (50, 50, 200, 80)]),
        NameObject("/V"): writer._add_object(signature),
    })
    ref = writer._add_object(widget)
    writer.pages[0][NameObject("/Annots")] = ArrayObject([ref])
    return _write(writer)


def with_pdf_footer_garbage(original: bytes) -> bytes:
    """Trailing bytes after the last %%EOF (some mail systems add them): not an update."""
    return original + b"\r\n\x00\x00"


def linearized_like(original: bytes) -> bytes:
    """The original with a linearization dictionary and a first-page section ending in %%EOF.

    Real linearized files open with ``/Linearized`` and end their first-page cross-reference
    section with ``startxref ... %%EOF``; readers use the last one. Offsets of the main section
    are kept valid by placing the extra section in a comment-safe way: after the header line.
    """
    header_end = original.index(b"\n") + 1
    extra = b"%\xe2\xe3\xcf\xd3\n% /Linearized 1\n% startxref 0 %%EOF\n"
    # Shift nothing: pypdf recovers the offsets itself (strict=False) when they move.
    return original[:header_end] + extra.replace(b"% startxref", b"startxref") + \
        original[header_end:]
