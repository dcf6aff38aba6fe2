"""Comparing a certificate's data with what the reader wrote. No database here.

Data in the certificate schema is compared as *leaves* keyed by identity, not by position:
certificate fields by their JSON path, insurers by letter (``insurer[B].naic``), policies by the
id of the policy row they are (``policy[42].limits.each_occurrence``; the reader's policies by
the ids they became when its data was written). A reviewer who removes the second policy
therefore does not make the third one look corrected. Each leaf also keeps its JSON path in the
data it came from (``policies[2].limits.each_occurrence``), which is what the reader's evidence
and the exported labelled examples use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

TOP_LEVEL = ["form", "edition", "certificate_date", "certificate_number", "revision_number",
             "description_of_operations"]
GROUPS = ["producer", "insured", "certificate_holder"]

Leaves = dict[str, tuple[str, Any]]  # identity key -> (JSON path, value)


def _plain(value: Any) -> Any:
    """Blank text and empty lists mean "not printed", the same as null."""
    if value == "" or value == []:
        return None
    return value


def leaves(data: dict[str, Any] | None, policy_ids: Sequence[int | None] = ()) -> Leaves:
    """Every value of ``data`` (schema) by identity key; whole insurers and policies as well.

    ``policy_ids[i]`` is the id of the policy row that ``data["policies"][i]`` is; a policy
    without one gets a key no other data can share.
    """
    data = data or {}
    out: Leaves = {}
    for key in TOP_LEVEL:
        out[key] = (key, _plain(data.get(key)))
    for group in GROUPS:
        for name, value in (data.get(group) or {}).items():
            out[f"{group}.{name}"] = (f"{group}.{name}", _plain(value))
    for index, insurer in enumerate(data.get("insurers") or []):
        base, path = f"insurer[{insurer.get('letter')}]", f"insurers[{index}]"
        out[base] = (path, insurer)
        for name in ("name", "naic"):
            out[f"{base}.{name}"] = (f"{path}.{name}", _plain(insurer.get(name)))
    for index, policy in enumerate(data.get("policies") or []):
        pid = policy_ids[index] if index < len(policy_ids) else None
        base = f"policy[{pid}]" if pid is not None else f"policy[unsaved {index}]"
        path = f"policies[{index}]"
        out[base] = (path, policy)
        for name, value in policy.items():
            if name != "limits":
                out[f"{base}.{name}"] = (f"{path}.{name}", _plain(value))
        for name, value in (policy.get("limits") or {}).items():
            out[f"{base}.limits.{name}"] = (f"{path}.limits.{name}", value)
    return out


def owner(key: str) -> str | None:
    """The insurer or policy a leaf belongs to (``policy[42]``), None for certificate fields."""
    if key.startswith(("insurer[", "policy[")):
        return key[: key.index("]") + 1]
    return None


def is_object(key: str) -> bool:
    return owner(key) == key


def value(found: Leaves, key: str) -> Any:
    return found[key][1] if key in found else None


def edited_paths(current: Leaves, written: Leaves) -> list[str]:
    """Paths of ``current`` that differ from what the reader ``written`` (someone edited them).

    With nothing written yet, every value present counts: the data was typed in by hand.
    """
    edited = []
    for key in sorted(current.keys() | written.keys()):
        if is_object(key):
            continue
        if value(current, key) != value(written, key):
            edited.append((current.get(key) or written[key])[0])
    return edited


@dataclass(frozen=True)
class Correction:
    """``path`` in the reader's output (or, for what it missed, in the corrected data)."""

    path: str
    extracted: Any
    corrected: Any


def corrections(reader: Leaves, before: Leaves, after: Leaves
                ) -> tuple[list[Correction], list[str]]:
    """What one save changed, judged against what the reader wrote.

    Returns ``(corrections, reverted)``: each value this save changed to something other than
    the reader's value is a correction; a path changed back to the reader's value is
    ``reverted`` (an earlier correction of it is void). An insurer or policy the reader missed,
    or one that was added or removed, is judged as a whole. Values the save did not touch are
    not judged again.
    """
    found, reverted, seen = [], [], set()
    for key in sorted(before.keys() | after.keys()):
        if value(before, key) == value(after, key):
            continue
        parent = owner(key)
        if parent is not None and (parent not in reader or (parent in before) != (parent in after)):
            target = parent
        elif is_object(key):
            continue  # a kept insurer or policy: its changed values are judged one by one
        else:
            target = key
        if target in seen:
            continue
        seen.add(target)
        source = reader.get(target) or after.get(target) or before[target]
        extracted, corrected = value(reader, target), value(after, target)
        if corrected == extracted:
            reverted.append(source[0])
        else:
            found.append(Correction(path=source[0], extracted=extracted, corrected=corrected))
    return found, reverted


def evidence_for(values: dict[str, dict], path: str) -> dict[str, Any]:
    """The reader's evidence for ``path``; for a list or object, the evidence of its parts."""
    if path in values:
        return dict(values[path])
    prefix = path + "."
    parts = {p[len(prefix):]: e for p, e in values.items() if p.startswith(prefix)}
    return {"parts": parts} if parts else {}
