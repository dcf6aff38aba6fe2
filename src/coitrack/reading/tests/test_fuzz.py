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
