"""The text layer of a page as words with boxes, plus the diagonal strokes of drawn check marks.

Two interchangeable backends produce the same :class:`PageText`:

- ``pdfium`` (default): PDFium through pypdfium2, compiled and fuzzed; about 20 ms per page;
- ``pdfplumber``: pdfminer in pure Python; the same result at 0.3-0.6 s per page on real
  certificates, too slow for the 0.25 s budget but handy to cross-check the fast one.

Coordinates are PDF points with the origin at the top-left corner of the page (``top`` grows
downwards), which is how a person reads a certificate and how evidence boxes are reported.
"""

from __future__ import annotations

import ctypes
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

MAX_CHARS_PER_PAGE = 60_000  # an ACORD 25 page holds ~4,000; more is not a certificate page


class Spanned:
    """The box of a run of words (``self.words``): a caption, a cell, a line."""

    words: Sequence[Word]

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    # (character, x0, x1) of each glyph, to split words that run across a column edge; OCR adds
    # the recognizer's second choice for the character (or None) as a fourth item
    glyphs: tuple[tuple, ...] = field(default=(), compare=False, repr=False)
    # how sure the source is of the text: 1 for a text layer, lower for OCR (evidence scale)
    confidence: float = field(default=1.0, compare=False, repr=False)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Stroke:
    """A drawn line that is neither horizontal nor vertical: half of an "X" in a check box."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class PageText:
    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    strokes: list[Stroke]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(frozen=True)
class _Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


_SPACE = _Char(" ", 0, 0, 0, 0)


def words_from_chars(chars: Iterable[_Char]) -> list[Word]:
    """Join characters into words.

    First in drawing order (a word is nearly always drawn in one go), then neighbours on the same
    line are merged, for producers that draw a line's characters out of order.
    """
    pieces: list[Word] = []
    spaced: set[int] = set()  # pieces with a space drawn right before or after them
    current: list[_Char] = []
    after_space = False

    def close() -> None:
        nonlocal current, after_space
        if current:
            pieces.extend(_word(current))
            if after_space:
                spaced.add(id(pieces[-1]))
        current, after_space = [], False

    for char in chars:
        if char.text.isspace():
            if current:
                close()
                spaced.add(id(pieces[-1]))
            after_space = True
            continue
        if current and not _adjacent(current[-1], char):
            close()
        current.append(char)
    close()
    return _merge_neighbours(pieces, spaced)


def _adjacent(left: _Char | Word, right: _Char | Word) -> bool:
    size = max(left.bottom - left.top, right.bottom - right.top, 1.0)
    gap = right.x0 - left.x1
    overlap = min(left.bottom, right.bottom) - max(left.top, right.top)
    smaller = max(min(left.bottom - left.top, right.bottom - right.top), 0.5)
    return -0.5 * size <= gap <= 0.18 * size and overlap >= 0.6 * smaller


def _merge_neighbours(pieces: list[Word], spaced: set[int]) -> list[Word]:
    by_end: dict[int, list[int]] = {}  # rounded x1 -> indexes of words ending there
    merged: list[Word | None] = []
    retired: list[Word] = []
    for piece in sorted(pieces, key=lambda w: w.x0):
        target = None
        for bucket in range(int(piece.x0) - 3, int(piece.x0) + 2):
            for index in by_end.get(bucket, ()):
                candidate = merged[index]
                if (
                    candidate is not None
                    and _adjacent(candidate, piece)
                    and id(candidate) not in spaced
                    and id(piece) not in spaced
                ):
                    target = index
                    break
            if target is not None:
                break
        if target is None:
            merged.append(piece)
            by_end.setdefault(int(piece.x1), []).append(len(merged) - 1)
            continue
        left = merged[target]
        assert left is not None
        by_end[int(left.x1)].remove(target)
        joined = Word(
            left.text + piece.text,
            min(left.x0, piece.x0),
            min(left.top, piece.top),
            max(left.x1, piece.x1),
            max(left.bottom, piece.bottom),
            left.glyphs + piece.glyphs,
        )
        merged[target] = joined
        retired.append(left)  # keep it alive: its id() must not be reused while we look up ids
        if id(piece) in spaced:
            spaced.add(id(joined))
        by_end.setdefault(int(joined.x1), []).append(target)
    words = [w for w in merged if w is not None]
    words.sort(key=lambda w: (w.top, w.x0))
    return words


def _word(chars: list[_Char]) -> list[Word]:
    if not chars:
        return []
    return [
        Word(
            text="".join(c.text for c in chars),
            x0=min(c.x0 for c in chars),
            top=min(c.top for c in chars),
            x1=max(c.x1 for c in chars),
            bottom=max(c.bottom for c in chars),
            glyphs=tuple((c.text, c.x0, c.x1) for c in chars),
        )
    ]


def split_at(word: Word, edge: float, *, min_glyphs: int = 3) -> tuple[Word, Word] | None:
    """``word`` cut in two at the column edge ``edge`` when at least ``min_glyphs`` characters lie
    on each side (two dates printed edge to edge read as one word); else None."""
    left = [g for g in word.glyphs if (g[1] + g[2]) / 2 < edge]
    right = [g for g in word.glyphs if (g[1] + g[2]) / 2 >= edge]
    if (
        len(left) < min_glyphs
        or len(right) < min_glyphs
        or len(left) + len(right) != len(word.text)
    ):
        return None

    def part(glyphs):
        return Word(
            "".join(g[0] for g in glyphs),
            min(g[1] for g in glyphs),
            word.top,
            max(g[2] for g in glyphs),
            word.bottom,
            tuple(glyphs),
            word.confidence,
        )

    return part(left), part(right)


def extract_pdfium(pdf, index: int) -> PageText:
    """The text layer of page ``index`` (0-based) of an open ``pypdfium2.PdfDocument``."""
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            chars = _pdfium_chars(textpage.raw, height, raw)
        finally:
            textpage.close()
        strokes = list(_pdfium_strokes(page, height))
    finally:
        page.close()
    return PageText(index + 1, width, height, words_from_chars(chars), strokes)


def _pdfium_chars(handle, page_height: float, raw) -> list[_Char]:
    count = min(raw.FPDFText_CountChars(handle), MAX_CHARS_PER_PAGE)
    if count <= 0:
        return []
    buffer = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(handle, 0, count, buffer)
    rect = raw.FS_RECTF()
    chars = []
    for i in range(count):
        code = buffer[i]
        if code in (0, 0x0D, 0x0A, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
            continue
        if code == 0x20:  # drawn or inferred by PDFium from a gap: a word break either way
            chars.append(_SPACE)
            continue
        if not raw.FPDFText_GetLooseCharBox(handle, i, rect):
            continue
        text = "-" if code == 2 else chr(code)  # PDFium reports a line-end hyphen as 0x02
        chars.append(
            _Char(text, rect.left, page_height - rect.top, rect.right, page_height - rect.bottom)
        )
    return chars


MAX_PAGE_OBJECTS = 20_000


def _pdfium_strokes(page, page_height: float) -> Iterable[Stroke]:
    import pypdfium2.raw as raw

    # Objects inside form XObjects report bounds in the form's space: keep the chain of form
    # matrices by nesting level to place them on the page.
    matrices: dict[int, tuple[float, ...]] = {0: (1, 0, 0, 1, 0, 0)}
    for count, obj in enumerate(page.get_objects(max_depth=6)):
        if count > MAX_PAGE_OBJECTS:
            return
        parent = matrices.get(obj.level, (1, 0, 0, 1, 0, 0))
        if obj.type == raw.FPDF_PAGEOBJ_FORM:
            m = obj.get_matrix()
            matrices[obj.level + 1] = _compose((m.a, m.b, m.c, m.d, m.e, m.f), parent)
            continue
        if obj.type != raw.FPDF_PAGEOBJ_PATH or not _has_diagonal(obj.raw, raw):
            continue
        left, bottom, right, top = obj.get_bounds()
        xs, ys = zip(
            *(_apply(parent, x, y) for x, y in ((left, bottom), (right, top))), strict=True
        )
        width, height = max(xs) - min(xs), max(ys) - min(ys)
        if 1.5 <= width <= 20 and 1.5 <= height <= 20:
            yield Stroke(min(xs), page_height - max(ys), max(xs), page_height - min(ys))


def _has_diagonal(handle, raw) -> bool:
    segments = raw.FPDFPath_CountSegments(handle)
    if segments < 2 or segments > 64:
        return False
    x, y = ctypes.c_float(), ctypes.c_float()
    previous: tuple[float, float] | None = None
    for i in range(segments):
        segment = raw.FPDFPath_GetPathSegment(handle, i)
        if not raw.FPDFPathSegment_GetPoint(segment, x, y):
            return False
        point = (x.value, y.value)
        if (
            previous is not None
            and raw.FPDFPathSegment_GetType(segment) == raw.FPDF_SEGMENT_LINETO
            and abs(point[0] - previous[0]) > 1
            and abs(point[1] - previous[1]) > 1
        ):
            return True
        previous = point
    return False


def _compose(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix of applying ``m`` then ``n`` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def extract_pdfplumber(data: bytes, index: int) -> PageText:
    """The same :class:`PageText` through pdfplumber (pdfminer); slower, used to cross-check."""
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data), pages=[index + 1]) as pdf:
        page = pdf.pages[0]
        chars = [
            _Char(c["text"], c["x0"], c["top"], c["x1"], c["bottom"])
            for c in page.chars[:MAX_CHARS_PER_PAGE]
            if c.get("upright", True)
        ]
        strokes = []
        for shape in [*page.lines, *page.curves]:
            points = shape.get("pts") or []
            diagonal = any(
                abs(x2 - x1) > 1 and abs(y2 - y1) > 1
                for (x1, y1), (x2, y2) in itertools.pairwise(points)
            )
            if diagonal and 1.5 <= shape["width"] <= 20 and 1.5 <= shape["height"] <= 20:
                strokes.append(Stroke(shape["x0"], shape["top"], shape["x1"], shape["bottom"]))
        return PageText(
            index + 1, float(page.width), float(page.height), words_from_chars(chars), strokes
        )
