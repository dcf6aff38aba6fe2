"""Check marks drawn as an "X" (two crossing strokes) found in the pixels of a scanned page.

The text detector looks for writing; an "X" drawn inside a check box is often not taken for
text at all, so the boxes it ticks would read as empty. Here the page's ink is searched for
marks directly: dark pixels, without the ruling lines and box edges (runs of ink longer than a
few points, horizontal or vertical), grouped into blobs. A blob is an "X" when it is the size
of a check mark, its ink reaches into all four quarters of its box (a single stroke or a speck
of dust does not) without filling it (a blot does), and runs along both diagonals (a round
letter does not). The marks are handed to
the layout reader as the :class:`~coitrack.reading.pagetext.Stroke` objects a text layer's
drawn marks are, and the layout reader decides, from the captions, which box each one ticks.
"""

from __future__ import annotations

import numpy as np

from coitrack.reading.pagetext import Stroke

WORK_DPI = 150  # finer pages are searched at this resolution
INK = 0.55  # darker than this share of the paper's tone is ink
# Points: longer straight runs of ink are rules or box edges (a check box is ~10 points wide),
# not a mark; an "X" drawn with a broad pen crosses in a run of up to ~4.
LINE_RUN = 6.0
MARK_SIZE = (4.0, 13.0)  # points: the side of a check mark's blob (a typed bold "X": ~4.3)
MARK_ASPECT = 1.8  # a blob's longer side over its shorter side, at most
MARK_FILL = (0.08, 0.65)  # share of the blob's box that is ink (a bold "X" on a fax: ~0.6)
QUARTER_SHARE = 0.08  # ink each quarter of the blob's box holds, at least
# An "X" lies along the diagonals of its box: this share of its ink within DIAGONAL_REACH (a
# fraction of the box) of one of them, and each diagonal with at least DIAGONAL_SHARE of it
# (round letters, a speck of dust or a single stroke do not).
ON_DIAGONALS = 0.75
DIAGONAL_REACH = 0.2
DIAGONAL_SHARE = 0.25
TEXT_OVERLAP = 0.5  # a blob this much inside a recognized word's box is that word


def drawn_marks(
    gray: np.ndarray,
    dpi: float,
    words: list[tuple[float, float, float, float]],
) -> list[Stroke]:
    """Marks drawn as an "X" on a straight page (``gray``, uint8), in points; ``words`` are the
    boxes (in points) of the text already recognized: a blob mostly inside one is that text."""
    import cv2

    if dpi > WORK_DPI * 1.1:  # marks are large: a finer page only costs time
        width = gray.shape[1]
        scale = WORK_DPI / dpi
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        dpi = dpi * gray.shape[1] / width
    k = dpi / 72.0
    paper = float(np.percentile(gray[::4, ::4], 90))  # a sample is enough for the tone
    ink = (gray < INK * paper).astype(np.uint8)
    run = max(3, round(LINE_RUN * k))
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, run), np.uint8))
    lines |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8))
    # A line's blurred edge would survive the opening by a pixel: take a little more.
    lines = cv2.dilate(lines, np.ones((3, 3), np.uint8))
    marks = ink & (1 - lines)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(marks, connectivity=8)
    low, high = MARK_SIZE[0] * k, MARK_SIZE[1] * k
    found = []
    for label in range(1, count):
        x, y, w, h, area = stats[label]
        if not (low <= w <= high and low <= h <= high) or max(w, h) > MARK_ASPECT * min(w, h):
            continue
        if not MARK_FILL[0] <= area / (w * h) <= MARK_FILL[1]:
            continue
        blob = labels[y : y + h, x : x + w] == label
        half_h, half_w = h // 2, w // 2
        quarters = (
            blob[:half_h, :half_w],
            blob[:half_h, half_w:],
            blob[half_h:, :half_w],
            blob[half_h:, half_w:],
        )
        if min(int(q.sum()) for q in quarters) < QUARTER_SHARE * area:
            continue
        if not _crosses(blob):
            continue
        box = (float(x / k), float(y / k), float((x + w) / k), float((y + h) / k))
        if any(_overlap(box, word) > TEXT_OVERLAP for word in words):
            continue
        found.append(Stroke(*box))
    return found


def _crosses(blob: np.ndarray) -> bool:
    """Whether the ink of ``blob`` (a boolean box) runs along both of its diagonals."""
    rows, cols = np.nonzero(blob)
    h, w = blob.shape
    u, v = (cols + 0.5) / w, (rows + 0.5) / h
    falling, rising = np.abs(u - v) < DIAGONAL_REACH, np.abs(u + v - 1) < DIAGONAL_REACH
    count = max(len(u), 1)
    return (
        (falling | rising).sum() >= ON_DIAGONALS * count
        and falling.sum() >= DIAGONAL_SHARE * count
        and rising.sum() >= DIAGONAL_SHARE * count
    )


def _overlap(box, other) -> float:
    """The share of ``box`` inside ``other``."""
    width = min(box[2], other[2]) - max(box[0], other[0])
    height = min(box[3], other[3]) - max(box[1], other[1])
    if width <= 0 or height <= 0:
        return 0.0
    return width * height / max((box[2] - box[0]) * (box[3] - box[1]), 1e-9)
