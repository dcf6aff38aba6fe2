"""The AcroForm reader: fillable ACORD 25 PDFs, read field by field.

Field values are exactly what the broker typed, so confidence is high; the evidence box is the
field's widget rectangle. Names work with or without the XFA prefix (``F[0].P1[0].``).
"""

from __future__ import annotations

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


class AcroFormReader:
    name = "acroform"

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
            slots[f"{party}.address"] = Slot(text, Evidence(present[0]["page"], _union(boxes), FIELD_CONFIDENCE, text))
    return slots


def _fields(doc: Document) -> list[dict[str, Any]]:
    if "_acroform_fields" not in doc.__dict__:
        doc.__dict__["_acroform_fields"] = list(_widgets(doc))
    return doc.__dict__["_acroform_fields"]


def _widgets(doc: Document) -> Iterator[dict[str, Any]]:
    """Every field widget on the pages we read: short name, value, state, page, box."""
    pdf = doc.pdf
    if "/AcroForm" not in pdf.trailer["/Root"]:
        return
    count = 0
    for page_index, page in enumerate(pdf.pages[:MAX_PAGES_READ]):
        top = float(page.mediabox.top)
        left = float(page.mediabox.left)
        for ref in page.get("/Annots") or []:
            count += 1
            if count > MAX_WIDGETS:
                return
            annot = ref.get_object()
            if not isinstance(annot, dict) or annot.get("/Subtype") != "/Widget":
                continue
            full_name, value, field_type = _field_chain(annot)
            if not full_name:
                continue
            box = None
            rect = annot.get("/Rect")
            if rect is not None and len(rect) == 4:
                x0, y0, x1, y1 = (float(v) for v in rect)
                box = (min(x0, x1) - left, top - max(y0, y1), max(x0, x1) - left, top - min(y0, y1))
            yield {
                "name": short_name(full_name),
                "value": value,
                "state": annot.get("/AS"),
                "type": field_type,
                "page": page_index + 1,
                "box": box,
            }


def _field_chain(annot) -> tuple[str, Any, Any]:
    """Fully qualified name, value and type, inherited along the /Parent chain."""
    parts, value, field_type, node, depth = [], None, None, annot, 0
    while node is not None and depth < 32:
        if "/T" in node:
            parts.append(str(node["/T"]))
        if value is None and "/V" in node:
            value = node["/V"]
        if field_type is None and "/FT" in node:
            field_type = node["/FT"]
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
        depth += 1
    return ".".join(reversed(parts)), value, field_type


def _text(field: dict[str, Any]) -> str:
    value = field["value"]
    if value is None or field["type"] == "/Btn":
        return ""
    if isinstance(value, list):  # a multi-select list; never on ACORD 25, but never crash
        value = " ".join(str(v) for v in value)
    return normalize.clean_text(value)


def _state(field: dict[str, Any]) -> str:
    for candidate in (field["value"], field["state"]):
        if candidate is not None:
            return str(candidate)
    return ""


def _checked(field: dict[str, Any]) -> bool:
    value = field["value"] if field["value"] is not None else field["state"]
    return value is not None and str(value) not in ("/Off", "Off", "", "/")


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
