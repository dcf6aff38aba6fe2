"""From raw "slots" (what a reader found in each box of the form) to the certificate schema.

Readers only locate text: the AcroForm reader by field name, the layout reader by printed labels
and column geometry. Both hand over the same slot keys, and this module does the rest (parsing,
check-mark logic, which rows count as policies, evidence paths), so a certificate reads the same
whichever way it arrived.

Slot keys: ``certificate_date``, ``certificate_number``, ``revision_number``, ``edition``,
``producer.<name|address|contact_name|phone|fax|email>``, ``insured.<name|address>``,
``certificate_holder.<name|address>``, ``insurer.<A-F>.<name|naic>``,
``description_of_operations``, and per coverage row (``gl``, ``auto``, ``umbrella``, ``wc``,
``other``): ``<row>.letter``, ``.policy_number``, ``.effective_date``, ``.expiration_date``,
``.addl``, ``.subr``, ``.limit.<schema limit key>``, ``.mark.<box>``; plus
``umbrella.retention_amount``, ``wc.excluded``, ``other.description``,
``other.limit_label.<n>`` / ``other.limit_amount.<n>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from coitrack.reading import normalize
from coitrack.reading.result import Collector, Evidence, empty_certificate, empty_policy
from coitrack.schema import AUTO_SYMBOLS, INSURER_LETTERS, LIMIT_KEYS


@dataclass(frozen=True)
class Slot:
    """What one box of the form holds: its text, or for a check box whether it is marked."""

    text: str = ""
    evidence: Evidence | None = None
    marked: bool | None = None


Slots = dict[str, Slot]

ROWS: tuple[tuple[str, str], ...] = (
    ("gl", "general_liability"),
    ("auto", "automobile_liability"),
    ("umbrella", "umbrella_liability"),
    ("wc", "workers_compensation"),
    ("other", "other"),
)
ROW_LABELS = {
    "gl": "General liability",
    "auto": "Automobile liability",
    "umbrella": "Umbrella/excess liability",
    "wc": "Workers compensation",
    "other": "Other coverage",
}
AGGREGATE_MARKS = {
    "per_policy": "policy",
    "per_project": "project",
    "per_location": "location",
    "per_other": "other",
}
OTHER_LIMIT_LINES = 3


def assemble(slots: Slots, collector: Collector) -> dict[str, Any]:
    """The certificate data for ``slots``; evidence and warnings go to ``collector``."""
    data = empty_certificate()
    data["form"] = "acord25"
    data["edition"] = _value(slots, collector, "edition", "edition", normalize.parse_edition)
    data["certificate_date"] = _value(
        slots, collector, "certificate_date", "certificate_date", normalize.iso_date
    )
    for key in ("certificate_number", "revision_number"):
        data[key] = _text(slots, collector, key, key) or None
    for party, keys in (
        ("producer", ("name", "address", "contact_name", "phone", "fax", "email")),
        ("insured", ("name", "address")),
        ("certificate_holder", ("name", "address")),
    ):
        for key in keys:
            data[party][key] = _text(slots, collector, f"{party}.{key}", f"{party}.{key}")
    data["insurers"] = _insurers(slots, collector)
    data["description_of_operations"] = _text(
        slots, collector, "description_of_operations", "description_of_operations"
    )
    for row, coverage in ROWS:
        policy = _policy(slots, collector, row, coverage, len(data["policies"]))
        if policy is not None:
            data["policies"].append(policy)
    return data


def _text(slots: Slots, collector: Collector, key: str, path: str) -> str:
    slot = slots.get(key)
    if slot is None:
        return ""
    text = normalize.clean_text(slot.text)
    return collector.take(path, text, slot.evidence if text else None) or ""


def _value(slots: Slots, collector: Collector, key: str, path: str, parse, *, label: str = ""):
    slot = slots.get(key)
    if slot is None or not normalize.clean_text(slot.text):
        return None
    evidence = slot.evidence or Evidence(1, None, 1.0, slot.text)
    if not evidence.text:
        evidence = Evidence(evidence.page, evidence.box, evidence.confidence, slot.text)
    return collector.take(path, parse(slot.text), evidence, label=label)


def _insurers(slots: Slots, collector: Collector) -> list[dict[str, Any]]:
    insurers = []
    for letter in INSURER_LETTERS:
        name_slot = slots.get(f"insurer.{letter}.name", Slot())
        naic_slot = slots.get(f"insurer.{letter}.naic", Slot())
        if not normalize.clean_text(name_slot.text) and not normalize.clean_text(naic_slot.text):
            continue
        path = f"insurers[{len(insurers)}]"
        name = _text(slots, collector, f"insurer.{letter}.name", f"{path}.name")
        naic = _value(
            slots,
            collector,
            f"insurer.{letter}.naic",
            f"{path}.naic",
            normalize.parse_naic,
            label=f"Insurer {letter} NAIC",
        )
        insurers.append({"letter": letter, "name": name, "naic": naic})
    return insurers


def _row_is_filled(slots: Slots, row: str) -> bool:
    """Whether the form lists a policy in ``row``: a policy number, or a date or a limit with
    a digit in it (a lone "S" in a limit box is its printed "$" read by OCR, not a limit)."""
    number = slots.get(f"{row}.policy_number")
    if number is not None and normalize.clean_text(number.text):
        return True
    keys = [f"{row}.{k}" for k in ("effective_date", "expiration_date")]
    keys += [k for k in slots if k.startswith(f"{row}.limit.") or k.startswith(f"{row}.limit_")]
    return any(any(c.isdigit() for c in slots[k].text or "") for k in keys if k in slots)


def _marked(slots: Slots, row: str, box: str) -> bool:
    slot = slots.get(f"{row}.mark.{box}")
    return bool(slot and slot.marked)


def _mark_evidence(slots: Slots, collector: Collector, row: str, box: str, path: str) -> None:
    """Evidence of a ticked box, under the JSON path of the value it decided."""
    slot = slots.get(f"{row}.mark.{box}")
    if slot is not None and slot.marked and slot.evidence is not None:
        collector.evidence[path] = slot.evidence.as_dict()


def _policy(
    slots: Slots, collector: Collector, row: str, coverage: str, index: int
) -> dict[str, Any] | None:
    if not _row_is_filled(slots, row):
        if normalize.clean_text(slots.get(f"{row}.letter", Slot()).text):
            collector.warn(f"{ROW_LABELS[row]}: an insurer letter but no policy; row skipped")
        return None
    path = f"policies[{index}]"
    policy = empty_policy(coverage)
    policy["insurer_letter"] = _value(
        slots, collector, f"{row}.letter", f"{path}.insurer_letter", normalize.parse_letter
    )
    policy["policy_number"] = (
        _text(slots, collector, f"{row}.policy_number", f"{path}.policy_number") or None
    )
    for key in ("effective_date", "expiration_date"):
        policy[key] = _value(
            slots,
            collector,
            f"{row}.{key}",
            f"{path}.{key}",
            normalize.iso_date,
            label=f"{ROW_LABELS[row]} {key.replace('_', ' ')}",
        )
    for key, field in (("addl", "additional_insured"), ("subr", "subrogation_waived")):
        value = _value(slots, collector, f"{row}.{key}", f"{path}.{field}", normalize.parse_mark)
        policy[field] = bool(value)
    for limit_key in LIMIT_KEYS[coverage]:
        amount = _value(
            slots,
            collector,
            f"{row}.limit.{limit_key}",
            f"{path}.limits.{limit_key}",
            normalize.parse_amount,
            label=f"{ROW_LABELS[row]} limit {limit_key}",
        )
        if amount is not None:
            policy["limits"][limit_key] = amount
    _ROW_DETAILS[row](slots, collector, policy, path)
    return policy


def _claims_made(slots: Slots, collector: Collector, row: str, path: str) -> bool | None:
    claims, occur = _marked(slots, row, "claims_made"), _marked(slots, row, "occurrence")
    _mark_evidence(slots, collector, row, "claims_made" if claims else "occurrence",
                   f"{path}.claims_made")
    if claims and occur:
        collector.warn(f"{ROW_LABELS[row]}: both CLAIMS-MADE and OCCUR are marked; left empty")
        return None
    return True if claims else False if occur else None


def _gl_details(slots: Slots, collector: Collector, policy: dict, path: str) -> None:
    policy["claims_made"] = _claims_made(slots, collector, "gl", path)
    applies = [value for box, value in AGGREGATE_MARKS.items() if _marked(slots, "gl", box)]
    for box in AGGREGATE_MARKS:
        _mark_evidence(slots, collector, "gl", box, f"{path}.aggregate_applies_per")
    if len(applies) > 1:
        collector.warn("General liability: several GEN'L AGGREGATE boxes marked; left empty")
    policy["aggregate_applies_per"] = applies[0] if len(applies) == 1 else None


def _auto_details(slots: Slots, collector: Collector, policy: dict, path: str) -> None:
    policy["auto_symbols"] = [s for s in AUTO_SYMBOLS if _marked(slots, "auto", s)]
    for symbol in policy["auto_symbols"]:
        _mark_evidence(slots, collector, "auto", symbol, f"{path}.auto_symbols.{symbol}")


def _umbrella_details(slots: Slots, collector: Collector, policy: dict, path: str) -> None:
    umbrella, excess = _marked(slots, "umbrella", "umbrella"), _marked(slots, "umbrella", "excess")
    if excess and not umbrella:
        policy["coverage"] = "excess_liability"
    elif umbrella == excess:
        # The row is certainly umbrella-or-excess; which one is not printed. Umbrella is what
        # the row is read as, and the reviewer is told.
        collector.warn(
            "Umbrella/excess liability: "
            + ("both UMBRELLA and EXCESS" if umbrella else "neither UMBRELLA nor EXCESS")
            + " marked; read as umbrella"
        )
    policy["claims_made"] = _claims_made(slots, collector, "umbrella", path)
    _mark_evidence(slots, collector, "umbrella", "excess" if excess else "umbrella",
                   f"{path}.coverage")
    policy["retention"] = _value(
        slots,
        collector,
        "umbrella.retention_amount",
        f"{path}.retention",
        normalize.parse_amount,
        label="Umbrella/excess retention",
    )


def _wc_details(slots: Slots, collector: Collector, policy: dict, path: str) -> None:
    policy["statutory"] = _marked(slots, "wc", "statutory")
    _mark_evidence(slots, collector, "wc", "statutory", f"{path}.statutory")
    policy["excluded_officers"] = _value(
        slots, collector, "wc.excluded", f"{path}.excluded_officers", normalize.parse_yes_no
    )


_CLAIM_LABEL = re.compile(r"\b(EACH|PER|ANY ONE)\s+CLAIM\b|^CLAIM\b", re.IGNORECASE)
_AGGREGATE_LABEL = re.compile(r"\bAGG(REGATE|R?\.?)?\b", re.IGNORECASE)


def _other_details(slots: Slots, collector: Collector, policy: dict, path: str) -> None:
    description = _text(slots, collector, "other.description", f"{path}.description")
    policy["description"] = description or None
    for line in range(1, OTHER_LIMIT_LINES + 1):
        label = normalize.clean_text(slots.get(f"other.limit_label.{line}", Slot()).text)
        amount_slot = slots.get(f"other.limit_amount.{line}", Slot())
        amount_text = normalize.clean_text(amount_slot.text) or label
        if not label and not amount_text:
            continue
        key = (
            "aggregate"
            if _AGGREGATE_LABEL.search(label)
            else "each_claim"
            if _CLAIM_LABEL.search(label)
            else None
        )
        if key is None:
            if amount_text:
                collector.warn(f"Other coverage: limit {label or amount_text!r} not read (no key)")
            continue
        text = amount_text if normalize.clean_text(amount_slot.text) else label
        amount = normalize.parse_amount(text) or normalize.find_amount(text)
        if amount is not None and amount < normalize.MIN_LIMIT:
            amount = None  # "2" found in "2:000.000": a limit that lost its groups
        evidence = amount_slot.evidence or slots[f"other.limit_label.{line}"].evidence
        if evidence is not None:
            evidence = Evidence(evidence.page, evidence.box, evidence.confidence, text)
        amount = collector.take(f"{path}.limits.{key}", amount, evidence)
        if amount is not None:
            policy["limits"][key] = amount


_ROW_DETAILS = {
    "gl": _gl_details,
    "auto": _auto_details,
    "umbrella": _umbrella_details,
    "wc": _wc_details,
    "other": _other_details,
}
