"""A page's words as lines, and each line as *cells*: runs of words separated by wide gaps.

A cell is what a person sees as one piece of text: "Named Insured:", "Acme Roofing LLC", a table
column's entry. Labels and values are found in cells, so a value is never glued to the next
column's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coitrack.reading.layout.regions import lines_of as visual_lines
from coitrack.reading.pagetext import PageText, Spanned, Word

# A gap wider than this share of the text height separates two cells: a word space is about a
# quarter of the font size, a column gap several times it.
CELL_GAP = 0.9


@dataclass
class Cell(Spanned):
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Line(Spanned):
    index: int
    words: list[Word]
    cells: list[Cell] = field(default_factory=list)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def lines_of(page: PageText) -> list[Line]:
    """The page's words as lines, top to bottom, each left to right and split into cells."""
    words = [part for word in page.words for part in split_colon(word) if part.text.strip()]
    return [
        Line(index, line, _cells(line)) for index, line in enumerate(visual_lines(words))
    ]


_GLUED = re.compile(r"^([A-Za-z][A-Za-z.'#/&()\- ]*:)(\S.*)$")


_GLUED_AMOUNT = re.compile(r"^(.*[A-Za-z)])(\$\d[\d,.]*)$")  # "(Each Accident)$1,000,000"


def split_colon(word: Word) -> list[Word]:
    """A label printed against its value as two words: "Insurance:January",
    "Accident)$1,000,000". A word without letters before its colon ("10:30") stays whole."""
    match = _GLUED.match(word.text) or _GLUED_AMOUNT.match(word.text)
    if not match:
        return [word]
    left, right = match.group(1), match.group(2)
    if word.glyphs and len(word.glyphs) == len(word.text):
        edge = word.glyphs[len(left) - 1][2]
    else:
        edge = word.x0 + (word.x1 - word.x0) * len(left) / len(word.text)
    return [
        Word(left, word.x0, word.top, edge, word.bottom, confidence=word.confidence),
        Word(right, edge, word.top, word.x1, word.bottom, confidence=word.confidence),
    ]


def _cells(words: list[Word]) -> list[Cell]:
    cells: list[Cell] = []
    for word in words:
        if cells:
            last = cells[-1].words[-1]
            size = max(min(last.height, word.height), 1.0)
            if word.x0 - last.x1 <= CELL_GAP * size:
                cells[-1].words.append(word)
                continue
        cells.append(Cell([word]))
    return cells


def cell_start(line: Line, word_index: int) -> bool:
    """Whether the word at ``word_index`` starts one of the line's cells."""
    word = line.words[word_index]
    return any(cell.words[0] is word for cell in line.cells)


def cell_end(line: Line, word_index: int) -> bool:
    """Whether the word at ``word_index`` ends one of the line's cells."""
    word = line.words[word_index]
    return any(cell.words[-1] is word for cell in line.cells)
