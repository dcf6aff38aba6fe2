""""Today" for an organization: compliance days are the organization's local calendar days.

Policies end at the start of their expiration date *in the organization's time zone* (the
certificate schema), so every evaluation's ``as_of`` is the local date, never the server's.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import timezone


def organization_zone(organization) -> ZoneInfo:
    """The organization's time zone; the site default if its name is unknown to this system."""
    try:
        return ZoneInfo(organization.time_zone or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def local_today(organization, *, now: dt.datetime | None = None) -> dt.date:
    """The organization's current local date (``now`` defaults to the current time)."""
    return (now or timezone.now()).astimezone(organization_zone(organization)).date()
