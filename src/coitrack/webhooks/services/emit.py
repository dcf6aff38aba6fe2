"""Emitting an event: one delivery row per active endpoint that follows it, in the caller's
transaction (an outbox: a rolled-back change tells no receiver, a committed one cannot lose its
event), and the worker asked to deliver after commit.

The body every endpoint receives::

    {"id": "<event uuid>", "type": "certificate.accepted", "created": "2027-03-11T12:00:00Z",
     "organization": {"id": 1, "name": "Harbor Point Properties"}, "data": {...}}
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Sequence

from django.utils import timezone

from coitrack.webhooks import events
from coitrack.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint


def subscribed(organization, event: str) -> list[WebhookEndpoint]:
    """The organization's active endpoints that follow ``event`` (one query)."""
    return [e for e in WebhookEndpoint.objects.filter(organization=organization, active=True)
            if event in (e.events or [])]


def encode(envelope: dict) -> str:
    return json.dumps(envelope, separators=(",", ":"), ensure_ascii=False, default=str)


def envelope(organization, event: str, data: dict, *, event_id: uuid.UUID, now) -> dict:
    return {"id": str(event_id), "type": event,
            "created": now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "organization": {"id": organization.pk, "name": organization.name},
            "data": data}


def emit(organization, event: str, data: dict, *, now=None,
         endpoints: Sequence[WebhookEndpoint] | None = None) -> list[WebhookDelivery]:
    """Write one ``event`` with ``data`` for each endpoint following it (or for ``endpoints``
    given: the test button) and have them delivered after commit. Returns the rows written
    (none, and no query beyond one, when no endpoint follows it)."""
    return emit_many(organization, event, [data], now=now, endpoints=endpoints)


def emit_many(organization, event: str, found: Iterable[dict], *, now=None,
              endpoints: Sequence[WebhookEndpoint] | None = None) -> list[WebhookDelivery]:
    """:func:`emit` for many events of one kind at once (a bulk insert)."""
    if event not in events.EVENTS and event != events.TEST:
        raise KeyError(f"unknown webhook event {event!r}")
    targets = list(endpoints) if endpoints is not None else subscribed(organization, event)
    if not targets:
        return []
    now = now or timezone.now()
    rows = []
    for data in found:
        event_id = uuid.uuid4()
        body = encode(envelope(organization, event, data, event_id=event_id, now=now))
        rows.extend(WebhookDelivery(
            organization=organization, endpoint=endpoint, event=event, event_id=event_id,
            body=body, status=DeliveryStatus.PENDING, next_attempt_at=now)
            for endpoint in targets)
    if rows:
        WebhookDelivery.objects.bulk_create(rows, batch_size=500)
        kick()
    return rows


def kick() -> None:
    """Ask a worker to deliver what is due once the current transaction commits."""
    from coitrack.webhooks.tasks import deliver_webhooks

    deliver_webhooks.enqueue()
