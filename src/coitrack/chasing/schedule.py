"""An organization's chasing parameters, with defaults and layered overrides.

A schedule is built from the built-in defaults, then the organization's own values, then the
values set for a requirement template, then for a vendor type (the most specific wins). Each layer
is a plain mapping holding only the keys it changes, so a later change of the organization's
value still reaches every template and vendor type that did not set it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any


class ScheduleError(ValueError):
    """A parameter is unknown or out of range; the message names it."""


@dataclass(frozen=True, slots=True)
class Schedule:
    """When requests go out. Days are calendar days; sending happens on the next allowed moment.

    - ``first_request_days``: the first request goes out this many days before a policy expires.
    - ``reminder_every_days`` / ``max_reminders``: unanswered, remind every K days, at most M
      times per round (a round starts with a request or a "what to fix" message).
    - ``escalate_after``: after this many unanswered messages the vendor's insurance agent gets
      its own message (naming the fixes in an agent's terms) with every later one, and the
      vendor's owner in the organization is told.
    - ``followup_every_days`` / ``max_followups``: once a policy has expired, a follow-up on the
      expiration day, then every F days, at most this many.
    - ``unresponsive_after_days``: no answer this many days after the first message: the vendor
      is marked unresponsive (once per request) and its owner told.
    - ``business_days_only``, ``window_start``, ``window_end``: messages leave Monday to Friday
      (when set) between these local times of the organization.
    - ``enabled``: off stops automatic requests (requests by hand still go out).
    """

    enabled: bool = True
    first_request_days: int = 30
    reminder_every_days: int = 7
    max_reminders: int = 3
    escalate_after: int = 3
    followup_every_days: int = 7
    max_followups: int = 4
    unresponsive_after_days: int = 45
    business_days_only: bool = True
    window_start: dt.time = dt.time(9, 0)
    window_end: dt.time = dt.time(17, 0)

    def as_mapping(self) -> dict[str, Any]:
        """The parameters as JSON values (times as ``"HH:MM"``)."""
        values = asdict(self)
        values["window_start"] = self.window_start.strftime("%H:%M")
        values["window_end"] = self.window_end.strftime("%H:%M")
        return values


DEFAULT = Schedule()
PARAMETERS: tuple[str, ...] = tuple(f.name for f in fields(Schedule))
_RANGES = {
    "first_request_days": (1, 365),
    "reminder_every_days": (1, 90),
    "max_reminders": (0, 20),
    "escalate_after": (1, 50),
    "followup_every_days": (1, 90),
    "max_followups": (0, 20),
    "unresponsive_after_days": (1, 365),
}
LABELS = {
    "enabled": "Send requests automatically",
    "first_request_days": "First request, days before expiry",
    "reminder_every_days": "Remind every (days)",
    "max_reminders": "Reminders at most",
    "escalate_after": "Copy the agent after (unanswered messages)",
    "followup_every_days": "After expiry, follow up every (days)",
    "max_followups": "Follow-ups after expiry at most",
    "unresponsive_after_days": "Unresponsive after (days without answer)",
    "business_days_only": "Business days only",
    "window_start": "Send from (local time)",
    "window_end": "Send until (local time)",
}


def clean_overrides(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check one layer of overrides; return it as JSON values. Raises :class:`ScheduleError`.

    Keys must be parameter names; numbers whole and within range; flags booleans; times
    ``"HH:MM"``. ``None`` values are dropped (= not overridden).
    """
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        if key not in PARAMETERS:
            raise ScheduleError(f"Unknown schedule parameter {key!r}.")
        if value is None or value == "":
            continue
        if key in _RANGES:
            low, high = _RANGES[key]
            if isinstance(value, bool) or not isinstance(value, int):
                raise ScheduleError(f"{LABELS[key]} must be a whole number.")
            if not low <= value <= high:
                raise ScheduleError(f"{LABELS[key]} must be between {low} and {high}.")
            cleaned[key] = value
        elif key in ("enabled", "business_days_only"):
            if not isinstance(value, bool):
                raise ScheduleError(f"{LABELS[key]} must be true or false.")
            cleaned[key] = value
        else:
            cleaned[key] = _time(key, value).strftime("%H:%M")
    return cleaned


def resolve(*layers: Mapping[str, Any] | None) -> Schedule:
    """The defaults with each layer applied in order (later layers win). Raises
    :class:`ScheduleError` for a bad layer, or when the send window ends before it starts."""
    schedule = DEFAULT
    for layer in layers:
        if not layer:
            continue
        cleaned = clean_overrides(layer)
        for key in ("window_start", "window_end"):
            if key in cleaned:
                cleaned[key] = _time(key, cleaned[key])
        schedule = replace(schedule, **cleaned)
    if schedule.window_end <= schedule.window_start:
        raise ScheduleError("The send window must end after it starts.")
    return schedule


def _time(key: str, value: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    try:
        hours, minutes = str(value).split(":")
        return dt.time(int(hours), int(minutes))
    except (ValueError, TypeError):
        raise ScheduleError(f"{LABELS[key]} must be a time such as 09:00.") from None
