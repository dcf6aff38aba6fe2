"""The AcroForm reader: fillable ACORD 25 PDFs, read field by field.

Field values are exactly what the broker typed, so confidence is high; the evidence box is the
field's widget rectangle. Names work with or without the XFA prefix (``F[0].P1[0].``).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from typing import Any

from coitrack.reading import normalize
from coitrack.reading.acroform_fields import (
    ADDRESS_FIELDS,
    CHECKBOX_FIELDS,
    KNOWN_FIELDS,
    TEXT_FIELDS,
    short_name,
)
from coitrack.reading.assemble import Slot, Slots, assemble
from coitrack.reading.document import MAX_PAGES_READ, Document
from coitrack.reading.registry import ReaderDeclined
from coitrack.reading.result import Collector, Evidence, ReadResult

FIELD_CONFIDENCE = 0.99
MIN_KNOWN_FIELDS = 10  # fewer ACORD 25 field names than this: some other form
MAX_WIDGETS = 5_000
_BUTTONS = (1, 2, 3)  # PDFium: push button, check box, radio button


class AcroFormReader:
    name = "acroform"
    max_score = 0.95

    def score(self, doc: Document) -> float:
        fields = _fields(doc)
        known = [f for f in fields if f["name"] in KNOWN_FIELDS]
        if len(known) < MIN_KNOWN_FIELDS:
            return 0.0
        filled = any(_is_filled(f) for f in known)
        # A blank fillable form (or one flattened with its empty fields left behind) may still
        # carry printed values: then the layout reader should win.
        return 0.95 if filled else 0.2

    def read(self, doc: Document) -> ReadResult:
        fields = [f for f in _fields(doc) if f["name"] in KNOWN_FIELDS]
        if not any(_is_filled(f) for f in fields):
            raise ReaderDeclined("no field is filled in")
        by_name: dict[str, dict[str, Any]] = {}
        for field in fields:
            # Several widgets can share a field; the first one with a value wins.
            if field["name"] not in by_name or (
                _is_filled(field) and not _is_filled(by_name[field["name"]])
            ):
                by_name[field["name"]] = field
        slots = _slots(by_name)
        if "edition" not in slots or not slots["edition"].text:
            edition = _footer_edition(doc)
            if edition:
                slots["edition"] = Slot(edition, Evidence(1, None, 0.9, edition))
        collector = Collector()
        for warning in doc.warnings:
            collector.warn(warning)
        data = assemble(slots, collector)
        return collector.result(data, self.name)


def _slots(by_name: dict[str, dict[str, Any]]) -> Slots:
    slots: Slots = {}
    for name, key in TEXT_FIELDS.items():
        if name in by_name:
            field = by_name[name]
            text = _text(field)
            slots[key] = Slot(text, _evidence(field, text))
    for name, key in CHECKBOX_FIELDS.items():
        if name in by_name:
            field = by_name[name]
            slots[key] = Slot("", _evidence(field, _state(field)), marked=_checked(field))
    for party, names in ADDRESS_FIELDS.items():
        present = [by_name[n] for n in names if n in by_name]
        parts = [_text(by_name[n]) if n in by_name else "" for n in names]
        text = normalize.address(*parts)
        if text:
            boxes = [f["box"] for f in present if _text(f)]
            slots[f"{party}.address"] = Slot(
                text, Evidence(present[0]["page"], _union(boxes), FIELD_CONFIDENCE, text)
            )
    return slots


def _fields(doc: Document) -> list[dict[str, Any]]:
    if "_acroform_fields" not in doc.__dict__:
        doc.__dict__["_acroform_fields"] = list(_widgets(doc))
    return doc.__dict__["_acroform_fields"]


def _widgets(doc: Document) -> Iterator[dict[str, Any]]:
    """Every field widget on the pages we read: short name, value, type, page, box.

    Read through PDFium's form API (compiled; pypdf's object parser costs ~0.1 s per form).
    """
    import pypdfium2.raw as raw

    pdf = doc.pdfium
    form = pdf.formenv.raw if pdf.formenv is not None else None
    if form is None:
        return
    rect = raw.FS_RECTF()
    count = 0
    for index in range(min(len(pdf), MAX_PAGES_READ)):
        page = pdf[index]
        try:
            height = page.get_height()
            for number in range(raw.FPDFPage_GetAnnotCount(page.raw)):
                count += 1
                if count > MAX_WIDGETS:
                    return
                annot = raw.FPDFPage_GetAnnot(page.raw, number)
                if not annot:
                    continue
                try:
                    if raw.FPDFAnnot_GetSubtype(annot) != raw.FPDF_ANNOT_WIDGET:
                        continue
                    full_name = _utf16(raw.FPDFAnnot_GetFormFieldName, form, annot)
                    if not full_name:
                        continue
                    kind = raw.FPDFAnnot_GetFormFieldType(form, annot)
                    value = _utf16(raw.FPDFAnnot_GetFormFieldValue, form, annot)
                    if kind in _BUTTONS:
                        # PDFium answers "Off" for a box without appearance streams; the
                        # widget's own /V (else /AS) says what the filler set.
                        own = _utf16(raw.FPDFAnnot_GetStringValue, annot, b"V") or _utf16(
                            raw.FPDFAnnot_GetStringValue, annot, b"AS"
                        )
                        if raw.FPDFAnnot_IsChecked(form, annot):
                            value = own if own not in ("", "Off") else "On"
                        elif own:
                            value = own
                    box = None
                    if raw.FPDFAnnot_GetRect(annot, rect):
                        box = (
                            min(rect.left, rect.right),
                            height - max(rect.top, rect.bottom),
                            max(rect.left, rect.right),
                            height - min(rect.top, rect.bottom),
                        )
                    yield {
                        "name": short_name(full_name),
                        "value": value,
                        "type": "/Btn" if kind in _BUTTONS else "/Tx",
                        "page": index + 1,
                        "box": box,
                    }
                finally:
                    raw.FPDFPage_CloseAnnot(annot)
        finally:
            page.close()


MAX_FIELD_CHARS = 20_000


def _utf16(function, *args) -> str:
    length = function(*args, None, 0)
    if length <= 2:
        return ""
    length = min(length, 2 * MAX_FIELD_CHARS + 2)
    buffer = (ctypes.c_ushort * (length // 2))()
    function(*args, buffer, length)
    return bytes(buffer)[: length - 2].decode("utf-16-le", errors="replace")


def _text(field: dict[str, Any]) -> str:
    if field["type"] == "/Btn":
        return ""
    return normalize.clean_text(field["value"])


def _state(field: dict[str, Any]) -> str:
    return str(field["value"] or "")


def _checked(field: dict[str, Any]) -> bool:
    """Any on-state counts (ACORD's is /1; other tools write /Yes or /On)."""
    return str(field["value"] or "").lstrip("/") not in ("Off", "")


def _is_filled(field: dict[str, Any]) -> bool:
    return _checked(field) if field["type"] == "/Btn" else bool(_text(field))


def _evidence(field: dict[str, Any], text: str) -> Evidence:
    return Evidence(field["page"], field["box"], FIELD_CONFIDENCE, text)


def _union(boxes: list) -> tuple[float, float, float, float] | None:
    boxes = [b for b in boxes if b]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _footer_edition(doc: Document) -> str | None:
    """The edition printed in the footer, when the form has no edition field (XFA variant)."""
    try:
        page = doc.page_text(0)
    except Exception:
        return None
    return normalize.parse_edition(page.text)
