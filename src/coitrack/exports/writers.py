"""Writing rows as CSV (streamed) or XLSX (a temporary file), in constant memory. No Django.

Every text cell goes through :func:`coitrack.imports.escaping.escape_cell`, the escaping the CSV
import undoes: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading ``'``, so ``=HYPERLINK(...)`` typed into a vendor's name is shown as text, never run as a
formula. CSV cells are all text; in XLSX, numbers and dates stay typed (they cannot be formulas)
and strings are escaped the same way (openpyxl would otherwise store ``=...`` as a formula).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from coitrack.imports.escaping import escape_cell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# XML 1.0 refuses these control characters; openpyxl raises on them.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Rows per chunk of CSV text handed to the web server: big enough that the per-yield overhead
# vanishes, small enough that memory stays flat.
CSV_ROWS_PER_CHUNK = 500


class _Line:
    """A file-like object whose ``write`` returns what it was given (for csv.writer)."""

    def write(self, text: str) -> str:
        return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The CSV file as pieces of text: a byte-order mark (so Excel reads UTF-8), the header,
    then the rows in chunks; every cell escaped. Lines end with CRLF, as Excel writes them."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow([escape_cell(h) for h in header])
    chunk: list[str] = []
    for row in rows:
        chunk.append(writer.writerow([_csv_cell(v) for v in row]))
        if len(chunk) >= CSV_ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def _csv_cell(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return escape_cell(value)


def _xlsx_cell(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | dt.date):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            return value.replace(tzinfo=None)  # Excel has no time zones: local time as written
        return value
    return escape_cell(_ILLEGAL_XML.sub("", str(value)))


def write_xlsx(header: Sequence[str], rows: Iterable[Sequence[object]], *, title: str
               ) -> IO[bytes]:
    """The workbook in an anonymous temporary file (deleted when closed), positioned at 0.

    openpyxl's write-only mode streams each row to a temporary XML file instead of keeping
    cells in memory, so memory stays flat whatever the row count.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    for index in range(len(header)):  # before the first row: write-only sheets stream out
        sheet.column_dimensions[get_column_letter(index + 1)].width = 22
    bold = Font(bold=True)
    header_cells = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=_xlsx_cell(text))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(v) for v in row])
    out = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (the caller closes it)
    workbook.save(out)
    out.seek(0)
    return out


def _sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Export"
