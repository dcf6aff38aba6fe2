"""Load the OCR model once per worker process, not once per document.

Documents are read in a forked child (isolation.py). A child forked from a process that already
holds the model inherits it and starts reading at once; a child that has to load it pays ~0.5-1 s
and ~100 MB per document. So the model is loaded where the children are forked from:

- from a multi-threaded caller (web server, task worker), children come from the forkserver,
  which imports ``coitrack.reading.preload`` once, and that loads the model;
- from a single-threaded caller (the CLI, a benchmark, a one-thread worker), children are forked
  from the caller itself: :func:`warm_before_fork` loads the model there first, but only when the
  file may be a scan (an image, or a PDF without fonts), so reading text PDFs never pays for it.

When neither applies (a scan inside a PDF whose fonts the hint cannot see), the child loads the
model itself: the document is read all the same, a second slower.
"""

from __future__ import annotations

import logging
import threading

from coitrack.reading.document import sniff

logger = logging.getLogger(__name__)
OCR_TIMEOUT = 90.0  # seconds for a file that may need OCR (isolation's default is 30)


def may_need_ocr(data: bytes) -> bool:
    """A cheap guess from the bytes alone: an image file, or a PDF that names no font."""
    kind = sniff(data)
    if kind == "pdf":
        return b"/Font" not in data
    return kind != "unknown"


def load() -> bool:
    """Load the model in this process now; False (logged) when OCR is not installed."""
    from coitrack.reading.ocr.engine import OcrUnavailable, get_engine

    try:
        get_engine()
    except OcrUnavailable as error:
        logger.warning("OCR unavailable, scans will not be read: %s", error)
        return False
    return True


def warm_before_fork(data: bytes) -> None:
    """Load the model in this process if a reader is about to be forked from it for a file
    that may need OCR (see the module docstring)."""
    if threading.active_count() == 1 and may_need_ocr(data):
        load()
