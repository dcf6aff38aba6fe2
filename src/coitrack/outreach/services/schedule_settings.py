"""Saving and removing the layers of chasing parameters (Settings > Outreach).

A layer keeps only the keys it sets (``coitrack.chasing.schedule.clean_overrides``). A layer is
refused when, combined with the layers it sits on, it gives an impossible schedule (a send window
that ends before it starts); a new organization layer is also checked against every template and
vendor-type layer on top of it, so no saved combination is skipped later by the tick. Each change
is audited in its transaction; saving a template or vendor-type layer with nothing set removes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from coitrack.audit.models import Action
from coitrack.audit.services import diff, record
from coitrack.chasing.schedule import ScheduleError, clean_overrides, resolve
from coitrack.outreach.models import ScheduleSettings


def layer_of(organization, *, template=None, vendor_type=None) -> ScheduleSettings | None:
    """The stored layer of this scope (the organization's when neither is given), if any."""
    return ScheduleSettings.objects.filter(
        organization=organization, template=template, vendor_type=vendor_type).first()


def organization_layer(organization) -> dict[str, Any]:
    row = layer_of(organization)
    return dict(row.parameters) if row else {}


def check_layer(organization, values: Mapping[str, Any], *, template=None,
                vendor_type=None) -> dict[str, Any]:
    """``values`` cleaned, or :class:`ScheduleError` saying why the layer cannot be saved."""
    cleaned = clean_overrides(values)
    if template is None and vendor_type is None:
        resolve(cleaned)
        others = ScheduleSettings.objects.filter(organization=organization).exclude(
            template__isnull=True, vendor_type__isnull=True).select_related(
            "template", "vendor_type")
        for other in others:
            try:
                resolve(cleaned, other.parameters)
            except ScheduleError as error:
                scope = (f"requirement template {other.template}" if other.template_id
                         else f"vendor type {other.vendor_type}")
                raise ScheduleError(f"With these values the overrides of {scope} would not "
                                    f"work: {error}") from None
    else:
        resolve(organization_layer(organization), cleaned)
    return cleaned


def save_layer(organization, *, actor, values: Mapping[str, Any], template=None,
               vendor_type=None) -> ScheduleSettings | None:
    """Store one layer (only the keys set). Returns the row, or ``None`` when a template or
    vendor-type layer ended up empty and was removed. Raises :class:`ScheduleError` (nothing
    saved) for a bad value or combination."""
    _check_scope(organization, template, vendor_type)
    with transaction.atomic():
        cleaned = check_layer(organization, values, template=template, vendor_type=vendor_type)
        row = (ScheduleSettings.objects.select_for_update()
               .filter(organization=organization, template=template, vendor_type=vendor_type)
               .first())
        scoped = template is not None or vendor_type is not None
        if scoped and not cleaned:
            if row is not None:
                _remove(row, actor)
            return None
        before = dict(row.parameters) if row else {}
        if row is None:
            row = ScheduleSettings.objects.create(
                organization=organization, template=template, vendor_type=vendor_type,
                parameters=cleaned)
            action = Action.CREATE
        else:
            if before == cleaned:
                return row
            row.parameters = cleaned
            row.save(update_fields=["parameters", "updated_at"])
            action = Action.UPDATE
        record(organization=organization, actor=actor, action=action, obj=row,
               changes=_changes(before, cleaned))
        return row


def remove_layer(organization, *, actor, template=None, vendor_type=None) -> bool:
    """Remove a template's or vendor type's overrides; returns whether there were any."""
    _check_scope(organization, template, vendor_type)
    if template is None and vendor_type is None:
        raise ScheduleError("The organization's schedule cannot be removed, only changed.")
    with transaction.atomic():
        row = (ScheduleSettings.objects.select_for_update()
               .filter(organization=organization, template=template, vendor_type=vendor_type)
               .first())
        if row is None:
            return False
        _remove(row, actor)
        return True


def _remove(row: ScheduleSettings, actor) -> None:
    record(organization=row.organization, actor=actor, action=Action.DELETE, obj=row,
           changes=_changes(row.parameters, {}))
    row.delete()


def _changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    keys = [*after, *(k for k in before if k not in after)]
    return diff({k: before.get(k) for k in keys}, {k: after.get(k) for k in keys})


def _check_scope(organization, template, vendor_type) -> None:
    # Views look these up within the organization; this guards other callers too.
    if template is not None and vendor_type is not None:
        raise ValueError("a layer has one scope: a template or a vendor type")
    for scope in (template, vendor_type):
        if scope is not None and scope.organization_id != organization.pk:
            raise ValueError("that scope belongs to another organization")
