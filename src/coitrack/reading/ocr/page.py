"""One scanned page -> a :class:`~coitrack.reading.pagetext.PageText` of recognized words.

straighten (quarter turn, skew) -> detect text lines -> upside down? -> recognize -> words in
points, and check marks drawn as an X (marks.py). The layout reader then reads the words as it
reads a text layer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from coitrack.reading.layout.anchors import Captions
from coitrack.reading.layout.geometry import locate
from coitrack.reading.ocr import boilerplate, straighten
from coitrack.reading.ocr.engine import Line, get_engine
from coitrack.reading.ocr.images import PageImage
from coitrack.reading.ocr.marks import drawn_marks
from coitrack.reading.ocr.words import words_from_lines
from coitrack.reading.pagetext import PageText

DET_DPI = 125  # detection runs on the page at this resolution (recognition on the full one)
ORIENTATION_SAMPLE = 40  # text lines asked whether the page is upside down
UPSIDE_DOWN_SHARE = 0.6
MIN_ORIENTATION_RATIO = 2.5  # lines at least this many times wider than tall (words, not marks)
MAX_LINES = 1500  # an ACORD 25 page has ~180 text lines
SOFTEN_BELOW = 175  # dpi: 1-bit pages under this are blurred before reading (_softened)
SOFTEN_SIGMA = 0.6  # pixels
PREFIX_RATIO = 5  # long lines are first read this many line-heights far (see _recognize)


@dataclass
class OcrPage:
    text: PageText  # in points of the straightened page
    turn: straighten.Turn
    dpi: float
    size: tuple[int, int]  # pixels of the straightened page (width, height)
    lines: int
    gray: np.ndarray  # the straightened page (for second readings of unsure values)

    def box_on_original(
        self, box: tuple[float, float, float, float]
    ) -> tuple[float, float, float, float]:
        """A box in points on the straightened page -> points on the page as uploaded."""
        if self.turn.is_identity:
            return box
        k = self.dpi / 72.0
        pixels = tuple(v * k for v in box)
        x0, y0, x1, y1 = self.turn.to_original(pixels, self.size)  # type: ignore[arg-type]
        width, height = self.turn.width, self.turn.height
        x0, x1 = max(0.0, x0), min(float(width), x1)
        y0, y1 = max(0.0, y0), min(float(height), y1)
        return (x0 / k, y0 / k, x1 / k, y1 / k)


def read_page(image: PageImage) -> OcrPage:
    engine = get_engine()
    source = _softened(image.gray, image.dpi)
    turn = straighten.find_turn(source)
    gray = straighten.apply(source, turn)
    boxes = _detect(engine, gray, image.dpi)
    if _upside_down(engine, gray, boxes):
        gray = np.ascontiguousarray(gray[::-1, ::-1])
        height, width = gray.shape
        boxes = [(width - x1, height - y1, width - x0, height - y0) for x0, y0, x1, y1 in boxes]
        boxes.sort(key=lambda b: (b[1], b[0]))
        turn = straighten.Turn(turn.quarters + 2, turn.skew, turn.width, turn.height)
    height, width = gray.shape
    size_pt = (width * 72.0 / image.dpi, height * 72.0 / image.dpi)
    lines = _recognize(engine, gray, boxes, image, size_pt)
    kept = [(box, line) for box, line in zip(boxes, lines, strict=True) if line.text.strip()]
    words = words_from_lines([b for b, _ in kept], [line for _, line in kept], image.dpi)
    strokes = drawn_marks(gray, image.dpi, [(w.x0, w.top, w.x1, w.bottom) for w in words])
    text = PageText(image.number, *size_pt, words, strokes)
    return OcrPage(text, turn, image.dpi, (width, height), len(kept), gray)


def _softened(gray: np.ndarray, dpi: float) -> np.ndarray:
    """A 1-bit page (a fax) under :data:`SOFTEN_BELOW` dpi, lightly blurred: the recognizer was
    trained on grey edges, and a thin stroke broken by the fax's threshold reads better as a
    faint one. Measured on the ten 1-bit pages among 80 generated 150 dpi scans: 8 more of
    their critical values read, none read wrongly that was right; at 200 dpi it gained little
    and cost precision, so it is not done there. Any other page is returned as it is."""
    import cv2

    if dpi >= SOFTEN_BELOW or len(np.unique(gray[::8, ::8])) > 2:
        return gray
    return cv2.GaussianBlur(gray, (0, 0), SOFTEN_SIGMA)


def _recognize(engine, gray, boxes, image: PageImage, size_pt) -> list[Line]:
    """Every line's text, long lines in two steps.

    Recognition costs in proportion to a line's length, and most long lines of a certificate
    are its printed captions and prose (the notice at the top, the terms above the coverage
    table, the cancellation clause). So long lines are first read only for their first
    :data:`PREFIX_RATIO` heights: a start that identifies a known caption gives the whole
    line (boilerplate.py); the captions are then located, and the other long lines are read in
    full unless they lie in one of the prose areas. When the captions are not found every
    other line is read in full.
    """
    cut_boxes = [
        (x0, y0, min(x1, x0 + int(PREFIX_RATIO * (y1 - y0))), y1) for x0, y0, x1, y1 in boxes
    ]
    lines = engine.recognize([gray[y0:y1, x0:x1] for x0, y0, x1, y1 in cut_boxes])
    long = [i for i, (box, cut) in enumerate(zip(boxes, cut_boxes, strict=True)) if box != cut]
    if not long:
        return lines
    read_boxes = list(cut_boxes)  # the box each line's glyph positions are fractions of
    pending = []
    for i in long:
        width = boxes[i][2] - boxes[i][0]
        caption = boilerplate.as_caption(
            lines[i], (cut_boxes[i][2] - cut_boxes[i][0]) / max(1, width), boxes[i]
        )
        if caption is None:
            lines[i] = _without_cut_word(lines[i])
            pending.append(i)
        else:
            lines[i], read_boxes[i] = caption, boxes[i]
    skip = _prose_zones(read_boxes, lines, image.dpi, size_pt)
    scale = 72.0 / image.dpi
    full = [
        i
        for i in pending
        if not any(
            z[0] <= (boxes[i][0] + boxes[i][2]) / 2 * scale < z[2]
            and z[1] <= (boxes[i][1] + boxes[i][3]) / 2 * scale < z[3]
            for z in skip
        )
    ]
    for i, line in zip(
        full,
        engine.recognize([gray[y0:y1, x0:x1] for x0, y0, x1, y1 in (boxes[i] for i in full)]),
        strict=True,
    ):
        lines[i] = line
    for i in set(pending) - set(full):
        lines[i] = _stretched(lines[i], cut_boxes[i], boxes[i])
    return lines


def _without_cut_word(line: Line) -> Line:
    """A line read from a crop cut short, without the word the cut ran through."""
    glyphs = list(line.glyphs)
    while glyphs and glyphs[-1].char != " ":
        glyphs.pop()
    return Line("".join(g.char for g in glyphs).rstrip(), line.confidence, tuple(glyphs))


def _stretched(line: Line, cut: tuple[int, int, int, int], box: tuple[int, int, int, int]) -> Line:
    """A prefix's glyph positions (fractions of the cut crop) as fractions of the whole box."""
    factor = (cut[2] - cut[0]) / max(1, box[2] - box[0])
    glyphs = tuple(replace(g, x0=g.x0 * factor, x1=g.x1 * factor) for g in line.glyphs)
    return Line(line.text, line.confidence, glyphs)


def _prose_zones(boxes, lines, dpi: float, size_pt) -> list[tuple[float, float, float, float]]:
    """Rectangles (points) of the printed prose of an ACORD 25: the notice above PRODUCER, the
    terms between COVERAGES and the table header, the cancellation clause. Empty when the
    captions that bound them are not found."""
    kept = [(b, line) for b, line in zip(boxes, lines, strict=True) if line.text.strip()]
    words = words_from_lines([b for b, _ in kept], [line for _, line in kept], dpi)
    layout = locate(Captions(PageText(0, *size_pt, words, strokes=[])))
    if layout is None:
        return []
    a, width = layout.anchors, size_pt[0]
    zones = []
    if "producer" in a:
        top = min(a[k].top for k in ("producer", "contact") if k in a)
        zones.append((0.0, 0.0, width, top - 2))
    header = [a[k].top for k in ("h.ltr", "h.addl", "h.number", "h.eff") if k in a]
    if "coverages" in a and header:
        zones.append((0.0, a["coverages"].bottom + 1, width, min(header) - 1))
    if "cancellation" in a:
        cancel = a["cancellation"]
        bottom = a["signature"].top - 1 if "signature" in a else cancel.bottom + 40
        zones.append((cancel.x0 - 2, cancel.bottom + 1, width, bottom))
    return [z for z in zones if z[3] > z[1]]


def _detect(engine, gray: np.ndarray, dpi: float) -> list[tuple[int, int, int, int]]:
    import cv2

    scale = min(1.0, DET_DPI / dpi)
    small = gray
    if scale < 0.95:
        small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    height, width = gray.shape
    sx, sy = width / small.shape[1], height / small.shape[0]
    boxes = []
    for x0, y0, x1, y1, _ in engine.detect(small)[:MAX_LINES]:
        box = (
            max(0, int(x0 * sx)),
            max(0, int(y0 * sy)),
            min(width, math.ceil(x1 * sx)),
            min(height, math.ceil(y1 * sy)),
        )
        if box[2] - box[0] >= 3 and box[3] - box[1] >= 3:
            boxes.append(box)
    return boxes


def _upside_down(engine, gray: np.ndarray, boxes) -> bool:
    """Whether most text lines read upside down (the page was scanned turned by 180)."""
    wide = [b for b in boxes if (b[2] - b[0]) >= MIN_ORIENTATION_RATIO * (b[3] - b[1])]
    wide.sort(key=lambda b: -(b[2] - b[0]))
    sample = wide[:ORIENTATION_SAMPLE]
    if len(sample) < 3:
        return False
    probabilities = engine.upside_down([gray[y0:y1, x0:x1] for x0, y0, x1, y1 in sample])
    votes = sum(1 for p in probabilities if p > 0.5)
    return votes >= UPSIDE_DOWN_SHARE * len(sample)
