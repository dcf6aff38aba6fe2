"""Values printed below their label, and blocks of lines (a name and its address, remarks).

Lines continue a block while they start where the block's first line starts (left-aligned text,
within a few points), follow it closely (no blank line), and do not start with a label.
"""

from __future__ import annotations

import re

from coitrack.reading.generic.labels import Label
from coitrack.reading.generic.lines import Cell, Line
from coitrack.reading.pagetext import Word

ALIGN = 8.0  # points of play in the left edge of a block's lines
LINE_GAP = 1.6  # a gap taller than this many line heights ends a block


def block(
    lines: list[Line],
    label: Label,
    labels_by_line: dict[int, list[Label]],
    *,
    max_lines: int,
) -> list[Cell]:
    """The cells of ``label``'s value: its same-line value (if any) and the aligned lines below.

    ``max_lines`` counts every line of the value, the same-line one included.
    """
    cells: list[Cell] = []
    if label.value:
        cells.append(Cell(list(label.value)))
        left = label.value[0].x0
    else:
        left = label.x0
    # The next label to the right on the label's own line bounds the block's width.
    right = min(
        (other.x0 for other in labels_by_line.get(label.line.index, []) if other.x0 > label.x1),
        default=float("inf"),
    )
    previous, spacing = label.line, None
    for line in lines[label.line.index + 1 :]:
        if len(cells) >= max_lines:
            break
        gap = line.top - previous.bottom
        if gap > LINE_GAP * previous.height:
            break
        # A block's lines are evenly spaced: a wider gap than the last one starts something else.
        if spacing is not None and gap > spacing + 0.5 * previous.height:
            break
        # A label printed in the block's column (at or left of its text) starts something else.
        if any(
            label.x0 - ALIGN <= other.x0 <= left + ALIGN
            for other in labels_by_line.get(line.index, [])
        ):
            break
        cell = _aligned(line, left, right)
        if cell is None and not cells:
            cell = _centred(line, label, labels_by_line)
        if cell is None:
            break
        cells.append(cell)
        if previous is not label.line or label.value:
            spacing = gap if spacing is None else max(spacing, gap)
        previous = line
    return cells


def _centred(line: Line, label: Label, labels_by_line: dict[int, list[Label]]) -> Cell | None:
    """A value centred under its label: the one cell of the line below whose middle lies within
    the label's width, overlapping no other label of the label's line."""
    others = [o for o in labels_by_line.get(label.line.index, []) if o is not label]
    found = [
        cell
        for cell in line.cells
        if label.x0 <= (cell.x0 + cell.x1) / 2 <= label.x1
        and not any(cell.x0 < o.x1 and o.x0 < cell.x1 for o in others)
    ]
    return found[0] if len(found) == 1 else None


def _aligned(line: Line, left: float, right: float) -> Cell | None:
    for cell in line.cells:
        if abs(cell.x0 - left) <= ALIGN and cell.x0 < right:
            words = [w for w in cell.words if w.x0 < right]
            return Cell(words) if words else None
    return None


# The last word of a company's name; a name ending otherwise may go on on the next line.
_NAME_END = re.compile(
    r"\b(?:company|co\.?|inc\.?|incorporated|corporation|corp\.?|fund|association|exchange"
    r"|ltd\.?|llc|america|insurers|underwriters|pa)\W*$",
    re.IGNORECASE,
)


WRAPPED_LINES = 2
_GOES_ON = re.compile(r"^(?:of|and|&|,)\s", re.IGNORECASE)


def name_words(
    lines: list[Line], label: Label, labels_by_line: dict[int, list[Label]]
) -> list[Word]:
    """An insurer's name after its label, with the lines it wraps onto in a narrow cell
    ("Carrier: State Compensation" / "Insurance Fund"): up to two close, short lines below,
    starting under the label or under the name, without digits, colons or labels, while the
    name so far does not end the way company names end ("... Company", unless the next line
    goes on with "of ...")."""
    cells = block(lines, label, labels_by_line, max_lines=1)
    if not cells or not label.value:
        return list(cells[0].words) if cells else []
    words = list(cells[0].words)
    starts = [label.x0, label.value[0].x0]
    previous = label.line
    for index in range(label.line.index + 1, min(label.line.index + 1 + WRAPPED_LINES, len(lines))):
        below = lines[index]
        if below.top - previous.bottom > 0.8 * previous.height:
            break
        cell = next((c for c in below.cells if any(abs(c.x0 - x) <= ALIGN for x in starts)), None)
        if cell is None or len(cell.words) > 5:
            break
        text = " ".join(w.text for w in cell.words)
        taken = any(o.words[0] is cell.words[0] for o in labels_by_line.get(index, []))
        ended = _NAME_END.search(words[-1].text) and not _GOES_ON.match(text)
        if taken or ended or ":" in text or any(ch.isdigit() for ch in text):
            break
        words += cell.words
        previous = below
    return words
