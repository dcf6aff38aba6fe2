"""The organization's carrier table: editing, CSV import and the engine's ``CarrierTable``.

Ratings are licensed data: coitrack ships none; organizations enter or import their own. Any
change re-evaluates every vendor (a rating can decide any certificate's insurer check).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from coitrack.audit.models import Action
from coitrack.audit.services import diff, record, snapshot
from coitrack.requirements.carrier_csv import CarrierRow, decode, read_rows
from coitrack.requirements.models import Carrier
from coitrack.requirements.services.reevaluate import reevaluate
from coitrack.rules import carriers as rules_carriers
from coitrack.rules.names import normalize_name

CARRIER_FIELDS = ["name", "naic", "am_best_rating", "financial_size", "admitted", "note"]


def carrier_table(organization) -> rules_carriers.CarrierTable:
    """The organization's carriers as the engine's table (lookup by NAIC, then by name)."""
    rows = Carrier.objects.filter(organization=organization).order_by("pk").values_list(
        "name", "naic", "am_best_rating", "financial_size"
    )
    return rules_carriers.CarrierTable(
        rules_carriers.Carrier(name=name, naic=naic, rating=rules_carriers.parse_rating(rating),
                               financial_size=rules_carriers.parse_size(size))
        for name, naic, rating, size in rows
    )


def _check_naic_free(organization, naic: str, *, exclude_pk: int | None = None) -> None:
    if not naic:
        return
    clash = Carrier.objects.filter(organization=organization, naic=naic)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if other := clash.first():
        raise ValidationError({"naic": f"NAIC {naic} is already {other.name}."})


@transaction.atomic
def create_carrier(*, organization, actor, name: str, naic: str = "", am_best_rating: str = "",
                   financial_size: str = "", admitted: bool | None = None,
                   note: str = "") -> Carrier:
    """Add a carrier; its NAIC code (when given) must not be in the table yet."""
    _check_naic_free(organization, naic)
    carrier = Carrier.objects.create(
        organization=organization, name=name.strip(), naic=naic,
        am_best_rating=am_best_rating, financial_size=financial_size, admitted=admitted,
        note=note.strip(),
    )
    record(organization=organization, actor=actor, action=Action.CREATE, obj=carrier,
           changes=diff({}, snapshot(carrier, CARRIER_FIELDS)))
    reevaluate(organization=organization, reason=f"carrier {carrier.name} added")
    return carrier


@transaction.atomic
def update_carrier(*, organization, actor, carrier: Carrier, **values) -> Carrier:
    """Change a carrier's ``name``, ``naic``, ``am_best_rating``, ``financial_size``,
    ``admitted``, ``note`` (any subset)."""
    carrier = Carrier.objects.select_for_update().get(pk=carrier.pk, organization=organization)
    unknown = set(values) - set(CARRIER_FIELDS)
    if unknown:
        raise TypeError(f"unknown carrier fields: {sorted(unknown)}")
    if "naic" in values:
        _check_naic_free(organization, values["naic"], exclude_pk=carrier.pk)
    before = snapshot(carrier, CARRIER_FIELDS)
    for name, value in values.items():
        setattr(carrier, name, value.strip() if isinstance(value, str) else value)
    changes = diff(before, snapshot(carrier, CARRIER_FIELDS))
    if not changes:
        return carrier
    carrier.save()
    record(organization=organization, actor=actor, action=Action.UPDATE, obj=carrier,
           changes=changes)
    reevaluate(organization=organization, reason=f"carrier {carrier.name} changed")
    return carrier


@transaction.atomic
def delete_carrier(*, organization, actor, carrier: Carrier) -> None:
    """Remove a carrier: its insurers become "not rated" for the engine."""
    carrier = Carrier.objects.get(pk=carrier.pk, organization=organization)
    record(organization=organization, actor=actor, action=Action.DELETE, obj=carrier,
           changes=diff(snapshot(carrier, CARRIER_FIELDS), {}) or {})
    carrier.delete()
    reevaluate(organization=organization, reason=f"carrier {carrier.name} removed")


@dataclass
class CarrierImport:
    """A previewed CSV: its text (re-posted to confirm), the rows and what each would do."""

    text: str
    rows: list[CarrierRow]

    @property
    def problem_rows(self) -> list[CarrierRow]:
        return [row for row in self.rows if row.problems]

    @property
    def ok(self) -> bool:
        return not self.problem_rows

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.problems)


def preview_carrier_import(*, organization, raw: bytes | None = None,
                           text: str | None = None) -> CarrierImport:
    """Read a CSV (bytes as uploaded, or text re-posted) and say what importing would do.

    Raises ``CarrierFileError`` when the file as a whole cannot be read. Changes nothing.
    Matching: a row updates the carrier with its NAIC code; else the carrier with its
    normalized name (when one of the two has no NAIC code, or both have the same); else it
    creates a carrier.
    """
    text = decode(raw) if raw is not None else (text or "")
    rows = read_rows(text)
    existing = list(Carrier.objects.filter(organization=organization))
    by_naic = {c.naic: c for c in existing if c.naic}
    by_name: dict[str, Carrier] = {}
    for c in existing:
        by_name.setdefault(c.name_key, c)
    claimed: dict[int, int] = {}
    for row in rows:
        match = by_naic.get(row.naic) if row.naic else None
        if match is None:
            named = by_name.get(row.name_key)
            if named is not None and (not row.naic or not named.naic):
                match = named
        if match is None:
            row.action = "create"
            continue
        if match.pk in claimed:
            row.problems.append(f"updates the same carrier as line {claimed[match.pk]}")
        claimed[match.pk] = row.line
        row.carrier_id = match.pk
        same = (match.name, match.naic, match.am_best_rating, match.financial_size,
                match.admitted) == (row.name, row.naic or match.naic, row.am_best_rating,
                                    row.financial_size, row.admitted)
        row.action = "unchanged" if same else "update"
    return CarrierImport(text=text, rows=rows)


@transaction.atomic
def import_carriers(*, organization, actor, text: str) -> CarrierImport:
    """Import the CSV text in one transaction: all rows, or (on any problem) none.

    The text is read and matched again here: what was previewed is never trusted.
    Raises ``ValidationError`` when a row has a problem.
    """
    result = preview_carrier_import(organization=organization, text=text)
    if not result.ok:
        first = result.problem_rows[0]
        raise ValidationError(
            f"{len(result.problem_rows)} row(s) have problems (line {first.line}: "
            f"{first.problems[0]}); nothing was imported."
        )
    current = Carrier.objects.select_for_update().filter(organization=organization)
    carriers = {c.pk: c for c in current}
    try:
        for row in result.rows:
            values = {"name": row.name, "naic": row.naic, "am_best_rating": row.am_best_rating,
                      "financial_size": row.financial_size, "admitted": row.admitted}
            if row.action == "create":
                carrier = Carrier.objects.create(organization=organization, **values)
                record(organization=organization, actor=actor, action=Action.CREATE,
                       obj=carrier, changes=diff({}, snapshot(carrier, CARRIER_FIELDS)),
                       note="Imported from CSV.")
            elif row.action == "update":
                carrier = carriers[row.carrier_id]
                if not values["naic"]:
                    values["naic"] = carrier.naic  # a row without a code keeps the known code
                before = snapshot(carrier, CARRIER_FIELDS)
                for name, value in values.items():
                    setattr(carrier, name, value)
                carrier.save()
                record(organization=organization, actor=actor, action=Action.UPDATE,
                       obj=carrier, changes=diff(before, snapshot(carrier, CARRIER_FIELDS)),
                       note="Updated from CSV.")
    except IntegrityError:
        # Two rows' codes crossing over existing ones (a swap) can still collide at save.
        raise ValidationError(
            "Two carriers would end up with the same NAIC code; nothing was imported."
        ) from None
    if result.count("create") or result.count("update"):
        reevaluate(organization=organization, reason="carrier table imported")
    return result


def carriers_matching(organization, query: str):
    """Carriers whose name, normalized name or NAIC code contains ``query``."""
    carriers = Carrier.objects.filter(organization=organization)
    query = query.strip()
    if query:
        carriers = carriers.filter(
            Q(name__icontains=query) | Q(naic__contains=query)
            | Q(name_key__contains=normalize_name(query) or query)
        )
    return carriers
