"""Turn what a certificate prints into the values of the certificate schema.

Every parser takes any string and returns either a clean value or ``None``: it never raises and
never guesses. ``None`` means "not printed, or printed in a way we cannot read with certainty";
the readers turn that into a null value plus a warning.
"""

from __future__ import annotations

import datetime as dt
import re

from coitrack.schema import join_address

# US certificates print MM/DD/YYYY. A two-digit year is read in a 100-year window that covers
# certificates (policy terms run a few years ahead, certificates are rarely older than decades).
TWO_DIGIT_YEAR_PIVOT = 70  # "69" -> 2069, "70" -> 1970
MIN_YEAR, MAX_YEAR = 1950, 2099

_SPACES = re.compile(r"\s+")
_SLASH_DATE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?\S*)?$")
_COMPACT_DATE = re.compile(r"^(\d{2})(\d{2})(\d{4})$")  # 01152026, as some systems print


def clean_text(value: object) -> str:
    """Collapse runs of whitespace (line breaks included) to single spaces and strip the ends."""
    if value is None:
        return ""
    text = str(value).replace("\x00", "")
    return _SPACES.sub(" ", text).strip()


def parse_date(text: object) -> dt.date | None:
    """Read a printed date: ``MM/DD/YYYY``, ``M/D/YY``, ``MM-DD-YYYY``, ISO ``YYYY-MM-DD``.

    Month comes first in slash dates (the ACORD convention); a day/month order is never guessed,
    so ``25/12/2026`` is ``None`` rather than a silent swap.
    """
    raw = clean_text(text)
    if not raw or len(raw) > 40:
        return None
    if match := _ISO_DATE.match(raw):
        year, month, day = (int(g) for g in match.groups())
    elif match := _SLASH_DATE.match(raw):
        month, day = int(match.group(1)), int(match.group(2))
        year = _full_year(match.group(3))
    elif match := _COMPACT_DATE.match(raw):
        month, day, year = (int(g) for g in match.groups())
    else:
        return None
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _full_year(digits: str) -> int:
    year = int(digits)
    if len(digits) == 4:
        return year
    return 2000 + year if year < TWO_DIGIT_YEAR_PIVOT else 1900 + year


def iso_date(text: object) -> str | None:
    parsed = parse_date(text)
    return parsed.isoformat() if parsed else None


_MULTIPLIERS = {
    "": 1,
    "K": 1_000,
    "M": 1_000_000,
    "MM": 1_000_000,
    "MIL": 1_000_000,
    "MILLION": 1_000_000,
    "B": 1_000_000_000,
    "BILLION": 1_000_000_000,
}
_SEP = r"[,\u00a0\u2009\u202f' ]"  # thousands separators seen on certificates
_SUFFIX = r"(?:K|MM|M|MIL|MILLION|B|BILLION)"
_AMOUNT = re.compile(rf"^(?P<number>\d(?:\d|{_SEP})*(?:\.\d+)?|\.\d+)(?P<suffix>{_SUFFIX})?$")
_THOUSANDS = re.compile(rf"^\d{{1,3}}(?:{_SEP}\d{{3}})+(?:\.\d+)?$")
_DOT_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")  # 1.000.000 (never 1.000: ambiguous)
MAX_AMOUNT = 10**12  # no liability limit is a trillion dollars; larger means misread digits
# No certificate limit is smaller: a limit read under this lost its digit groups ("2" read in
# "2:000.000"). parse_amount still parses it; the readers decide.
MIN_LIMIT = 1_000


def parse_amount(text: object) -> int | None:
    """Read a limit in whole dollars.

    Accepts ``$1,000,000``, ``1,000,000.00``, ``1 000 000``, ``1M``, ``1MM``, ``$1,000K``,
    ``1.5M``, ``$2 Million``, ``1.000.000``. Cents other than ``.00`` and misplaced separators
    (``1,00,000``) give ``None``: a limit is never rounded or reinterpreted.
    """
    raw = clean_text(text).upper()
    if not raw or len(raw) > 40:
        return None
    raw = re.sub(r"^(?:USD|US\$)\s*", "", raw)
    raw = re.sub(r"\s*USD$", "", raw)
    raw = re.sub(r"^\$\s*", "", raw)
    raw = re.sub(rf"\s*({_SUFFIX})$", r"\1", raw)
    if _DOT_THOUSANDS.match(raw):
        raw = raw.replace(".", "")
    match = _AMOUNT.match(raw)
    if not match:
        return None
    number, suffix = match.group("number").strip(), match.group("suffix") or ""
    digits_only = re.sub(_SEP, "", number)
    if digits_only != number and not _THOUSANDS.match(number):
        return None  # separators in the wrong places: 1,00,000 or 10,00
    whole, _, fraction = digits_only.partition(".")
    if len(whole) > 13 or len(fraction) > (6 if suffix else 2):
        return None  # "1.000" is a European thousand or a typo, never one dollar
    scale = 10 ** len(fraction)
    scaled = (int(whole or "0") * scale + int(fraction or "0")) * _MULTIPLIERS[suffix]
    if scaled % scale:
        return None  # 1,000,000.50 or 1.2345K: not whole dollars
    amount = scaled // scale
    if amount <= 0 or amount > MAX_AMOUNT:
        return None
    return amount


AMOUNT_TOKEN = re.compile(
    rf"(?:USD\s?)?\$?\s?\d(?:[\d.]|{_SEP}(?=\d))*(?:\s?{_SUFFIX}\b)?", re.IGNORECASE
)


def find_amount(text: object) -> int | None:
    """The one amount in a longer text (``$1,000,000 Each Claim``); ``None`` if zero or several."""
    raw = clean_text(text)
    found = {parse_amount(m.group(0).rstrip(".")) for m in AMOUNT_TOKEN.finditer(raw)}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


_MARKED = {"Y", "YES", "X", "✓", "✔", "☑", "☒", "✗", "✘", "/1", "1", "ON", "TRUE", "/ON", "/YES"}
_UNMARKED = {"", "N", "NO", "/OFF", "OFF", "0", "FALSE", "N/A", "NA", "☐"}


def parse_mark(value: object) -> bool | None:
    """Read a check mark: ``Y``/``X``/a ticked box -> True; ``N``/empty/unticked -> False.

    Anything else (``?``, ``maybe``) is ``None``: it is not a mark we can vouch for.
    """
    text = clean_text(value).upper().rstrip(".")
    if text in _MARKED:
        return True
    if text in _UNMARKED:
        return False
    return None


def parse_yes_no(value: object) -> bool | None:
    """``Y``/``YES`` -> True, ``N``/``NO`` -> False, anything else (``N/A``, empty) -> None."""
    text = clean_text(value).upper().rstrip(".")
    if text in {"Y", "YES", "X"}:
        return True
    if text in {"N", "NO"}:
        return False
    return None


def parse_naic(value: object) -> str | None:
    """A NAIC company code is five digits; anything else (``N/A``, ``1234``) is not one."""
    text = clean_text(value).replace(" ", "")
    return text if re.fullmatch(r"\d{5}", text) else None


def parse_letter(value: object) -> str | None:
    text = clean_text(value).upper()
    return text if text in {"A", "B", "C", "D", "E", "F"} else None


_EDITION = re.compile(
    r"ACORD\s*0*25\s*(?:\(\s*(\d{4})\s*/\s*(\d{2})\s*\)|(\d{4})-(\d{2}))", re.IGNORECASE
)


def parse_edition(text: object) -> str | None:
    """``ACORD 25 (2016/03)`` (footer) or ``ACORD 0025 2016-03`` (form id) -> ``2016/03``."""
    text = clean_text(text)
    if re.fullmatch(r"\d{4}/\d{2}", text):
        text = f"ACORD 25 ({text})"
    match = _EDITION.search(text)
    if not match:
        return None
    year, month = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    if not (1990 <= int(year) <= 2099 and 1 <= int(month) <= 12):
        return None
    return f"{year}/{month}"


_CITY_STATE_ZIP = re.compile(
    r"^(?P<city>.*?)[,\s]+(?P<state>[A-Za-z]{2})\.?[,\s]*(?P<zip>\d{5}(?:[-\s]?\d{4})?)$"
)
US_STATES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "DC",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "PR",
        "VI",
        "GU",
        "AS",
        "MP",
    ]
)
_ZIP = re.compile(r"^\d{5}(?:-\d{4})?$")
_GLUED_STATE_ZIP = re.compile(r"^([A-Za-z]{2})(\d{5}(?:-\d{4})?)$")


def _tokens(line: str) -> list[str]:
    tokens: list[str] = []
    for token in line.replace(",", " ").split():
        glued = _GLUED_STATE_ZIP.match(token)
        token = token.rstrip(".")
        if re.fullmatch(r"[A-Za-z]\.[A-Za-z]", token):  # N.C.
            token = token.replace(".", "")
        tokens.extend(glued.groups() if glued else [token])
    return tokens


def _split_city(lines: list[str]) -> tuple[list[str], str] | None:
    """Street lines and ``CITY, ST ZIP``, however the city, state and ZIP boxes came out over
    the lines (``["Raleigh NC", "27601"]``, ``["CO 80202", "Denver"]``, ``"MA02110"``); None
    unless there is exactly one ZIP with a state on its line or next to it."""
    tokens = [_tokens(line) for line in lines]
    zips = [(i, j) for i, toks in enumerate(tokens) for j, t in enumerate(toks) if _ZIP.match(t)]
    if len(zips) != 1:
        return None
    zip_line, zip_at = zips[0]
    states = [
        (abs(i - zip_line) * 100 + abs(j - zip_at), i, j)
        for i, toks in enumerate(tokens)
        for j, t in enumerate(toks)
        if abs(i - zip_line) <= 1 and len(t) == 2 and t.upper() in US_STATES
    ]
    if not states:
        return None
    _, state_line, state_at = min(states)
    tail = sorted({zip_line, state_line})
    city = [
        t
        for i in tail
        for j, t in enumerate(tokens[i])
        if (i, j) not in ((zip_line, zip_at), (state_line, state_at))
    ]
    if not city:
        before, after = tail[0] - 1, tail[-1] + 1
        if before >= 0 and not looks_like_street(lines[before]):
            tail.insert(0, before)
            city = tokens[before]
        elif after < len(lines):
            tail.append(after)
            city = tokens[after]
    street = [line for i, line in enumerate(lines) if i not in tail]
    state_zip = f"{tokens[state_line][state_at].upper()} {tokens[zip_line][zip_at]}"
    return street, join_address(" ".join(city), state_zip)


def city_state_zip(line: str) -> str:
    """``Livonia, Mi 48152`` / ``Los Angeles    CA 90001`` -> ``Livonia, MI 48152``.

    A line that does not end in a state and ZIP is returned cleaned but otherwise unchanged.
    """
    text = clean_text(line).rstrip(",")
    match = _CITY_STATE_ZIP.match(text)
    if not match:
        return text
    city = match.group("city").strip().rstrip(",").strip()
    state_zip = f"{match.group('state').upper()} {match.group('zip')}"
    return join_address(city, state_zip)


def looks_like_city_state_zip(line: str) -> bool:
    return bool(_CITY_STATE_ZIP.match(clean_text(line).rstrip(",")))


def address(
    line1: str = "", line2: str = "", city: str = "", state: str = "", zip_code: str = ""
) -> str:
    """The schema's one-string address from the form's separate fields."""
    state_zip = clean_text(f"{clean_text(state).upper()} {clean_text(zip_code)}")
    return join_address(
        clean_text(line1).rstrip(","),
        clean_text(line2).rstrip(","),
        clean_text(city).rstrip(","),
        state_zip,
    )


def address_from_lines(lines: list[str]) -> str:
    """The schema's address from printed lines: the last one read as ``CITY, ST ZIP``."""
    cleaned = [clean_text(line).rstrip(",") for line in lines if clean_text(line)]
    if not cleaned:
        return ""
    split = _split_city(cleaned)
    if split is not None:
        street, city = split
        return join_address(*street, city)
    *street, last = cleaned
    return join_address(*street, city_state_zip(last))


_STREET_START = re.compile(
    r"^(?:\d|P\.?\s*O\.?\s*BOX\b|POST OFFICE BOX\b|ONE\s|TWO\s|SUITE\b|STE\.?\s|ATTN\b|C/O\b)",
    re.IGNORECASE,
)
_NAME_CONTINUATION = re.compile(r"^(?:DBA|D/B/A|AKA|A/K/A|&|AND)\b", re.IGNORECASE)


def looks_like_street(line: str) -> bool:
    """Whether a printed line starts an address (a number, a PO box, a suite, an attention line),
    a speck before it aside (".806 Industrial Pkwy")."""
    return bool(_STREET_START.match(clean_text(line).lstrip(".,:;'`")))


def continues_name(line: str) -> bool:
    """A line carrying a name on (``DBA Ace Roofing``, ``& Sons Inc``), not an address."""
    return bool(_NAME_CONTINUATION.match(clean_text(line)))


def name_line_count(lines: list[str]) -> tuple[int, bool]:
    """How many of a name-and-address block's first ``lines`` are the name, and whether the name
    wrapped onto a line that merely is not an address (a less sure reading than a name carried
    on by "DBA ..." or "& Sons Inc"). The last line is always address when there are several."""
    count, wrapped = 1, False
    while count < len(lines) - 1:
        text = lines[count]
        if continues_name(text):
            count += 1
        elif looks_like_street(text) or looks_like_city_state_zip(text):
            break
        else:
            count, wrapped = count + 1, True
    return count, wrapped
