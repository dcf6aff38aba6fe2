"""Writing rows as CSV (streamed) or XLSX (a temporary file), in constant memory. No Django.

Every text cell goes through :func:`coitrack.imports.escaping.escape_cell`, the escaping the CSV
import undoes: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading ``'``, so ``=HYPERLINK(...)`` typed into a vendor's name is shown as text, never run as a
formula. CSV cells are all text; in XLSX, numbers and dates stay typed (they cannot be formulas)
and strings are written as strings and escaped the same way, so a person who edits the cell in
Excel does not turn it into a live formula either.
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


def _xlsx_cell(value: object) -> str:
    return escape_cell(_ILLEGAL_XML.sub("", str(value)))


def write_xlsx(header: Sequence[str], rows: Iterable[Sequence[object]], *, title: str
               ) -> IO[bytes]:
    """The workbook in an anonymous temporary file (deleted when closed), positioned at 0.

    xlsxwriter's ``constant_memory`` mode writes each row to a temporary file as soon as the
    next one starts, so memory stays flat whatever the row count (openpyxl's write-only mode
    does too, but is ~3 times slower without lxml). Strings are written as strings, never
    parsed as formulas or numbers, and escaped as in CSV; dates get a date format.
    """
    import xlsxwriter

    out = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (the caller closes it)
    workbook = xlsxwriter.Workbook(out, {
        "constant_memory": True, "tmpdir": tempfile.gettempdir(),
        "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        "remove_timezone": True})
    sheet = workbook.add_worksheet(_sheet_title(title))
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.set_column(0, max(len(header) - 1, 0), 22)
    for column, text in enumerate(header):
        sheet.write_string(0, column, _xlsx_cell(text), bold)
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                sheet.write_boolean(row_number, column, value)
            elif isinstance(value, int | float):
                sheet.write_number(row_number, column, value)
            elif isinstance(value, dt.datetime):
                sheet.write_datetime(row_number, column, value.replace(tzinfo=None), moment)
            elif isinstance(value, dt.date):
                sheet.write_datetime(row_number, column, value, day)
            else:
                sheet.write_string(row_number, column, _xlsx_cell(value))
    workbook.close()
    out.seek(0)
    return out


def _sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Export"
