"""Vendor-level overrides of a template: applying them, and computing them from an edited copy.

An override is a partial template (the design of issue 4): its top-level keys replace the
template's, and each entry of its ``coverages`` replaces the template's entry for the same
coverage (for ``other``: the same description, case and spaces aside), or is added when the
template has none.

Decisions:
- A top-level key set to ``null`` removes that requirement for the vendor (``null`` means "not
  required" in the format), so "no certificate holder check for this vendor" is expressible.
- A coverage entry ``{"coverage": ..., "omit": true}`` drops the template's entry for the vendor
  (a vendor without vehicles needs no auto liability). Without it, an override could only add or
  tighten coverages, never remove one.
- ``name`` is never overridden: the vendor's checklist names the template it comes from.

No Django here: these functions work on plain dicts and are unit tested as such.
"""

from __future__ import annotations

import copy
from typing import Any

OMIT = "omit"


def coverage_key(entry: dict) -> tuple[str, str]:
    """What identifies a coverage entry: its coverage, and for ``other`` its description."""
    coverage = entry.get("coverage") or ""
    if coverage != "other":
        return (coverage, "")
    return (coverage, " ".join(str(entry.get("description") or "").split()).casefold())


def apply_overrides(data: dict, overrides: dict | None) -> dict:
    """The template ``data`` with ``overrides`` applied; neither argument is changed."""
    result = copy.deepcopy(data)
    if not overrides:
        return result
    for key, value in overrides.items():
        if key not in ("name", "coverages"):
            result[key] = copy.deepcopy(value)
    coverages = list(result.get("coverages") or [])
    for entry in overrides.get("coverages") or []:
        key = coverage_key(entry)
        index = next((i for i, e in enumerate(coverages) if coverage_key(e) == key), None)
        if entry.get(OMIT):
            if index is not None:
                del coverages[index]
        elif index is not None:
            coverages[index] = copy.deepcopy(entry)
        else:
            coverages.append(copy.deepcopy(entry))
    result["coverages"] = coverages
    return result


def compute_overrides(base: dict, edited: dict) -> dict:
    """The smallest override that turns ``base`` into ``edited`` (only the differences).

    ``apply_overrides(base, compute_overrides(base, edited))`` equals ``edited`` up to the order
    of coverages and of keys.
    """
    overrides: dict[str, Any] = {}
    for key in sorted((set(base) | set(edited)) - {"name", "coverages"}):
        if meaning(base.get(key)) != meaning(edited.get(key)):
            overrides[key] = copy.deepcopy(edited.get(key))
    base_entries = {coverage_key(e): e for e in base.get("coverages") or []}
    edited_entries = {coverage_key(e): e for e in edited.get("coverages") or []}
    changed = [
        copy.deepcopy(entry)
        for key, entry in edited_entries.items()
        if meaning(base_entries.get(key)) != meaning(entry)
    ]
    for key, entry in base_entries.items():
        if key not in edited_entries:
            omitted = {"coverage": entry.get("coverage"), OMIT: True}
            if entry.get("coverage") == "other":
                omitted["description"] = entry.get("description")
            changed.append(omitted)
    if changed:
        overrides["coverages"] = changed
    return overrides


def meaning(value: Any) -> Any:
    """``value`` with what the format treats as "not required" left out: ``false`` flags and
    ``null`` values (``{"occurrence_only": false}`` means the same as ``{}``)."""
    if isinstance(value, dict):
        return {k: meaning(v) for k, v in value.items() if v is not None and v is not False}
    if isinstance(value, list):
        return [meaning(v) for v in value]
    return value
