"""Fuzzing the readers: damaged certificates never crash them.

Hypothesis flips, deletes, duplicates and truncates bytes of real (generated) fillable and text
certificates, and feeds arbitrary bytes behind a PDF header. Whatever comes in, the contract of
``read_document`` holds: a :class:`ReadResult`, or a :class:`ReadingError` with a message for a
person; nothing else escapes. Run in-process (``isolate=False``) so a crash shows its traceback;
the isolated child only adds limits around the same code.
"""

from __future__ import annotations

import functools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coitrack.reading import ReadingError, ReadResult, read_document
from coitrack.reading.synth import generate

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@functools.cache
def original(variant: str) -> bytes:
    return generate(3, variant)[0]


@st.composite
def damaged(draw, variant: str) -> bytes:
    data = bytearray(original(variant))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "delete", "repeat", "truncate"]))
        if action == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 512))]
        elif action == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 512))]
        else:
            del data[max(at, 8):]
        if not data:
            break
    return bytes(data)


def _read_keeps_its_contract(data: bytes) -> None:
    try:
        result = read_document(data, filename="coi.pdf", isolate=False)
    except ReadingError as error:
        assert str(error).strip()  # a message for a person
    else:
        assert isinstance(result, ReadResult)


@FUZZ
@given(damaged("fillable"))
def test_a_damaged_fillable_certificate_never_crashes_the_reader(data):
    _read_keeps_its_contract(data)


@FUZZ
@given(damaged("text"))
def test_a_damaged_text_certificate_never_crashes_the_reader(data):
    _read_keeps_its_contract(data)


@FUZZ
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_behind_a_pdf_header_never_crash_the_reader(tail):
    _read_keeps_its_contract(b"%PDF-1.7\n" + tail)


@functools.cache
def picture(kind: str) -> bytes:
    """A small page-like picture (a few ruled boxes and text) in an image container."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("L", (340, 440), 245)
    draw = ImageDraw.Draw(image)
    for top in range(20, 420, 40):
        draw.rectangle((15, top, 325, top + 30), outline=30)
        draw.text((22, top + 8), "INSURER A : Acme Insurance 12345", fill=20)
    buffer = io.BytesIO()
    if kind == "tiff-g4":
        image.point(lambda v: 255 if v > 128 else 0).convert("1").save(
            buffer, "TIFF", compression="group4", dpi=(40, 40))
    else:
        image.save(buffer, kind.upper(), dpi=(40, 40))
    return buffer.getvalue()


@st.composite
def damaged_picture(draw) -> bytes:
    data = bytearray(picture(draw(st.sampled_from(["png", "jpeg", "tiff", "tiff-g4"]))))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(8, len(data) - 1))  # keep the signature: read as that kind
        action = draw(st.sampled_from(["flip", "delete", "truncate"]))
        if action == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        else:
            del data[at:]
        if len(data) <= 9:
            break
    return bytes(data)


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(damaged_picture())
def test_a_damaged_image_never_crashes_its_decoding(data):
    # The decoding every scan goes through before OCR: header checks, page count, pixels.
    from coitrack.reading.document import Document
    from coitrack.reading.ocr import images

    try:
        doc = Document.open(data, "scan.png")
        for index in range(images.image_page_count(doc.data, doc.name)):
            page = images.image_page(doc.data, doc.name, index)
            assert page.gray.ndim == 2 and page.dpi > 0
    except ReadingError as error:
        assert str(error).strip()


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(damaged_picture())
def test_a_damaged_image_never_crashes_the_reader(data):
    _read_keeps_its_contract(data)
