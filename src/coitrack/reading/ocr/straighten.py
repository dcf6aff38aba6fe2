"""Straighten a scanned page before OCR: quarter turns (a page fed sideways) and small skew.

Both are found on a small copy of the page with the projection-profile method: printed text
lines make the row sums of ink alternate sharply between lines and gaps when, and only when,
the lines run horizontally. Ruling lines are removed first (a form's long vertical rules would
otherwise look like text lines once the page is turned). Upside down (180 degrees) cannot be
told this way; the OCR reader asks the text-line orientation model about that once the lines
are found.

:class:`Turn` keeps what was done so evidence boxes can be mapped back onto the page as it was
uploaded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

ANALYSIS_WIDTH = 900  # pixels of the small copy the angles are measured on
MAX_SKEW = 6.0  # degrees searched either way
COARSE_STEP, FINE_STEP = 0.5, 0.1
MIN_SKEW = 0.15  # degrees; less is not worth a resampling


@dataclass(frozen=True)
class Turn:
    """How a page was straightened: ``quarters`` counter-clockwise quarter turns, then a
    rotation by ``skew`` degrees (counter-clockwise) about the centre. Sizes are in pixels."""

    quarters: int
    skew: float
    width: int  # of the page as uploaded
    height: int

    @property
    def is_identity(self) -> bool:
        return self.quarters % 4 == 0 and self.skew == 0.0

    def to_original(
        self, box: tuple[float, float, float, float], straight_size: tuple[int, int]
    ) -> tuple[float, float, float, float]:
        """A box (x0, top, x1, bottom) on the straightened page, in its pixels, as the box
        around it on the page as uploaded."""
        width, height = straight_size
        x0, y0, x1, y1 = box
        corners = [(x0, y0), (x1, y0), (x0, y1), (x1, y1)]
        if self.skew:
            corners = [_rotate_point(x, y, -self.skew, width, height) for x, y in corners]
        turned_w, turned_h = (
            (self.height, self.width) if self.quarters % 2 else (self.width, self.height)
        )
        for _ in range(self.quarters % 4):
            # undo one counter-clockwise quarter turn: the page before it was turned_h wide
            corners = [(turned_h - y, x) for x, y in corners]
            turned_w, turned_h = turned_h, turned_w
        xs, ys = zip(*corners, strict=True)
        return (min(xs), min(ys), max(xs), max(ys))


def _rotate_point(x: float, y: float, degrees: float, width: int, height: int):
    """(x, y) rotated by ``degrees`` counter-clockwise (as seen on screen) about the centre."""
    theta = math.radians(degrees)
    cx, cy = width / 2, height / 2
    dx, dy = x - cx, y - cy
    # y grows downwards: a counter-clockwise turn on screen is clockwise in these coordinates
    return (
        cx + dx * math.cos(theta) + dy * math.sin(theta),
        cy - dx * math.sin(theta) + dy * math.cos(theta),
    )


def text_mask(gray: np.ndarray) -> np.ndarray:
    """Ink of a small copy of ``gray`` (1 = ink), without long ruling lines."""
    import cv2

    scale = min(1.0, ANALYSIS_WIDTH / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    length = max(15, int(max(small.shape) / 25))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))
    return (ink & ~(horizontal | vertical)).astype(np.uint8)


def _sharpness(mask: np.ndarray, degrees: float) -> float:
    """How crisply the rows of ``mask`` turned by ``degrees`` split into lines and gaps."""
    import cv2

    if degrees:
        height, width = mask.shape
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
        mask = cv2.warpAffine(mask, matrix, (width, height), flags=cv2.INTER_NEAREST)
    rows = mask.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def best_skew(mask: np.ndarray) -> tuple[float, float]:
    """(angle, sharpness): the rotation within +-MAX_SKEW that makes text lines horizontal."""
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, COARSE_STEP)
    scores = [_sharpness(mask, a) for a in coarse]
    centre = float(coarse[int(np.argmax(scores))])
    fine = np.arange(centre - COARSE_STEP, centre + COARSE_STEP + 1e-9, FINE_STEP)
    fine_scores = [_sharpness(mask, a) for a in fine]
    index = int(np.argmax(fine_scores))
    return round(float(fine[index]), 2), fine_scores[index]


def find_turn(gray: np.ndarray) -> Turn:
    """Quarter turns (0 or 1: sideways or not; 180 is decided later) and skew of a page."""
    mask = text_mask(gray)
    if mask.sum() < 50:
        return Turn(0, 0.0, gray.shape[1], gray.shape[0])
    upright_angle, upright = best_skew(mask)
    side_angle, sideways = best_skew(np.ascontiguousarray(np.rot90(mask)))
    if sideways > upright * 1.3:
        quarters, angle = 1, side_angle
    else:
        quarters, angle = 0, upright_angle
    if abs(angle) < MIN_SKEW:
        angle = 0.0
    return Turn(quarters, angle, gray.shape[1], gray.shape[0])


def apply(gray: np.ndarray, turn: Turn) -> np.ndarray:
    """``gray`` straightened by ``turn`` (white where the rotation uncovers the corners)."""
    import cv2

    out = np.ascontiguousarray(np.rot90(gray, turn.quarters % 4)) if turn.quarters % 4 else gray
    if turn.skew:
        height, width = out.shape
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), turn.skew, 1.0)
        out = cv2.warpAffine(
            out,
            matrix,
            (width, height),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=255,
        )
    return out
