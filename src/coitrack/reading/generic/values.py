"""Values as non-ACORD certificates print them: dates with month names, policy periods, amounts
after a label, yes/no answers. Each parser returns None rather than a guess."""

from __future__ import annotations

import datetime as dt
import re

from coitrack.reading import normalize

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"[A-Za-z]{3,9}\.?"
_NUMERIC = r"\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}"
_MONTH_FIRST = rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
_DAY_FIRST = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
DATE_TOKEN = re.compile(rf"(?<![\w/])(?:{_MONTH_FIRST}|{_DAY_FIRST}|{_NUMERIC})(?![\w/])")


def iso_date(text: str) -> str | None:
    """A printed date as ISO: the ACORD formats (normalize.iso_date, month first) plus
    "January 5, 2026", "Jan. 5 2026" and "5 January 2026" (a month name is never ambiguous)."""
    raw = normalize.clean_text(text).rstrip(".,;")
    if parsed := normalize.iso_date(raw):
        return parsed
    match = re.fullmatch(
        r"(?P<m1>[A-Za-z]{3,9})\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})"
        r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>[A-Za-z]{3,9})\.?,?\s+(?P<y2>\d{4})",
        raw,
    )
    if not match:
        return None
    month = _MONTHS.get((match.group("m1") or match.group("m2")).lower())
    day, year = (
        int(match.group("d1") or match.group("d2")),
        int(match.group("y1") or match.group("y2")),
    )
    if month is None or not normalize.MIN_YEAR <= year <= normalize.MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def dates_in(text: str) -> list[tuple[str | None, str]]:
    """Every date-shaped piece of ``text``: (ISO date, or None when it does not parse; printed)."""
    return [(iso_date(m.group(0)), m.group(0)) for m in DATE_TOKEN.finditer(text)]


def leading_date(text: str) -> tuple[str, str] | None:
    """The date ``text`` starts with: (ISO, as printed), else None."""
    match = DATE_TOKEN.match(normalize.clean_text(text))
    if not match:
        return None
    parsed = iso_date(match.group(0))
    return (parsed, match.group(0)) if parsed else None


_LEADING_AMOUNT = re.compile(
    r"^(?:USD\s?)?\$?\s?\d[\d,.\u00a0' ]*(?:\s?(?:K|MM|M|MIL|MILLION|B|BILLION)\b)?", re.IGNORECASE
)


def leading_amount(text: str) -> tuple[int, str] | None:
    """The amount ``text`` starts with ("$1,000,000 each claim" -> 1000000), else None."""
    raw = normalize.clean_text(text)
    match = _LEADING_AMOUNT.match(raw)
    if not match:
        return None
    printed = match.group(0).strip().rstrip(".,")
    amount = normalize.parse_amount(printed)
    return (amount, printed) if amount is not None else None


_YES = re.compile(r"^(?:yes|y|x|included|applies|provided|blanket)\b", re.IGNORECASE)
_NO = re.compile(r"^(?:no|n|not included|none|excluded|not applicable|n/a)\b", re.IGNORECASE)


def yes_no(text: str) -> bool | None:
    """ "Yes", "Y", "Included - per written contract" -> True; "No", "N", "Not included" ->
    False; anything else -> None."""
    raw = normalize.clean_text(text).strip(" .:-")
    if _NO.match(raw):
        return False
    if _YES.match(raw):
        return True
    return None


_NAIC_IN = re.compile(r"\(?\s*NAIC\s*(?:#|No\.?|Number|Code)?\s*:?\s*(\d{5})\s*\)?", re.IGNORECASE)


_RATING = re.compile(r"\(?\s*(?:A\.?\s?M\.?\s?)?Best(?:'s)?\b[^)]*\)?|\(\s*A\+*-?\s*[IVX]+\s*\)")


def split_naic(text: str) -> tuple[str, str | None]:
    """An insurer's name with its NAIC code printed beside it: ("Zurich ...", "16535"). A
    rating printed with it ("(A.M. Best A+ XV)") is not part of the name."""
    text = _RATING.sub(" ", text)
    match = _NAIC_IN.search(text)
    if not match:
        return normalize.clean_text(text), None
    name = (text[: match.start()] + " " + text[match.end() :]).strip(" ,;-")
    return normalize.clean_text(name), match.group(1)
