"""Spreadsheet formula injection: escaping cells on export, undoing it on import (no Django).

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula
by Excel, LibreOffice and Google Sheets (``=HYPERLINK("http://evil", "Click")``). Exports prefix
such cells with ``'``, which spreadsheets show as text and hide; imports remove that one ``'``
again, so exporting and importing a vendor gives back exactly the stored value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: object) -> str:
    """The text of ``value`` safe to open in a spreadsheet (``None`` -> ``""``)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell`: ``"'=1+1"`` -> ``"=1+1"``; any other text is returned as is."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def write_csv(header: Iterable[str] | None, rows: Iterable[Iterable[object]]) -> str:
    """CSV text with every cell escaped (the header too; None writes no header: a
    continuation), with Excel's CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out)
    if header is not None:
        writer.writerow([escape_cell(h) for h in header])
    for row in rows:
        writer.writerow([escape_cell(v) for v in row])
    return out.getvalue()
