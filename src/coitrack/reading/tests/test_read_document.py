"""read_document: the public entry point, and what it does with files that are not certificates
or are built to hurt (damaged, encrypted, huge, scripted)."""

from __future__ import annotations

import contextlib
import io
import os
import time

import pytest

import coitrack.reading as reading
from coitrack.reading import ReadingError, ReadResult, isolation, read_document
from coitrack.reading.tests.conftest import read, with_pypdf


def test_reads_a_path_or_bytes_and_reports_the_reader(certificate, tmp_path):
    pdf, truth = certificate(1, "text")
    path = tmp_path / "coi.pdf"
    path.write_bytes(pdf)
    from_path = read_document(path)  # isolated, as in production
    assert isinstance(from_path, ReadResult)
    assert from_path.reader == "layout"
    assert from_path.data == truth
    assert read_document(pdf, filename="coi.pdf", isolate=False).data == truth


def test_json_output_keeps_evidence_and_warnings_beside_the_schema_keys(certificate):
    pdf, _ = certificate(1, "fillable")
    output = read(pdf).as_json()
    assert "evidence" in output and "warnings" in output
    assert output["evidence"]["insured.name"]["page"] == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"hello, this is a text file", "not a PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image is damaged"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "image is damaged"),
        (b"%PDF-1.7\n" + os.urandom(2000), "PDF"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF", "PDF"),
    ],
)
def test_files_that_are_not_readable_pdfs_get_a_clear_error(content, message):
    with pytest.raises(ReadingError, match=message):
        read(content)


def test_a_truncated_pdf_gets_a_clear_error(certificate):
    pdf, _ = certificate(2, "text")
    with pytest.raises(ReadingError):
        read(pdf[:400])


def test_a_pdf_cut_in_half_never_escapes_as_anything_but_reading_error(certificate):
    pdf, _ = certificate(2, "fillable")
    with contextlib.suppress(ReadingError):
        read(pdf[: len(pdf) // 2])


def test_a_pdf_without_pages_is_refused():
    from pypdf import PdfWriter

    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    with pytest.raises(ReadingError, match="no pages"):
        read(buffer.getvalue())


def test_a_password_protected_pdf_is_refused(certificate):
    pdf, _ = certificate(3, "text")
    locked = with_pypdf(pdf, lambda w: w.encrypt(user_password="secret", algorithm="AES-128"))
    with pytest.raises(ReadingError, match="password"):
        read(locked)


def test_a_pdf_encrypted_only_against_editing_is_read(certificate):
    pdf, truth = certificate(3, "text")
    locked = with_pypdf(
        pdf, lambda w: w.encrypt(user_password="", owner_password="agency", algorithm="AES-256")
    )
    assert read(locked).data == truth


def test_only_the_first_pages_of_a_huge_document_are_read(certificate):
    pdf, truth = certificate(4, "text", remarks=False)  # one page + 300 blank

    def pad(writer):
        for _ in range(300):
            writer.add_blank_page(612, 792)

    result = read(with_pypdf(pdf, pad))
    assert result.data == truth
    assert any("301 pages" in w for w in result.warnings)


def test_javascript_in_a_pdf_is_never_run_and_is_reported(certificate):
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    pdf, truth = certificate(5, "fillable")

    def add_script(writer):
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('hello');"),
            }
        )

    result = read(with_pypdf(pdf, add_script))
    assert result.data == truth
    assert any("JavaScript" in w and "never run" in w for w in result.warnings)


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"0" * 5000)
    with pytest.raises(ReadingError, match="limit"):
        read_document(path, isolate=False)


def test_oversized_bytes_are_refused(monkeypatch):
    from coitrack.reading import document

    monkeypatch.setattr(document, "MAX_BYTES", 1000)
    with pytest.raises(ReadingError, match="limit"):
        read(b"%PDF-1.7\n" + b"0" * 5000)


@pytest.mark.parametrize(("path", "message"), [("missing.pdf", "no such file"), (".", "directory")])
def test_paths_that_are_not_files_get_a_clear_error(tmp_path, path, message):
    with pytest.raises(ReadingError, match=message):
        read_document(tmp_path / path if path != "." else tmp_path, isolate=False)


# The isolation layer: parsing runs in a child process with a time limit and a memory cap.


def test_a_read_that_takes_too_long_is_stopped():
    started = time.monotonic()
    with pytest.raises(ReadingError, match="longer than"):
        isolation.run(time.sleep, 30, timeout=1.0, name="slow.pdf")
    assert time.monotonic() - started < 10


def _allocate(size: int) -> int:
    return len(bytearray(size))


def test_a_read_that_needs_too_much_memory_is_stopped():
    with pytest.raises(ReadingError, match="memory"):
        isolation.run(_allocate, 8 * 1024**3, memory=256 * 1024**2)


def test_a_reader_that_dies_is_reported_not_hung():
    with pytest.raises(ReadingError, match="stopped"):
        isolation.run(os._exit, 3)


def test_reading_errors_raised_in_the_child_keep_their_message():
    with pytest.raises(ReadingError, match="not a PDF"):
        read_document(b"plain text")


def test_reading_from_a_multi_threaded_process_works_through_the_forkserver(certificate):
    import threading

    pdf, truth = certificate(6, "text")
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait, daemon=True)  # as in a threaded web server
    worker.start()
    try:
        assert isolation._get_context().get_start_method() != "fork"
        assert read_document(pdf).data == truth
    finally:
        stop.set()
        worker.join()
