"""The views of a value's line that OCR reads again (reread.py): the same crop shown to the
recognizer three ways, so that readings which agree are worth more than one.

- as it is: the value's words with a margin of paper instead of the page's neighbouring ink
  (a rule, a "$", a caption), and so at another scale than on the page;
- smaller: with paper above and below, the glyphs come smaller;
- stretched: its ink made black and its paper white, lightly smoothed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from coitrack.reading.layout.regions import lines_of

if TYPE_CHECKING:
    from coitrack.reading.assemble import Slot
    from coitrack.reading.ocr.page import OcrPage
    from coitrack.reading.pagetext import Word

MARGIN = 0.6  # line heights of paper either side of the value's words
TIGHT = 0.1  # line heights of the page kept around the words (their ink may spread)
ABOVE, BELOW = 0.02, 0.08  # line heights above and below the words' text box (as detected)


def value_lines(slot: Slot, page: OcrPage) -> list[list[Word]] | None:
    """The OCR words that make up ``slot``'s text, inside its evidence box, by line; None when
    the slot has no text or box, or the box holds other words too."""
    evidence = slot.evidence
    if not slot.text or evidence is None or evidence.box is None:
        return None
    x0, top, x1, bottom = evidence.box
    words = [
        w
        for w in page.text.words
        if x0 <= w.cx <= x1 and top <= w.cy <= bottom and w.x0 >= x0 - 0.5 and w.x1 <= x1 + 0.5
    ]
    lines = lines_of(words)
    if " ".join(w.text for line in lines for w in line) != slot.text:
        return None
    return lines


def crops_of(page: OcrPage, line: list[Word]) -> list[tuple[np.ndarray, float]]:
    """The views of one line read again (:data:`VIEWS`)."""
    crop, dpi = _crop(page, line)
    return [(view(crop), dpi) for view in VIEWS]


def _as_is(crop: np.ndarray) -> np.ndarray:
    return crop


def _smaller(crop: np.ndarray) -> np.ndarray:
    """The crop with paper above and below: the recognizer sees the glyphs smaller."""
    paper = int(np.percentile(crop, 90)) if crop.size else 255
    pad = max(1, int(crop.shape[0] * 0.3))
    return np.pad(crop, ((pad, pad), (0, 0)), constant_values=paper)


def _stretched(crop: np.ndarray) -> np.ndarray:
    """The crop with its ink made black and its paper white, lightly smoothed."""
    import cv2

    if not crop.size:
        return crop
    low, high = np.percentile(crop, 2), np.percentile(crop, 90)
    scaled = (crop.astype(np.float32) - low) * (255.0 / max(1.0, high - low))
    smooth = cv2.GaussianBlur(np.clip(scaled, 0, 255), (0, 0), 0.6)
    return smooth.astype(np.uint8)


VIEWS = (_as_is, _smaller, _stretched)


def _crop(page: OcrPage, line: list[Word]) -> tuple[np.ndarray, float]:
    """The words of one line with paper around them, and the crop's resolution."""
    k = page.dpi / 72.0
    height = max(w.bottom - w.top for w in line)
    x0 = max(0, int((min(w.x0 for w in line) - TIGHT * height) * k))
    x1 = min(page.gray.shape[1], int((max(w.x1 for w in line) + TIGHT * height) * k) + 1)
    y0 = max(0, int((min(w.top for w in line) - ABOVE * height) * k))
    y1 = min(page.gray.shape[0], int((max(w.bottom for w in line) + BELOW * height) * k) + 1)
    crop = page.gray[y0:y1, x0:x1]
    paper = int(np.percentile(crop, 90)) if crop.size else 255
    margin = max(1, int(MARGIN * height * k))
    return np.pad(crop, ((0, 0), (margin, margin)), constant_values=paper), page.dpi
