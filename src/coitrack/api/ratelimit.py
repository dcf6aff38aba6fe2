"""Per-token rate limit: fixed one-minute windows counted in the database.

Decision: the database, as the vendor portal does (``outreach/services/portal_rate.py``), not
Django's cache: no shared cache is configured (it would be per process), while a counter row per
token and minute is shared by every thread and process, and one ``UPDATE ... SET count =
count + 1`` is atomic on SQLite and PostgreSQL. A request over the limit still counts, so a
client that keeps hammering stays refused until the window ends. The limit is
``settings.API_RATE_PER_MINUTE`` (600 by default).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from coitrack.api.models import ApiRate

WINDOW_SECONDS = 60
DEFAULT_PER_MINUTE = 600
KEEP = dt.timedelta(hours=1)  # older counters are deleted when a new window opens


def per_minute() -> int:
    return int(getattr(settings, "API_RATE_PER_MINUTE", DEFAULT_PER_MINUTE))


def window_start(now: dt.datetime) -> dt.datetime:
    epoch = int(now.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % WINDOW_SECONDS, tz=dt.UTC)


def hit(token_id: int, *, now: dt.datetime | None = None) -> int | None:
    """Count one request of the token. None when within the limit, else the seconds to wait."""
    now = now or timezone.now()
    start = window_start(now)
    count = _increment(token_id, start)
    if count <= per_minute():
        return None
    retry = int((start + dt.timedelta(seconds=WINDOW_SECONDS) - now).total_seconds()) + 1
    return max(retry, 1)


def _increment(token_id: int, start: dt.datetime) -> int:
    rows = ApiRate.objects.filter(token_id=token_id, window_start=start)
    if not rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                ApiRate.objects.create(token_id=token_id, window_start=start, count=1)
            ApiRate.objects.filter(window_start__lt=start - KEEP).delete()
            return 1
        except IntegrityError:  # another request opened the same window first
            rows.update(count=F("count") + 1)
    return rows.values_list("count", flat=True).first() or 1
