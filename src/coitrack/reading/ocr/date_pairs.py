"""A policy's two dates read together: OCR splits the pair of date columns at the wrong place.

The effective and expiration dates stand side by side, one column rule apart; on a poor scan
the rule is read as a digit or a bar and the cut between the columns lands inside a date. The
two dates are one text to repair: a digit moved across the cut, a stray digit dropped where the
other date shows which, or the six digit groups of two slashless dates dealt out again
("01 18 2024|01" and "18 2025" are 01/18/2024 and 01/18/2025). Nothing is moved unless both
dates come out whole.
"""

from __future__ import annotations

import re

from coitrack.reading import normalize
from coitrack.reading.assemble import Slots
from coitrack.reading.ocr.correct import RULES, corrected, fixed_date
from coitrack.reading.ocr.terms import whole_months

MAX_RESPLIT_TERM = 36  # months: a pair dealt out again must make a plausible policy term
# A year glued to the next date's month ("202409"): only a year of this century or the last.
_YEAR_GLUED = re.compile(r"^((?:19|20)\d{2})(\d{1,2})$")


def repair_date_pairs(slots: Slots) -> list[str]:
    """Repair each policy's pair of dates in place (see the module's docstring); a note for
    each repair."""
    notes: list[str] = []
    for key in [k for k in slots if k.endswith(".effective_date")]:
        other = key.removesuffix(".effective_date") + ".expiration_date"
        start, end = slots[key], slots.get(other)
        if end is None or not start.text or not end.text:
            continue
        if fixed_date(start.text) and fixed_date(end.text):
            continue
        # the first repair that makes both dates whole, the least daring first
        _ = (
            _cut_at_rule(slots, key, other, notes)
            or _shift_one_digit(slots, key, other, notes)
            or _deal_again(slots, key, other, notes)
            or _drop_stray_digit(slots, key, other, notes)
        )
    return notes


_RULE = re.compile(f"[{re.escape(RULES)}]")


def _cut_at_rule(slots: Slots, key: str, other: str, notes: list[str]) -> bool:
    """The column rule read inside one of the dates ("9/18/2024|9" and "/18/2025"): the
    digits past it belong to the other date, or, when the other date is whole without them,
    are a stray stroke of it ("03/25/2025|0" and "3/25/2026"); only when the two dates then
    run a whole number of months, up to :data:`MAX_RESPLIT_TERM`."""
    start, end = slots[key], slots[other]
    splits = []
    rule = _RULE.search(start.text)
    if rule:
        head, tail = start.text[: rule.start()], start.text[rule.end() :]
        splits += [(head, tail + end.text), (head, end.text)]
    rule = _RULE.search(end.text)
    if rule:
        head, tail = end.text[: rule.start()], end.text[rule.end() :]
        splits += [(start.text + head, tail), (start.text, tail)]
    for first, second in splits:
        fixed_first, fixed_second = fixed_date(first), fixed_date(second)
        if not (fixed_first and fixed_second):
            continue
        if _plausible_term(fixed_first, fixed_second):
            why = "the column's rule was read inside a date"
            return _replace(slots, key, other, (fixed_first, fixed_second), why, notes)
    return False


def _shift_one_digit(slots: Slots, key: str, other: str, notes: list[str]) -> bool:
    """A digit of the expiration date read with the effective date ("1/20/20241" and
    "/20/2025") or the other way round ("04/28/202" and "604/28/2027"), moved back when that
    makes both dates whole."""
    start, end = slots[key], slots[other]
    moves = []
    if start.text[-1:].isdigit():
        moves.append((start.text[:-1], start.text[-1] + end.text))
    if end.text[:1].isdigit():
        moves.append((start.text + end.text[0], end.text[1:]))
    for first, second in moves:
        fixed_first, fixed_second = fixed_date(first), fixed_date(second)
        if fixed_first and fixed_second:
            why = "a digit belonged to the other date"
            return _replace(slots, key, other, (fixed_first, fixed_second), why, notes)
    return False


def _deal_again(slots: Slots, key: str, other: str, notes: list[str]) -> bool:
    """Two slashless dates cut in the wrong place ("01 18 2024|01" and "18 2025"): their
    digit groups, a year glued to the next month split off ("202409"), are exactly month,
    day, year twice, in two, two and four digits; dealt out again when both dates parse and
    run a plausible term."""
    start, end = slots[key], slots[other]
    groups: list[str] = []
    for group in re.findall(r"\d+", f"{start.text} {end.text}"):
        glued = _YEAR_GLUED.match(group) if len(group) > 4 else None
        groups += [glued[1], glued[2]] if glued else [group]
    # months and days of two digits each ("01 18 2024"): a lone digit may be half of one whose
    # other half the fax lost ("1 26 2024 1" for 11/26/2024), and both dates would agree on it
    if [len(g) for g in groups] != [2, 2, 4, 2, 2, 4]:
        return False
    first, second = "/".join(groups[:3]), "/".join(groups[3:])
    if (first, second) == (start.text, end.text) or not _plausible_term(first, second):
        return False
    why = f"the cut between the two dates was misplaced; read as {first!r} and {second!r}"
    return _replace(slots, key, other, (first, second), why, notes)


def _plausible_term(first: str, second: str) -> bool:
    """Whether two dates parse and run a whole number of months, up to
    :data:`MAX_RESPLIT_TERM`."""
    begins, ends = normalize.parse_date(first), normalize.parse_date(second)
    months = whole_months(begins, ends) if begins and ends else None
    return months is not None and 0 < months <= MAX_RESPLIT_TERM


def _replace(
    slots: Slots, key: str, other: str, dates: tuple[str, str], why: str, notes: list[str]
) -> bool:
    """Both dates of a policy set to ``dates``, with a note saying ``why``; True."""
    start, end = slots[key], slots[other]
    notes.append(f"OCR read {start.text!r} and {end.text!r} ({key}, {other}): {why}")
    slots[key] = corrected(start, dates[0])
    slots[other] = corrected(end, dates[1])
    return True


def _drop_stray_digit(slots: Slots, key: str, other: str, notes: list[str]) -> bool:
    """One of a policy's dates with a digit too many at either end ("404/14/2025": the column's
    rule read as a digit; "2026-05-152"), the other whole: the digit goes when that leaves a
    date on the other's month and day (a policy runs from a day to the same day later)."""
    pair = [(key, slots[key]), (other, slots[other])]
    for (bad_key, bad), (_, good) in (pair, pair[::-1]):
        witness = fixed_date(good.text)
        if fixed_date(bad.text) or not witness:
            continue
        witness_date = normalize.parse_date(witness)
        for shorter in (bad.text[1:], bad.text[:-1]):
            fixed = fixed_date(shorter) if bad.text and shorter != bad.text else None
            date = normalize.parse_date(fixed) if fixed else None
            if date and witness_date and (date.month, date.day) == (
                witness_date.month,
                witness_date.day,
            ):
                notes.append(
                    f"OCR read {bad.text!r} ({bad_key}): a digit too many, the policy's "
                    f"other date {good.text!r} shows which"
                )
                slots[bad_key] = corrected(bad, fixed)
                return True
    return False
