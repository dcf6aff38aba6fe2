"""Renewal requests to vendors."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema

RequestStatus = Literal["open", "answered", "closed"]


class MissingItem(Schema):
    code: str | None = None
    label: str | None = None
    text: str | None = None


class RequestOut(Schema):
    id: int
    vendor_id: int
    reason: Literal["expiring", "expired", "deficient", "manual"]
    status: RequestStatus
    close_reason: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    expiration: dt.date | None
    messages_sent: int
    unanswered: int
    answered_at: dt.datetime | None
    escalated_at: dt.datetime | None
    unresponsive_at: dt.datetime | None
    next_action_at: dt.datetime | None
    missing: list[MissingItem]


class RequestPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[RequestOut]
