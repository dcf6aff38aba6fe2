"""Writing audit events. Services call :func:`record` inside the transaction of the change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from coitrack.audit.models import Action, Event


def plain(value: Any) -> Any:
    """A JSON-safe, human-readable form of a field value."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.QuerySet):
        return sorted(str(item) for item in value)
    if isinstance(value, (list, tuple, set)):
        return [plain(item) for item in value]
    return value


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The current values of ``fields`` on ``instance``, ready for :func:`diff`."""
    return {name: plain(getattr(instance, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for every field whose value changed."""
    return {
        name: [before.get(name), after.get(name)]
        for name in after
        if before.get(name) != after.get(name)
    }


def actor_fields(actor) -> dict[str, Any]:
    """``actor`` is a user, or a string naming a non-user actor ("system", "vendor portal")."""
    if actor is None or isinstance(actor, str):
        return {"actor": None, "actor_label": actor or "system"}
    label = actor.get_full_name() or actor.get_username()
    return {"actor": actor, "actor_label": label}


def record(
    *,
    organization,
    actor,
    action: Action | str,
    obj: models.Model,
    changes: dict[str, list[Any]] | None = None,
    note: str = "",
    vendor_id: int | None = None,
    certificate_id: int | None = None,
) -> Event:
    """Append one event describing ``action`` on ``obj``."""
    return Event.objects.create(
        organization=organization,
        action=action,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        changes=changes or {},
        note=note,
        vendor_id=vendor_id,
        certificate_id=certificate_id,
        **actor_fields(actor),
    )


def events_for_vendor(organization, vendor_id: int):
    return Event.objects.filter(organization=organization, vendor_id=vendor_id).select_related(
        "actor"
    )


def events_for_certificate(organization, certificate_id: int):
    return Event.objects.filter(
        organization=organization, certificate_id=certificate_id
    ).select_related("actor")
