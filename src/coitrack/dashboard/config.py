"""A widget's settings: the fields each kind declares, and checking what a form sent (pure).

A widget's ``config`` is a small JSON object. Each kind lists its :class:`Field` s; :func:`clean`
turns what a form sent into that object or into messages per field (and then nothing is saved).
Fields that name organization data (a vendor type, a project, an owner) get their allowed values
from the caller, so this module needs no database and the same check runs again when a stored
widget is drawn: a vendor type deleted since then falls back to "any" with a note, instead of
counting nothing while the link shows everything.

Stored values: ``int`` fields are ints; ``ref`` fields are the chosen value as a string
(``""`` is "any"); ``choice`` fields are one of their values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

INT = "int"
CHOICE = "choice"
REF = "ref"  # organization data: allowed values come from the caller (``refs``)


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str
    default: object
    minimum: int = 0
    maximum: int = 0
    choices: tuple[tuple[str, str], ...] = ()  # CHOICE fields
    ref: str = ""  # REF fields: "vendor_type", "project" or "owner"
    help: str = ""
    shown: bool = True  # named in the widget's subtitle when set


@dataclass
class Cleaned:
    values: dict
    errors: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # lenient cleaning: what fell back, and why

    @property
    def ok(self) -> bool:
        return not self.errors


def defaults(fields: tuple[Field, ...]) -> dict:
    return {f.name: f.default for f in fields}


def _int(f: Field, raw: object) -> tuple[int | None, str]:
    text = str(raw).strip() if raw is not None else ""
    try:
        number = int(text)
    except ValueError:
        return None, f"{f.label} must be a whole number."
    if not f.minimum <= number <= f.maximum:
        return None, f"{f.label} must be between {f.minimum} and {f.maximum}."
    return number, ""


def clean(fields: tuple[Field, ...], raw: Mapping[str, object],
          refs: Mapping[str, Mapping[str, str]], *, lenient: bool = False) -> Cleaned:
    """Check ``raw`` against ``fields``.

    ``refs`` maps a REF field's ``ref`` to its allowed values (value -> label; ``""`` is always
    allowed). Strict (a form): a missing or bad value is an error and ``values`` must not be
    saved. Lenient (drawing a stored widget): a missing or bad value becomes the default and a
    note says so; keys no field declares are dropped either way.
    """
    values: dict = {}
    errors: dict[str, str] = {}
    notes: list[str] = []
    for f in fields:
        given = raw.get(f.name)
        if given is None:
            if not lenient and f.kind == INT:
                errors[f.name] = f"{f.label} is required."
            values[f.name] = f.default
            continue
        if f.kind == INT:
            value, error = _int(f, given)
        elif f.kind == CHOICE:
            value = str(given)
            allowed = {v for v, _ in f.choices}
            error = "" if value in allowed else f"Choose one of the offered {f.label.lower()}s."
        else:
            value = "" if given in (None, "") else str(given)
            allowed = refs.get(f.ref, {})
            error = ("" if value == "" or value in allowed
                     else f"That {f.label.lower()} is not one of this organization's.")
        if error:
            if lenient:
                notes.append(f"The {f.label.lower()} chosen earlier is no longer available; "
                             f"showing the default.")
                values[f.name] = f.default
            else:
                errors[f.name] = error
                values[f.name] = f.default
        else:
            values[f.name] = value
    return Cleaned(values=values, errors=errors, notes=notes)


def describe(fields: tuple[Field, ...], values: dict,
             refs: Mapping[str, Mapping[str, str]]) -> str:
    """The settings in words for the widget's subtitle: ``Days ahead: 30 · Vendor type: Roofing``
    (REF fields only when one is chosen)."""
    parts = []
    for f in fields:
        value = values.get(f.name, f.default)
        if not f.shown:
            continue
        if f.kind == REF:
            if value:
                parts.append(f"{f.label}: {refs.get(f.ref, {}).get(str(value), value)}")
        elif f.kind == CHOICE:
            parts.append(dict(f.choices).get(value, str(value)))
        else:
            parts.append(f"{f.label}: {value}")
    return " · ".join(parts)
