"""Publishing an event: who is told (by their choices), one row each, then the transports.

    publish(kind, organization, vendor=..., title=..., body=..., url=...)
      -> members of the organization with their choice for the kind (recipients.members)
      -> events.concerns: channel not off, and the vendor is theirs or they follow all vendors
      -> one Notification per member (digest rows are born read: no bell)
      -> transports of each row's channel (transports.BY_CHANNEL), each recording a Delivery

Everything is written in the caller's transaction: a rolled-back change tells nobody, and an
e-mail is an outbox row, sent after commit by the worker (with its retries).

:func:`publish_many` is the bulk form for events that come by the thousand (a nightly
evaluation turning many vendors non-compliant): each member gets *one* notification per call,
the event itself when only one concerns them, else ``summary(events)``; the work is a fixed
number of queries plus one row (and at most one e-mail) per member.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from coitrack.notifications import events
from coitrack.notifications.models import Notification
from coitrack.notifications.services.recipients import members
from coitrack.notifications.services.transports import BY_CHANNEL, TRANSPORTS


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happened. ``owner_id``: the owner of ``vendor_id`` (scope "mine")."""

    title: str
    body: str = ""
    url: str = ""
    vendor_id: int | None = None
    owner_id: int | None = None


def publish(kind: str, organization, *, vendor=None, title: str, body: str = "",
            url: str = "") -> list[Notification]:
    """Tell the members concerned by one ``kind`` event (about ``vendor``, if any).

    Returns the rows written (none when nobody chose to hear about it). ``kind`` must be
    registered in ``events.KINDS``.
    """
    event = Event(title=title, body=body, url=url,
                  vendor_id=vendor.pk if vendor is not None else None,
                  owner_id=vendor.owner_id if vendor is not None else None)
    return publish_many(kind, organization, [event], summary=lambda found: found[0])


def publish_many(kind: str, organization, found: Sequence[Event], *,
                 summary: Callable[[list[Event]], Event]) -> list[Notification]:
    """Tell each concerned member once about ``found``: the event itself when exactly one
    concerns them, else ``summary`` of those that do (see the module docstring)."""
    event_kind = events.kind(kind)
    if not found:
        return []
    now = timezone.now()
    rows: list[Notification] = []
    addresses: dict[int, str] = {}
    for member in members(organization, event_kind):
        if member.choice.is_off:
            continue
        mine = [e for e in found if events.concerns(
            event_kind, member.choice, role=member.role, owns=e.owner_id == member.user_id)]
        if not mine:
            continue
        told = mine[0] if len(mine) == 1 else summary(mine)
        addresses[member.user_id] = member.email
        rows.append(Notification(
            organization=organization, user_id=member.user_id, kind=kind,
            channel=member.choice.channel, vendor_id=told.vendor_id, title=told.title[:200],
            body=told.body, url=told.url[:500],
            read_at=now if member.choice.channel == events.DIGEST else None))
    if not rows:
        return []
    with transaction.atomic():
        Notification.objects.bulk_create(rows)
        by_transport: dict[str, list[Notification]] = defaultdict(list)
        for row in rows:
            for key in BY_CHANNEL[row.channel]:
                by_transport[key].append(row)
        for key, handled in by_transport.items():
            TRANSPORTS[key].deliver(handled, addresses)
    return rows
