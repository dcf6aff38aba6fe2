"""Rate limits of the vendor portal: fixed-window counters kept in the database.

Decision: the database, not Django's cache. The cache is per process here (no shared cache is
configured), and the portal is served by several threads and, when scaled out, several
processes; a counter row per key and window is shared by all of them, and one conditional
``UPDATE ... SET count = count + 1`` is atomic on SQLite and PostgreSQL alike.

Limits (per :data:`LIMITS`): every portal request counts against its client address (60 a
minute), and every upload also against its link (20 an hour). A request over a limit still
counts, so hammering keeps the window closed until it ends. Old rows are removed now and then
by whoever opens a new window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from coitrack.outreach.models import PortalRate


@dataclass(frozen=True, slots=True)
class Limit:
    """At most ``count`` hits per ``seconds``; ``what`` says it to a person."""

    count: int
    seconds: int
    what: str


LIMITS = {
    "addr": Limit(60, 60, "requests from your network in a minute"),
    "upload": Limit(20, 3600, "uploads through this link in an hour"),
}
KEEP = dt.timedelta(days=1)  # counters older than this are deleted


@dataclass(frozen=True, slots=True)
class Refusal:
    """A limit was reached: what limit, and after how many seconds to try again."""

    limit: Limit
    retry_after: int


def window_start(now: dt.datetime, seconds: int) -> dt.datetime:
    epoch = int(now.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % seconds, tz=dt.UTC)


def hit(kind: str, subject: str, *, now: dt.datetime | None = None) -> Refusal | None:
    """Count one hit of ``subject`` (an address, a link id) against the ``kind`` limit.

    Returns ``None`` when within the limit, else a :class:`Refusal`. Safe in any number of
    threads and processes at once (one atomic increment; the first hit of a window inserts,
    and a simultaneous first insert falls back to the increment).
    """
    limit = LIMITS[kind]
    now = now or timezone.now()
    start = window_start(now, limit.seconds)
    key = f"{kind}:{subject}"[:100]
    count = _increment(key, start)
    if count <= limit.count:
        return None
    retry = int((start + dt.timedelta(seconds=limit.seconds) - now).total_seconds()) + 1
    return Refusal(limit, max(retry, 1))


def _increment(key: str, start: dt.datetime) -> int:
    rows = PortalRate.objects.filter(key=key, window_start=start)
    if not rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                PortalRate.objects.create(key=key, window_start=start, count=1)
            _forget_old(start)
            return 1
        except IntegrityError:  # another process opened the same window first
            rows.update(count=F("count") + 1)
    return rows.values_list("count", flat=True).first() or 1


def _forget_old(start: dt.datetime) -> None:
    PortalRate.objects.filter(window_start__lt=start - KEEP).delete()


def client_address(request) -> str:
    """The client's address as the WSGI server saw it.

    ``X-Forwarded-For`` is not trusted: anyone can send it, and honouring it would let one
    client spread its hits over invented addresses. Behind a reverse proxy every client then
    shares the proxy's address; the per-address limit is generous enough for that to be rare,
    and the per-link limit still applies.
    """
    return (request.META.get("REMOTE_ADDR") or "unknown")[:60]
