"""The review screen's view of a reading: which input shows which value read where.

:func:`annotate_editor` ties each input of the data-entry editor to the JSON path of the reader's
output it holds (``data-evidence-path``), so the page can light up the value's box on the page
image, and marks the inputs a reviewer must look at: values the reader was not sure of and left
empty (``evidence-low``), critical values that are still empty (``evidence-missing``) and values
read without full certainty (``evidence-check``: a generic reading, a doubtful scan).
:func:`page_boxes` places the reader's boxes on the page images, as percentages of the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coitrack import schema
from coitrack.certificates.forms.policy import limit_field_name
from coitrack.certificates.models import CertificateEvidence
from coitrack.certificates.services.reading import evidence_flags

CERTIFICATE_PATHS = {
    "form": "form", "edition": "edition", "certificate_date": "certificate_date",
    "certificate_number": "certificate_number", "revision_number": "revision_number",
    "producer_name": "producer.name", "producer_address": "producer.address",
    "producer_contact_name": "producer.contact_name", "producer_phone": "producer.phone",
    "producer_fax": "producer.fax", "producer_email": "producer.email",
    "insured_name": "insured.name", "insured_address": "insured.address",
    "description_of_operations": "description_of_operations",
    "holder_name": "certificate_holder.name", "holder_address": "certificate_holder.address",
}
# The values the issue calls critical: an empty one stands out on the review screen.
CRITICAL_CERTIFICATE = {"insured_name", "holder_name"}
CRITICAL_POLICY = {"coverage", "insurer_letter", "policy_number", "effective_date",
                   "expiration_date", "additional_insured", "subrogation_waived"}
POLICY_VALUES = ["coverage", "description", "insurer_letter", "policy_number", "effective_date",
                 "expiration_date", "additional_insured", "subrogation_waived", "claims_made",
                 "aggregate_applies_per", "retention", "statutory", "excluded_officers"]
BOX_MARGIN = 1.5  # points around a box, so the outline does not cover the text

LOW_HELP = "The reader was not sure of this value and left it empty: check the document."
CHECK_HELP = "Read, but not for certain: compare it with the document."
# Values read with a confidence under this (and over the reader's 0.6 threshold, under which
# they are left empty) are shown as "compare with the document": the generic reader's values
# (capped at 0.75: the layout is not a known form) and OCR readings kept with some doubt.
CHECK_BELOW = 0.8
MISSING_HELP = "Not found on the document: enter it if the certificate shows it."


@dataclass(frozen=True)
class Attention:
    """An input the reviewer should look at, for the list above the form."""

    label: str
    input_id: str
    reason: str  # "low", "missing" or "check"


def annotate_editor(editor, evidence: CertificateEvidence | None) -> list[Attention]:
    """Tie the editor's inputs to the reading's paths and mark the ones to check.

    Returns the inputs that need attention, in page order. Without a reading (or one that wrote
    nothing) nothing is marked.
    """
    if evidence is None or evidence.applied is None:
        return []
    values = evidence.values or {}
    attention: list[Attention] = []
    main = editor.main
    for name, path in CERTIFICATE_PATHS.items():
        _mark(main, name, path, values, name in CRITICAL_CERTIFICATE, attention)

    letters = [i.get("letter") for i in evidence.applied.get("insurers") or []]
    used = {f["insurer_letter"].value() for f in editor.policies.forms} - {None, ""}
    for form in editor.insurers.forms:
        letter = form["letter"].value()
        if letter not in letters:
            continue
        base = f"insurers[{letters.index(letter)}]"
        for name in ("name", "naic"):
            _mark(form, name, f"{base}.{name}", values, letter in used, attention,
                  label=f"Insurer {letter} {'NAIC #' if name == 'naic' else 'name'}")

    ids = list(evidence.policy_ids or [])
    for number, form in enumerate(editor.policies.forms, start=1):
        pid = form.initial.get("id")
        if pid not in ids:
            continue
        base = f"policies[{ids.index(pid)}]"
        for name in POLICY_VALUES:
            _mark(form, name, f"{base}.{name}", values, name in CRITICAL_POLICY, attention,
                  label=f"Policy {number}: {form.fields[name].label}")
        for key in schema.ALL_LIMIT_KEYS:
            _mark(form, limit_field_name(key), f"{base}.limits.{key}", values, False, attention,
                  label=f"Policy {number}: {form.fields[limit_field_name(key)].label}")
        form.fields["auto_symbols"].widget.attrs["data-evidence-prefix"] = f"{base}.auto_symbols"
    return attention


def _mark(form, name: str, path: str, values: dict, critical: bool, attention: list,
          *, label: str | None = None) -> None:
    field = form.fields[name]
    attrs = field.widget.attrs
    attrs["data-evidence-path"] = path
    item = values.get(path)
    state = ""
    if item is not None and evidence_flags(item):
        state = "low"
    elif critical and _empty(form[name].value()):
        state = "missing"
    elif item is not None and _unsure(item):
        state = "check"
    if not state:
        return
    attrs["class"] = f"{attrs.get('class', '')} evidence-{state}".strip()
    # The bound field (cached by the form, used by the template) copied the help text already.
    field.help_text = form[name].help_text = HELP[state]
    attention.append(Attention(label=label or str(field.label or name),
                               input_id=form[name].id_for_label, reason=state))


HELP = {"low": LOW_HELP, "missing": MISSING_HELP, "check": CHECK_HELP}


def _unsure(item: dict) -> bool:
    confidence = item.get("confidence")
    return isinstance(confidence, int | float) and confidence < CHECK_BELOW


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


@dataclass(frozen=True)
class Box:
    path: str
    state: str  # "low": left empty, unsure; "check": read, not for certain; else ""
    text: str
    left: str  # CSS percentages of the page, formatted here (no locale in the template)
    top: str
    width: str
    height: str


def page_boxes(evidence: CertificateEvidence, page: int) -> list[Box]:
    """The reader's boxes on ``page`` (1-based), placed as percentages of the page size."""
    sizes = evidence.page_sizes or []
    if not 1 <= page <= len(sizes):
        return []
    page_width, page_height = sizes[page - 1]
    if page_width <= 0 or page_height <= 0:
        return []
    boxes = []
    for path, item in _placed(evidence.values or {}):
        box = item.get("box")
        if item.get("page") != page or not box or len(box) != 4:
            continue
        x0, y0, x1, y1 = (float(v) for v in box)
        x0, y0 = max(0.0, x0 - BOX_MARGIN), max(0.0, y0 - BOX_MARGIN)
        x1, y1 = min(page_width, x1 + BOX_MARGIN), min(page_height, y1 + BOX_MARGIN)
        if x1 <= x0 or y1 <= y0:
            continue
        boxes.append(Box(
            path=path,
            state="low" if evidence_flags(item) else "check" if _unsure(item) else "",
            text=str(item.get("text") or ""),
            left=_percent(x0 / page_width), top=_percent(y0 / page_height),
            width=_percent((x1 - x0) / page_width), height=_percent((y1 - y0) / page_height),
        ))
    return boxes


def _placed(values: dict) -> list[tuple[str, dict]]:
    """Each value's evidence, and the parts it continues on (a description that goes on on an
    ACORD 101 remarks page has a ``"continued"`` box per later page, drawn like its own)."""
    placed = []
    for path, item in values.items():
        if not isinstance(item, dict):
            continue
        placed.append((path, item))
        for part in item.get("continued") or ():
            if isinstance(part, dict):
                placed.append((path, {**item, **part, "continued": None}))
    return placed


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.3f}%"
