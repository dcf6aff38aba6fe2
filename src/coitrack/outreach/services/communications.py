"""Reading a vendor's outreach for the screens: its log, its open request, delivery problems.

Read-only. Every function takes the vendor (already found within the user's organization) and
reads only rows of that vendor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from coitrack.chasing import calendar
from coitrack.compliance.services.clock import organization_zone
from coitrack.outreach.models import (
    CommunicationLog,
    MessageStatus,
    OutboxMessage,
    Request,
)

STATUS_CSS = {
    MessageStatus.SENT: "ok",
    MessageStatus.RETRYING: "warn",
    MessageStatus.REJECTED: "bad",
    MessageStatus.FAILED: "bad",
    MessageStatus.CANCELLED: "inactive",
}
PROBLEMS = (MessageStatus.REJECTED, MessageStatus.FAILED)
RECENT_MESSAGES = 50


def log_entries(vendor) -> QuerySet[CommunicationLog]:
    """The vendor's log, newest first, with each line's message."""
    return (CommunicationLog.objects.filter(organization_id=vendor.organization_id, vendor=vendor)
            .select_related("message"))


@dataclass(frozen=True)
class DeliveryProblem:
    address: str
    status: str
    status_label: str
    error: str
    at: dt.datetime
    message_id: int


def delivery_problems(vendor) -> list[DeliveryProblem]:
    """Addresses of the vendor whose latest message was refused for good or given up on
    (a later accepted message to the same address clears it)."""
    latest: dict[str, OutboxMessage] = {}
    for message in OutboxMessage.objects.filter(
            organization_id=vendor.organization_id, vendor=vendor).exclude(
            status__in=(MessageStatus.PENDING, MessageStatus.SENDING,
                        MessageStatus.CANCELLED))[:RECENT_MESSAGES]:
        for address in [*message.to, *message.cc]:
            latest.setdefault(address.lower(), message)
    return [DeliveryProblem(address=address, status=m.status,
                            status_label=m.get_status_display(), error=m.last_error,
                            at=m.created_at, message_id=m.pk)
            for address, m in sorted(latest.items()) if m.status in PROBLEMS]


def open_request(vendor) -> Request | None:
    return Request.objects.filter(organization_id=vendor.organization_id, vendor=vendor,
                                  closed_at__isnull=True).first()


def last_request(vendor) -> Request | None:
    return Request.objects.filter(organization_id=vendor.organization_id, vendor=vendor).first()


def when_sent(organization, schedule, *, now: dt.datetime | None = None) -> dt.datetime | None:
    """When a request made by hand now leaves: ``None`` for "at the next tick" (the send window
    is open), else the window's next start (local time)."""
    now = now or timezone.now()
    moment = calendar.next_moment(now, organization_zone(organization), schedule)
    return None if moment == now.astimezone(moment.tzinfo) else moment
