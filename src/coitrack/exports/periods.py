"""When a scheduled report is due (no Django): the latest due moment at or before a local time.

Business days are Monday to Friday (public holidays are not known here). ``monthly``: the
first business day of each month; ``weekly``: the chosen weekday; ``daily``: each business day;
always at ``hour`` local time.
"""

from __future__ import annotations

import datetime as dt

MONTHLY, WEEKLY, DAILY = "monthly", "weekly", "daily"


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5


def first_business_day(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 1)
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    return day


def _previous_month(day: dt.date) -> tuple[int, int]:
    return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)


def due_day(frequency: str, local_now: dt.datetime, *, hour: int, weekday: int = 0) -> dt.date:
    """The local date of the latest due moment at or before ``local_now`` (a naive or aware
    local time): that date at ``hour`` has passed."""
    today = local_now.date()
    passed = local_now.time() >= dt.time(hour)
    if frequency == MONTHLY:
        day = first_business_day(today.year, today.month)
        if day > today or (day == today and not passed):
            day = first_business_day(*_previous_month(today))
        return day
    if frequency == WEEKLY:
        day = today - dt.timedelta(days=(today.weekday() - weekday) % 7)
        if day == today and not passed:
            day -= dt.timedelta(days=7)
        return day
    if frequency == DAILY:
        day = today if passed else today - dt.timedelta(days=1)
        while not is_business_day(day):
            day -= dt.timedelta(days=1)
        return day
    raise ValueError(f"unknown frequency {frequency!r}")
