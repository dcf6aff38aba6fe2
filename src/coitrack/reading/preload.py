"""Imported once by the isolation forkserver, so each forked reader starts with the parsers
already loaded (importing pypdf and PDFium per document would cost more than reading it), and
with the OCR model loaded: it loads once per forkserver, never per document (ocr/warm.py)."""

import pypdf  # noqa: F401
import pypdfium2
import pypdfium2.raw  # noqa: F401

from coitrack.reading import acroform, pipeline  # noqa: F401
from coitrack.reading.layout import reader  # noqa: F401
from coitrack.reading.ocr import warm

warm.load()
