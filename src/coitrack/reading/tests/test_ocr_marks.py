"""Check marks drawn as an "X" found in a scan's pixels (ocr/marks.py), and one-letter marks
whose doubt is only which mark letter they are (ocr/words.py). Pages are drawn with OpenCV."""

from __future__ import annotations

import numpy as np
import pytest

from coitrack.reading.ocr.engine import Glyph, Line
from coitrack.reading.ocr.marks import drawn_marks
from coitrack.reading.ocr.words import words_from_lines
from coitrack.reading.result import CONFIDENCE_THRESHOLD

cv2 = pytest.importorskip("cv2")
DPI = 150
K = DPI / 72


def _page() -> np.ndarray:
    return np.full((400, 400), 235, np.uint8)  # paper a little grey, as scanned


def _box(page: np.ndarray, x: float, y: float, side: float = 10.0) -> None:
    """A check box of ``side`` points with its top-left corner at (x, y) points."""
    cv2.rectangle(
        page, (round(x * K), round(y * K)), (round((x + side) * K), round((y + side) * K)), 60, 1
    )


def _cross(page: np.ndarray, x: float, y: float, size: float = 8.0) -> None:
    a, b = (round(x * K), round(y * K)), (round((x + size) * K), round((y + size) * K))
    cv2.line(page, a, b, 30, 2)
    cv2.line(page, (a[0], b[1]), (b[0], a[1]), 30, 2)


def test_an_x_drawn_in_a_check_box_is_found_where_it_is_drawn():
    page = _page()
    _box(page, 20, 20)
    _cross(page, 21, 21)
    (mark,) = drawn_marks(page, DPI, [])
    assert 19 <= mark.x0 < mark.x1 <= 31 and 19 <= mark.top < mark.bottom <= 31


def test_empty_boxes_ruling_lines_strokes_and_blots_are_not_marks():
    page = _page()
    _box(page, 20, 20)  # an empty box
    cv2.line(page, (0, round(60 * K)), (399, round(60 * K)), 40, 2)  # a rule
    cv2.line(page, (round(20 * K), round(80 * K)), (round(28 * K), round(88 * K)), 30, 2)  # "\"
    cv2.circle(page, (round(50 * K), round(100 * K)), round(3 * K), 20, -1)  # a blot
    cv2.circle(page, (round(80 * K), round(100 * K)), 1, 20, -1)  # a speck
    assert drawn_marks(page, DPI, []) == []


def test_a_blob_inside_recognized_text_is_that_text():
    page = _page()
    _cross(page, 21, 21)
    assert drawn_marks(page, DPI, [(15.0, 18.0, 60.0, 32.0)]) == []


def test_a_finer_scan_finds_the_same_mark():
    page = cv2.resize(_page(), None, fx=2, fy=2)
    cv2.line(page, (84, 84), (124, 124), 30, 3)
    cv2.line(page, (84, 124), (124, 84), 30, 3)
    (mark,) = drawn_marks(page, 2 * DPI, [])
    assert mark.x0 == pytest.approx(84 * 72 / 300, abs=1.0)


@pytest.mark.parametrize(("mark", "kept"), [(0.97, True), (0.5, False)])
def test_a_lone_mark_letter_is_as_sure_as_it_is_some_mark_letter(mark, kept):
    # "X" at 0.55 against "Y" or "x": what the mark says does not change, so the doubt that
    # counts is whether it is a mark letter at all.
    line = Line("X", 0.55, (Glyph("X", 0.3, 0.7, 0.55, None, mark),))
    (word,) = words_from_lines([(0, 0, 30, 40)], [line], 200)
    assert (word.confidence >= CONFIDENCE_THRESHOLD) is kept


# A typed bold "X" in a check box as a fax gave it back (150 dpi, 4.3 x 5.8 points, 61% ink):
# smaller and fuller than a drawn one.
_FAX_X = """
###...##.
###..####
.#######.
..#####..
..#####..
..####...
..####...
..#####..
.#######.
####.###.
###...###
##.....##
"""


def test_a_bold_typed_x_on_a_fax_is_a_mark():
    page = _page()
    _box(page, 20, 20)
    rows = [[c == "#" for c in line] for line in _FAX_X.split()]
    x, y = round(21.5 * K), round(21.5 * K)
    region = page[y : y + len(rows), x : x + len(rows[0])]
    region[np.array(rows)] = 0
    (mark,) = drawn_marks(page, DPI, [])
    assert 20 <= mark.x0 < mark.x1 <= 30
