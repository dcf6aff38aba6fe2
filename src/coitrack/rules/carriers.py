"""The organization's carrier table: AM Best rating and financial size per insurer.

requirements-format.md: insurers are looked up by NAIC code first, then by normalized name. The
CSV has the header ``name,naic,am_best_rating,financial_size``.

Decisions:
- NAIC codes compare as digits with leading zeros dropped, so a table saved by a spreadsheet
  (``01234`` -> ``1234``) still matches. When the certificate's NAIC is in the table, that row is
  used even if the names differ (the NAIC is the identifier); otherwise the name is tried.
- Ratings are read case-insensitively from the AM Best order A++ ... F. An empty or unknown rating
  (``NR``, ``A (u)``) leaves the carrier unrated rather than rejecting the file: the guide says such
  an insurer "is not rated". Financial size categories are roman I..XV (digits 1..15 accepted).
- The header names are matched case-insensitively; extra columns are ignored (formats extend by
  adding keys). A missing column, a row with more fields than the header, or a row with neither
  name nor NAIC is a ``CarrierTableError`` naming the line. When two rows share a NAIC or a
  normalized name, the first wins.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from coitrack.rules.names import normalize_name

RATINGS = ("A++", "A+", "A", "A-", "B++", "B+", "B", "B-", "C++", "C+", "C", "C-", "D", "E", "F")
# Higher is stronger: A++ -> 15 ... F -> 1.
RATING_RANK = {rating: len(RATINGS) - i for i, rating in enumerate(RATINGS)}

SIZES = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
)
SIZE_NUMBER = {roman: i + 1 for i, roman in enumerate(SIZES)}

CSV_COLUMNS = ("name", "naic", "am_best_rating", "financial_size")


class CarrierTableError(ValueError):
    """The carrier table cannot be read; the message names the line and the problem."""


def parse_rating(text: str | None) -> str | None:
    """A known AM Best rating in canonical form, or ``None`` for empty/unknown."""
    rating = (text or "").strip().upper()
    return rating if rating in RATING_RANK else None


def parse_size(text: str | int | None) -> int | None:
    """Financial size category as a number 1..15 (``"VII"`` -> 7), or ``None`` when unknown."""
    if isinstance(text, int) and not isinstance(text, bool):
        return text if 1 <= text <= len(SIZES) else None
    value = str(text or "").strip().upper()
    if value.isdigit():
        return parse_size(int(value))
    return SIZE_NUMBER.get(value)


def size_name(number: int | None) -> str | None:
    """``7 -> "VII"``."""
    return SIZES[number - 1] if number else None


def naic_key(naic: str | int | None) -> str:
    """Digits only, leading zeros dropped; ``""`` when there is no code."""
    if type(naic) is str and naic.isdigit():  # the usual case, without the character loop
        return naic.lstrip("0") or "0"
    digits = "".join(ch for ch in str(naic or "") if ch.isdigit())
    return digits.lstrip("0") or ("0" if digits else "")


@dataclass(frozen=True, slots=True)
class Carrier:
    name: str
    naic: str
    rating: str | None  # canonical AM Best rating, None when empty or unknown
    financial_size: int | None  # 1..15, None when empty or unknown

    @property
    def rated(self) -> bool:
        return self.rating is not None

    def describe(self) -> str:
        """``"A- VII"``, ``"A-"``, or ``"unrated"``."""
        parts = [p for p in (self.rating, size_name(self.financial_size)) if p]
        return " ".join(parts) if parts else "unrated"


class CarrierTable:
    """Carriers indexed by NAIC code and by normalized name."""

    def __init__(self, carriers: Iterable[Carrier] = ()) -> None:
        self.carriers: tuple[Carrier, ...] = tuple(carriers)
        self._by_naic: dict[str, Carrier] = {}
        self._by_name: dict[str, Carrier] = {}
        for carrier in self.carriers:
            if key := naic_key(carrier.naic):
                self._by_naic.setdefault(key, carrier)
            if key := normalize_name(carrier.name):
                self._by_name.setdefault(key, carrier)

    def __len__(self) -> int:
        return len(self.carriers)

    def lookup(self, *, name: str | None, naic: str | None) -> Carrier | None:
        """The carrier with this NAIC code, else with this normalized name, else ``None``."""
        if (key := naic_key(naic)) and (carrier := self._by_naic.get(key)):
            return carrier
        if key := normalize_name(name):
            return self._by_name.get(key)
        return None


def parse_carriers_csv(text: str) -> CarrierTable:
    """Read the CSV text (header ``name,naic,am_best_rating,financial_size``) into a table."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        raise CarrierTableError("carrier table is empty (expected a header line)") from None
    except csv.Error as error:
        raise CarrierTableError(f"carrier table line 1: {error}") from None
    columns = [column.strip().lower() for column in header]
    missing = [c for c in CSV_COLUMNS if c not in columns]
    if missing:
        raise CarrierTableError(
            f"carrier table header lacks {', '.join(missing)} "
            f"(expected {','.join(CSV_COLUMNS)}, got {','.join(header)})"
        )
    index = {c: columns.index(c) for c in CSV_COLUMNS}
    carriers = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise CarrierTableError(
                    f"carrier table line {line}: {len(row)} fields, the header has {len(header)}"
                )
            cells = {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()}
            if not cells["name"] and not cells["naic"]:
                raise CarrierTableError(f"carrier table line {line}: neither name nor naic given")
            carriers.append(
                Carrier(
                    name=cells["name"],
                    naic=cells["naic"],
                    rating=parse_rating(cells["am_best_rating"]),
                    financial_size=parse_size(cells["financial_size"]),
                )
            )
    except csv.Error as error:
        raise CarrierTableError(f"carrier table line {reader.line_num}: {error}") from None
    return CarrierTable(carriers)


def load_carriers(path: str | Path) -> CarrierTable:
    """Read a carrier table CSV file (UTF-8, optional BOM)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise CarrierTableError(f"cannot read carrier table {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise CarrierTableError(f"carrier table {path} is not UTF-8 text") from None
    return parse_carriers_csv(text)
