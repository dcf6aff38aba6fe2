"""Helpers for the reader's tests: certificates are generated in code, never taken from ACORD."""

from __future__ import annotations

import io

import pytest

from coitrack.reading import read_document
from coitrack.reading.synth import generate, make_sample, render


def read(pdf: bytes, **kwargs):
    """Read in this process (the isolation layer has tests of its own)."""
    return read_document(pdf, isolate=False, **kwargs)


def with_pypdf(pdf: bytes, change) -> bytes:
    """``pdf`` rewritten after ``change(writer)`` (encryption, extra pages, actions ...)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def certificate():
    """A generated certificate: ``certificate(seed, variant, **options) -> (pdf, truth)``."""
    return generate


@pytest.fixture
def sample():
    return make_sample


@pytest.fixture
def draw():
    return render
