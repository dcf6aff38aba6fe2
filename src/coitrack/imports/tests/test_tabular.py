"""Reading uploaded files: encodings, delimiters, XLSX, and files that must be refused."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from coitrack.imports.tabular import TableError, read_table

HEADER = "Vendor Name,Email,City\n"


def test_utf8_with_and_without_bom_read_the_same():
    text = HEADER + "Café Müller GmbH,a@b.example,Köln\n"
    plain = read_table(text.encode("utf-8"))
    bom = read_table(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert plain.header == bom.header == ["Vendor Name", "Email", "City"]
    assert plain.rows == bom.rows == [(2, ["Café Müller GmbH", "a@b.example", "Köln"])]
    assert plain.notes == []


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom_is_read(codec):
    table = read_table((HEADER + "Ærø Builders,x@y.example,Næstved\n").encode(codec))
    assert table.rows[0][1][0] == "Ærø Builders"
    assert "UTF-16" in table.source


def test_windows_1252_is_read_with_a_note():
    table = read_table((HEADER + "Café Façade Inc,c@d.example,Montréal\n").encode("cp1252"))
    assert table.rows[0][1] == ["Café Façade Inc", "c@d.example", "Montréal"]
    assert "Windows-1252" in table.notes[0]


def test_undecodable_bytes_are_refused_with_what_to_do():
    raw = HEADER.encode() + b"Bad \x81\x8d\x90 bytes,a@b.example,X\n"
    with pytest.raises(TableError, match=r"neither UTF-8 nor Windows-1252.*CSV UTF-8"):
        read_table(raw)


def test_binary_file_is_refused():
    with pytest.raises(TableError, match="not a text file"):
        read_table(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100))


@pytest.mark.parametrize(("delimiter", "name"), [(";", "semicolon"), ("\t", "tab"),
                                                  ("|", "vertical bar"), (",", "comma")])
def test_delimiter_is_sniffed_from_the_header(delimiter, name):
    text = delimiter.join(["Name", "Address", "City"]) + "\n" + delimiter.join(
        ["Acme", '"1 Main St, Suite 2"' if delimiter == "," else "1 Main St, Suite 2",
         "Springfield"]) + "\n"
    table = read_table(text.encode())
    assert table.rows[0][1] == ["Acme", "1 Main St, Suite 2", "Springfield"]
    assert name in table.source


@pytest.mark.parametrize("raw", [b"", b"   \n\r\n  ", b"\xef\xbb\xbf"])
def test_empty_file_is_refused(raw):
    with pytest.raises(TableError, match="The file is empty"):
        read_table(raw)


def test_header_without_rows_is_refused():
    with pytest.raises(TableError, match="header but no rows"):
        read_table(b"Vendor Name,Email\n\n,\n")


def test_empty_lines_are_skipped_and_line_numbers_kept():
    table = read_table(b"Name\n\nAcme\n\nBeta\n")
    assert table.rows == [(3, ["Acme"]), (5, ["Beta"])]


def test_more_than_the_row_limit_is_refused_with_a_clear_message():
    raw = ("Name\n" + "".join(f"Vendor {i}\n" for i in range(100_001))).encode()
    with pytest.raises(TableError, match=r"more than 100,000 rows.*Split it.*nothing was imported"):
        read_table(raw)


def test_exactly_the_row_limit_is_read():
    raw = ("Name\n" + "".join(f"Vendor {i}\n" for i in range(100_000))).encode()
    assert len(read_table(raw).rows) == 100_000


def test_oversized_file_is_refused():
    with pytest.raises(TableError, match="larger than 1 MB"):
        read_table(b"Name\n" + b"x" * (1024 * 1024), max_bytes=1024 * 1024)


def xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Vendors"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_xlsx_first_sheet_is_read_as_text():
    table = read_table(xlsx([["Vendor Name", "Tax ID", "Zip"], ["Acme LLC", "12-3456789", 2134.0],
                             [None, None, None], ["Beta Inc", None, 90210]]), "v.xlsx")
    assert table.header == ["Vendor Name", "Tax ID", "Zip"]
    assert table.rows == [(2, ["Acme LLC", "12-3456789", "2134"]), (4, ["Beta Inc", "", "90210"])]
    assert table.source == "Excel sheet “Vendors”"


def test_broken_xlsx_and_old_xls_are_refused():
    with pytest.raises(TableError, match="cannot be opened as an Excel workbook"):
        read_table(b"PK\x03\x04" + b"garbage" * 10, "v.xlsx")
    with pytest.raises(TableError, match=r"old Excel \(.xls\)"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "v.xls")


def test_unreadable_csv_quoting_is_refused_with_its_line():
    raw = b'Name,City\n"Acme,X\n' + b"a" * 10 + b"\x00"
    with pytest.raises(TableError):
        read_table(raw)
