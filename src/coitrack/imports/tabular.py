"""Reading an uploaded CSV or XLSX file into a header and rows of strings (no Django).

Contract: :func:`read_table` returns a :class:`Table` or raises :class:`TableError` whose message
says, in the user's words, what is wrong with the file as a whole and what to do. Nothing else
escapes from it for any input bytes.

Decisions:
- XLSX is recognized by its bytes (a ZIP with ``xl/``), never by the name alone; the first
  worksheet is read with openpyxl in read-only mode, cached values (what a person sees, not the
  formula). Old binary ``.xls`` is refused with a message: save it as XLSX or CSV.
- Text encodings, in order: a byte-order mark (UTF-8, UTF-16 LE/BE), UTF-16 without a mark when
  every other byte of the start is zero, UTF-8, then Windows-1252 (what Excel on Windows writes
  as "CSV"), with a note on the preview. Bytes that none of these decode are refused.
- The delimiter is the one of ``, ; TAB |`` that occurs most often in the first line (outside
  quotes); ties go to the comma. ``csv.Sniffer`` guesses wrong on one-column files and on
  addresses full of commas, the header line does not.
- The first non-empty row is the header; empty rows are skipped; each row keeps its line number
  (the file's line, or the sheet's row) so problems can be found in the file.
- At most ``max_rows`` data rows (100,000 by default): one more and the whole file is refused,
  rather than imported in part.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

MAX_ROWS = 100_000
MAX_BYTES = 50 * 1024 * 1024
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
SAVE_AS = ("In your spreadsheet choose “CSV UTF-8” (or Excel workbook) when saving, then upload "
           "it again.")


class TableError(ValueError):
    """The file as a whole cannot be read; the message is meant for the user."""


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line in the file, cells)
    source: str  # how it was read: "CSV, UTF-8, comma-separated", "Excel sheet “Vendors”"
    notes: list[str] = field(default_factory=list)  # worth telling the user (encoding guessed)


def read_table(raw: bytes, filename: str = "", *, max_rows: int = MAX_ROWS,
               max_bytes: int = MAX_BYTES) -> Table:
    """The header and rows of an uploaded CSV or XLSX file (see the module's decisions)."""
    if len(raw) > max_bytes:
        raise TableError(f"The file is larger than {max_bytes // (1024 * 1024)} MB; split it and "
                         "import the parts one after the other.")
    if not raw.strip():
        raise TableError("The file is empty. The first line must name the columns, followed by "
                         "one line per row.")
    if raw.startswith(b"PK\x03\x04"):
        return _read_xlsx(raw, max_rows)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError("This is an old Excel (.xls) file. Save it as an Excel workbook (.xlsx) "
                         "or as CSV, then upload it again.")
    if raw.startswith(b"%PDF"):
        raise TableError("This is a PDF, not a spreadsheet. Upload a CSV or XLSX file.")
    text, encoding, notes = decode(raw)
    return _read_csv(text, encoding, notes, max_rows)


def decode(raw: bytes) -> tuple[str, str, list[str]]:
    """``(text, encoding label, notes)`` for CSV bytes, or TableError when undecodable."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return _strict(raw[3:], "utf-8", "UTF-8"), "UTF-8", []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(raw, "utf-16", "UTF-16"), "UTF-16", []
    head = raw[:2000]
    if len(head) >= 4 and head[1::2].count(0) >= len(head) // 2 * 0.9:
        return _strict(raw, "utf-16-le", "UTF-16"), "UTF-16", []
    if len(head) >= 4 and head[0::2].count(0) >= len(head) // 2 * 0.9:
        return _strict(raw, "utf-16-be", "UTF-16"), "UTF-16", []
    if b"\x00" in head:
        raise TableError(f"This is not a text file. Upload a CSV or XLSX file. {SAVE_AS}")
    try:
        return raw.decode("utf-8"), "UTF-8", []
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise TableError(
            f"The file is neither UTF-8 nor Windows-1252 text (byte {error.start + 1} cannot be "
            f"read). {SAVE_AS}"
        ) from None
    return text, "Windows-1252", [
        "The file is not UTF-8; it was read as Windows-1252 (Excel's “CSV” on Windows). Check "
        "that accented letters look right below."]


def _strict(raw: bytes, codec: str, label: str) -> str:
    try:
        return raw.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise TableError(f"The file looks like {label} but byte {error.start + 1} cannot be read. "
                         f"{SAVE_AS}") from None


def sniff_delimiter(first_line: str) -> str:
    """The delimiter occurring most often outside quotes in ``first_line`` (comma on ties)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _read_csv(text: str, encoding: str, notes: list[str], max_rows: int) -> Table:
    text = text.removeprefix("\ufeff")
    stripped = text.lstrip("\r\n")
    first_line = stripped.split("\n", 1)[0]
    delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for cells in reader:
                yield reader.line_num, cells
        except csv.Error as error:
            raise TableError(f"Line {reader.line_num} cannot be read as CSV: {error}.") from None

    source = f"CSV, {encoding}, {DELIMITER_NAMES[delimiter]}-separated"
    return _collect(rows(), source, notes, max_rows)


def _read_xlsx(raw: bytes, max_rows: int) -> Table:
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise TableError(f"This file cannot be opened as an Excel workbook ({error}). Save it "
                         "again as .xlsx or as CSV.") from None
    except Exception as error:  # openpyxl raises many kinds on broken workbooks
        raise TableError(f"This file cannot be opened as an Excel workbook "
                         f"({type(error).__name__}). Save it again as .xlsx or as CSV.") from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise TableError("The workbook has no worksheet.")

        def rows() -> Iterator[tuple[int, list[str]]]:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, [_cell_text(v) for v in values]

        return _collect(rows(), f"Excel sheet “{sheet.title}”", [], max_rows)
    finally:
        workbook.close()


def _cell_text(value) -> str:
    """A cell as text the way a person reads it: whole numbers without ``.0``, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text.removesuffix("T00:00:00")
    return str(value)


def _collect(rows: Iterable[tuple[int, list[str]]], source: str, notes: list[str],
             max_rows: int) -> Table:
    header: list[str] | None = None
    data: list[tuple[int, list[str]]] = []
    for line, cells in rows:
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        if header is None:
            header = cells
            continue
        if len(data) >= max_rows:
            raise TableError(f"The file has more than {max_rows:,} rows. Split it into files of "
                             f"at most {max_rows:,} rows and import them one after the other; "
                             "nothing was imported.")
        data.append((line, cells))
    if header is None:
        raise TableError("The file is empty. The first line must name the columns, followed by "
                         "one line per row.")
    while header and not header[-1]:
        header.pop()
    if not data:
        raise TableError("The file has a header but no rows to import.")
    return Table(header=header, rows=data, source=source, notes=notes)
