"""Policy terms: how long a policy runs, and a date that makes an unusual term suspect."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from coitrack.reading.normalize import parse_date
from coitrack.reading.ocr.words import DOUBTED
from coitrack.reading.result import CONFIDENCE_THRESHOLD

if TYPE_CHECKING:
    from coitrack.reading.assemble import Slots


# Policy terms in months that need no second look; "12/04/25 to 02/04/26" (two months) is
# more likely "12/04/26" with a "1" read as "0".
USUAL_TERMS = frozenset({1, 3, 6, 12, 18, 24, 36})


def doubt_unusual_terms(slots: Slots) -> list[str]:
    """A policy whose term is not a usual one (:data:`USUAL_TERMS`) although one digit of one
    of its dates would make it so ("02/05/2026" to "12/05/2027", "04/14/2024" to
    "04/11/2025"), after every second reading: that date is left for review, in place (both,
    when either digit would do). When no single digit would but the term is within
    :data:`NEAR_DAYS` of a usual one, both dates are left for review (a scan's "02/23" read
    "02/02" gives a year and 21 days), as they are when the policy would end before it starts
    or run longer than :data:`LONGEST_TERM` months; a term far from any usual one (seven and a
    half months) is taken as printed. Returns a note per date doubted."""
    notes = []
    for key in [k for k in slots if k.endswith(".effective_date")]:
        other = key.removesuffix(".effective_date") + ".expiration_date"
        if other not in slots or not slots[key].text or not slots[other].text:
            continue
        start, end = parse_date(slots[key].text), parse_date(slots[other].text)
        if start is None or end is None or whole_months(start, end) in USUAL_TERMS:
            continue
        culprits = []
        if any(whole_months(d, end) in USUAL_TERMS for d in _one_digit_away(slots[key].text)):
            culprits.append(key)
        if any(whole_months(start, d) in USUAL_TERMS for d in _one_digit_away(slots[other].text)):
            culprits.append(other)
        why = "and one digit of {} ({}) would make it one"
        if not culprits and (_near_usual(start, end) or not _possible(start, end)):
            culprits, why = [key, other], "{} ({}) left for review with the other date"
        for culprit in culprits:
            slot = slots[culprit]
            if slot.evidence is None or slot.evidence.confidence < CONFIDENCE_THRESHOLD:
                continue
            slots[culprit] = replace(slot, evidence=replace(slot.evidence, confidence=DOUBTED))
            notes.append(
                f"OCR read {slots[key].text!r} to {slots[other].text!r}: not a usual policy "
                f"term, {why.format(repr(slot.text), culprit)}: left for review"
            )
    return notes


NEAR_DAYS = 31
LONGEST_TERM = 36  # months: no policy on an ACORD 25 runs longer


def _possible(start: dt.date, end: dt.date) -> bool:
    """Whether a policy may run from ``start`` to ``end``: after it, and not beyond
    :data:`LONGEST_TERM` months and :data:`NEAR_DAYS` ("11/18/2021" to "01/18/2026" on a fax
    is two misread digits)."""
    return start < end and (end - _months_after(start, LONGEST_TERM)).days <= NEAR_DAYS


def _near_usual(start: dt.date, end: dt.date) -> bool:
    """Whether ``end`` is within :data:`NEAR_DAYS` of a usual term's end after ``start``."""
    return any(
        abs((end - _months_after(start, months)).days) <= NEAR_DAYS for months in USUAL_TERMS
    )


def _months_after(start: dt.date, months: int) -> dt.date:
    """The day ``months`` whole months after ``start`` (the 31st runs to a shorter month's last
    day)."""
    year, month = divmod(start.month - 1 + months, 12)
    day = min(start.day, calendar.monthrange(start.year + year, month + 1)[1])
    return dt.date(start.year + year, month + 1, day)


def _one_digit_away(text: str):
    """The dates that ``text`` reads as with one digit changed."""
    for index, char in enumerate(text):
        if not char.isdigit():
            continue
        for digit in "0123456789":
            if digit != char:
                date = parse_date(text[:index] + digit + text[index + 1 :])
                if date is not None:
                    yield date


def whole_months(start: dt.date, end: dt.date) -> int | None:
    """How many whole months ``end`` is after ``start`` (the 31st runs to the last day of a
    shorter month; a term starting on the last day of a month ends on one); None when the
    term is not a whole number of months or not after the start."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months <= 0:
        return None
    last_of_end = calendar.monthrange(end.year, end.month)[1]
    last_of_start = calendar.monthrange(start.year, start.month)[1]
    if start.day == last_of_start and end.day == last_of_end:
        return months
    return months if end.day == min(start.day, last_of_end) else None


