"""Image files before OCR: what is refused at once (huge, damaged, unsupported), what is decoded
(grey pixels, resolution, TIFF pages), and which reader a file goes to. No OCR model needed."""

from __future__ import annotations

import io
import struct
import time
import zlib

import numpy as np
import pytest
from PIL import Image

from coitrack.reading import ReadingError, read_document
from coitrack.reading.document import Document
from coitrack.reading.ocr import images
from coitrack.reading.ocr.reader import OcrReader


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` x ``height`` pixels and carries almost no data: a
    decompression bomb's shape, built without ever allocating the pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def _encoded(array: np.ndarray, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, fmt, **options)
    return buffer.getvalue()


def test_a_20000_by_20000_image_is_refused_quickly_with_its_size_in_the_message():
    bomb = _png_header_only(20_000, 20_000)
    started = time.perf_counter()
    with pytest.raises(ReadingError, match=r"400,000,000 pixels; the limit is 40 million"):
        read_document(bomb, filename="bomb.png", isolate=False)
    assert time.perf_counter() - started < 2


def test_a_huge_image_is_refused_through_the_isolated_reader_too():
    with pytest.raises(ReadingError, match="million pixels"):
        read_document(_png_header_only(30_000, 30_000), filename="bomb.png")


def test_a_damaged_image_is_refused_with_a_clear_message():
    with pytest.raises(ReadingError, match="image is damaged"):
        read_document(b"\x89PNG\r\n\x1a\n" + b"garbage" * 50, filename="x.png", isolate=False)


def test_a_truncated_image_is_refused_when_decoded():
    png = _encoded(np.random.default_rng(1).integers(0, 255, (400, 300), np.uint8), "PNG")
    with pytest.raises(ReadingError, match="damaged"):
        images.image_page(png[: len(png) // 2], "cut.png", 0)


def test_a_gif_is_refused_as_an_unsupported_image():
    gif = _encoded(np.zeros((20, 20), np.uint8), "GIF")
    with pytest.raises(ReadingError, match="GIF"):
        read_document(gif, filename="x.gif", isolate=False)


def test_image_pages_are_grey_pixels_with_the_resolution_of_the_file():
    array = np.full((2200, 1700), 200, np.uint8)
    page = images.image_page(_encoded(array, "PNG", dpi=(200, 200)), "a.png", 0)
    assert page.gray.dtype == np.uint8 and page.gray.shape == (2200, 1700)
    assert page.dpi == pytest.approx(200, rel=1e-3)  # PNG stores dots per metre
    assert page.width_pt == pytest.approx(612, rel=1e-3)
    assert page.height_pt == pytest.approx(792, rel=1e-3)


def test_an_image_without_a_sensible_resolution_is_taken_for_a_letter_page():
    array = np.full((1100, 850), 255, np.uint8)
    page = images.image_page(_encoded(array, "PNG", dpi=(72, 72)), "photo.png", 0)
    assert page.dpi == pytest.approx(100)
    assert page.width_pt == pytest.approx(612)


def test_scans_finer_than_300_dpi_are_scaled_down():
    array = np.full((6600, 5100), 255, np.uint8)
    page = images.image_page(_encoded(array, "PNG", dpi=(600, 600)), "fine.png", 0)
    assert page.gray.shape[1] == 2550
    assert page.width_pt == pytest.approx(612, abs=1)


def test_every_page_of_a_multi_page_tiff_is_counted_and_readable():
    frames = [Image.fromarray(np.full((300, 200), v, np.uint8)) for v in (10, 120, 250)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:], dpi=(100, 100))
    data = buffer.getvalue()
    assert images.image_page_count(data, "multi.tif") == 3
    assert int(images.image_page(data, "multi.tif", 2).gray.mean()) == 250
    document = Document.open(data, "multi.tif")
    assert document.kind == "image" and document.page_count == 3


def test_one_bit_and_colour_images_become_grey():
    colour = np.zeros((100, 80, 3), np.uint8)
    colour[..., 0] = 255
    page = images.image_page(_encoded(colour, "JPEG"), "red.jpg", 0)
    assert page.gray.ndim == 2
    bilevel = Image.fromarray(np.full((100, 80), 255, np.uint8)).convert("1")
    buffer = io.BytesIO()
    bilevel.save(buffer, "TIFF", compression="group4")
    assert images.image_page(buffer.getvalue(), "fax.tif", 0).gray.max() == 255


def test_the_ocr_reader_takes_images_and_scanned_pdfs_but_not_text_pdfs(certificate):
    reader = OcrReader()
    png = _encoded(np.full((1100, 850), 255, np.uint8), "PNG")
    assert reader.score(Document.open(png, "a.png")) == pytest.approx(0.9)
    text_pdf, _ = certificate(1, "text")
    assert reader.score(Document.open(text_pdf, "a.pdf")) == 0.0
    scanned = io.BytesIO()
    Image.fromarray(np.full((1100, 850), 255, np.uint8)).save(scanned, "PDF", resolution=100.0)
    assert reader.score(Document.open(scanned.getvalue(), "scan.pdf")) == pytest.approx(0.7)


def test_an_image_pdf_page_is_rendered_at_the_ocr_resolution():
    scanned = io.BytesIO()
    Image.fromarray(np.full((1100, 850), 255, np.uint8)).save(scanned, "PDF", resolution=100.0)
    document = Document.open(scanned.getvalue(), "scan.pdf")
    page = images.pdf_page(document.pdfium, 0, "scan.pdf")
    assert page.dpi == pytest.approx(images.RENDER_DPI)
    assert page.width_pt == pytest.approx(612, abs=1)
