"""Business days and the send window, in the organization's time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from coitrack.chasing.schedule import Schedule


def is_sending_day(day: dt.date, schedule: Schedule) -> bool:
    """Whether messages may leave on ``day`` (Monday-Friday when business days only)."""
    return not schedule.business_days_only or day.weekday() < 5


def sending_day_on_or_after(day: dt.date, schedule: Schedule) -> dt.date:
    """``day`` itself when messages may leave that day, else the next such day."""
    while not is_sending_day(day, schedule):
        day += dt.timedelta(days=1)
    return day


def send_time(day: dt.date, zone: ZoneInfo, schedule: Schedule) -> dt.datetime:
    """The first moment messages may leave on or after local ``day`` (window start), aware."""
    day = sending_day_on_or_after(day, schedule)
    return dt.datetime.combine(day, schedule.window_start, tzinfo=zone)


def next_moment(now: dt.datetime, zone: ZoneInfo, schedule: Schedule) -> dt.datetime:
    """``now`` when it lies in the send window of a sending day, else the window's next start.

    ``now`` must be aware. The result is aware, in ``zone``.
    """
    local = now.astimezone(zone)
    if is_sending_day(local.date(), schedule) and (
            schedule.window_start <= local.time() < schedule.window_end):
        return local
    day = local.date() if local.time() < schedule.window_start else (
        local.date() + dt.timedelta(days=1))
    return send_time(day, zone, schedule)


def in_window(now: dt.datetime, zone: ZoneInfo, schedule: Schedule) -> bool:
    """Whether a message may leave at ``now``."""
    return next_moment(now, zone, schedule) == now.astimezone(zone)
