"""Reading a carrier table CSV for import: every row with its problems, before anything changes.

The header is ``name,naic,am_best_rating,financial_size`` (requirements-format.md), plus an
optional ``admitted`` column; header names are matched case-insensitively and other columns are
ignored, as the engine's own reader does.

Decisions (stricter than ``coitrack.rules.carriers``, which reads leniently for the CLI):
- The file must be UTF-8 (a BOM is fine). Anything else is refused with a message saying so,
  rather than guessed: a wrongly decoded insurer name would silently stop matching.
- A rating outside the AM Best scale is a problem of its row (the importer would otherwise
  store an unrated carrier from a typo). An empty rating or ``NR`` means "not rated".
- NAIC codes are 5 digits; shorter digit strings are zero-padded (spreadsheets drop leading
  zeros), anything else is a problem.
- Two rows with the same NAIC code, or the same normalized name where one has no code, are a
  problem (which one is right?).
- Any problem blocks the whole import: the user fixes the file and uploads it again.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from coitrack.rules.carriers import CSV_COLUMNS, RATINGS, SIZES, parse_size
from coitrack.rules.names import normalize_name

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
NOT_RATED = {"", "NR", "N/R", "NOT RATED"}
ADMITTED = {"yes": True, "y": True, "true": True, "1": True, "admitted": True,
            "no": False, "n": False, "false": False, "0": False, "non-admitted": False,
            "nonadmitted": False, "": None}


class CarrierFileError(ValueError):
    """The file as a whole cannot be read (encoding, header, size); nothing was imported."""


def clean_naic(text: str | None) -> str:
    """``"16535"`` -> ``"16535"``, ``"1234"`` -> ``"01234"``, ``""`` -> ``""``; else ValueError."""
    value = (text or "").strip()
    if not value:
        return ""
    if not value.isdigit() or len(value) > 5:
        raise ValueError(f"NAIC code “{value}” is not 5 digits")
    return value.zfill(5)


def clean_rating(text: str | None) -> str:
    value = (text or "").strip().upper()
    if value in NOT_RATED:
        return ""
    if value not in RATINGS:
        raise ValueError(f"AM Best rating “{text.strip()}” is not on the scale "
                         f"({', '.join(RATINGS)}; empty or NR for not rated)")
    return value


def clean_size(text: str | None) -> str:
    value = (text or "").strip()
    if not value:
        return ""
    number = parse_size(value)
    if number is None:
        raise ValueError(f"financial size “{value}” is not I..XV")
    return SIZES[number - 1]


@dataclass
class CarrierRow:
    line: int
    name: str
    naic: str
    am_best_rating: str
    financial_size: str
    admitted: bool | None
    problems: list[str] = field(default_factory=list)
    action: str = ""  # "create" / "update" / "unchanged", set by the preview
    carrier_id: int | None = None  # the carrier an update applies to

    @property
    def name_key(self) -> str:
        return normalize_name(self.name)


def decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise CarrierFileError(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it and import the "
            "parts one after the other."
        )
    if b"\x00" in raw[:4096]:
        raise CarrierFileError("This is not a text file. Upload a CSV file saved as UTF-8.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CarrierFileError(
            f"The file is not UTF-8 text (byte {error.start + 1} cannot be read). In your "
            "spreadsheet choose “CSV UTF-8” when saving, then upload it again."
        ) from None


def read_rows(text: str) -> list[CarrierRow]:
    """The rows of the CSV text, each with the problems found in it alone."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise CarrierFileError(f"Line 1 cannot be read as CSV: {error}.") from None
    if header is None or not any(cell.strip() for cell in header):
        raise CarrierFileError(
            f"The file is empty. The first line must be the header {','.join(CSV_COLUMNS)}."
        )
    columns = [cell.strip().lower() for cell in header]
    missing = [c for c in CSV_COLUMNS if c not in columns]
    if missing:
        raise CarrierFileError(
            f"The header lacks {', '.join(missing)}. The first line must be "
            f"{','.join(CSV_COLUMNS)} (and optionally admitted); it is “{','.join(header)}”."
        )
    index = {c: columns.index(c) for c in (*CSV_COLUMNS, "admitted") if c in columns}
    rows: list[CarrierRow] = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise CarrierFileError(f"The file has more than {MAX_ROWS:,} carriers.")
            rows.append(_row(reader.line_num, cells, index, len(header)))
    except csv.Error as error:
        raise CarrierFileError(f"Line {reader.line_num} cannot be read as CSV: {error}.") from None
    if not rows:
        raise CarrierFileError("The file has a header but no carriers.")
    _mark_duplicates(rows)
    return rows


def _row(line: int, cells: list[str], index: dict[str, int], width: int) -> CarrierRow:
    def cell(column: str) -> str:
        i = index.get(column)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    row = CarrierRow(line=line, name=cell("name"), naic="", am_best_rating="",
                     financial_size="", admitted=None)
    if len(cells) > width:
        row.problems.append(f"{len(cells)} fields, the header has {width}")
    if not row.name:
        row.problems.append("no name")
    elif len(row.name) > 200:
        row.problems.append("name longer than 200 characters")
    for attr, cleaner, column in (("naic", clean_naic, "naic"),
                                  ("am_best_rating", clean_rating, "am_best_rating"),
                                  ("financial_size", clean_size, "financial_size")):
        try:
            setattr(row, attr, cleaner(cell(column)))
        except ValueError as error:
            row.problems.append(str(error))
    admitted = cell("admitted").lower()
    if admitted in ADMITTED:
        row.admitted = ADMITTED[admitted]
    else:
        row.problems.append(f"admitted “{cell('admitted')}” is not yes or no")
    return row


def _mark_duplicates(rows: list[CarrierRow]) -> None:
    seen_naic: dict[str, int] = {}
    seen_name: dict[str, tuple[int, str]] = {}
    for row in rows:
        if row.naic:
            if row.naic in seen_naic:
                row.problems.append(f"same NAIC code as line {seen_naic[row.naic]}")
            seen_naic.setdefault(row.naic, row.line)
        # Two insurers may share a name once suffixes are dropped; their NAIC codes tell them
        # apart. Without a code, a second row of the same name is ambiguous.
        if row.name_key:
            first = seen_name.get(row.name_key)
            if first is not None and (not row.naic or not first[1]):
                row.problems.append(f"same name as line {first[0]}")
            seen_name.setdefault(row.name_key, (row.line, row.naic))


def write_csv(carriers) -> str:
    """The carrier table as CSV (the import format, with the admitted column)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, "admitted"])
    for c in carriers:
        admitted = "" if c.admitted is None else ("yes" if c.admitted else "no")
        writer.writerow([c.name, c.naic, c.am_best_rating, c.financial_size, admitted])
    return out.getvalue()
