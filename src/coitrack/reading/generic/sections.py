"""Coverage sections: the part of the page that speaks of one policy.

Two shapes are recognized:
- a *heading* ("COMMERCIAL GENERAL LIABILITY", "Coverage: Business Auto") starts a section that
  runs down to the next heading, or to a certificate-wide label (holder, remarks ...);
- a *table* whose title line names its columns (Coverage / Policy Number / Effective /
  Expiration / Limits ...): each row whose coverage cell is a coverage heading is a section, and
  its cells are read by column.
Section labels (policy number, dates, limits, flags) belong to the section they are printed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coitrack.reading.generic.labels import Label
from coitrack.reading.generic.lines import Cell, Line
from coitrack.reading.generic.vocabulary import column_of, coverage_of
from coitrack.reading.pagetext import Word

# Certificate-wide labels that end a section printed above them.
BARRIERS = frozenset(
    {
        "insured",
        "holder",
        "producer",
        "description",
        "certificate_date",
        "certificate_number",
        "signature",
    }
)
POLICY_FIELDS = frozenset(
    {"policy_number", "period", "effective", "expiration", "addl", "subr", "retention"}
)
MIN_COLUMNS = 3  # a table's title line names the coverage column and at least two others
TABLE_GAP = 4.0  # line heights of blank paper that end a table


@dataclass
class Section:
    row: str  # gl, auto, umbrella, excess, wc, other
    heading: list[Word]
    claims_made: bool | None
    first: int  # line index of the heading
    last: int  # first line index after the section
    x0: float
    x1: float
    columns: dict[str, list[Cell]] = field(default_factory=dict)  # a table row's cells by column
    labels: list[Label] = field(default_factory=list)
    page: int = 1

    @property
    def heading_text(self) -> str:
        return " ".join(w.text for w in self.heading).strip(" :")

    def holds(self, label: Label) -> bool:
        line = label.line.index
        if not self.first <= line < self.last or not self.x0 - 2 <= label.x0 < self.x1:
            return False
        return line != self.first or label.x0 >= self.heading[0].x0


@dataclass(frozen=True)
class Column:
    name: str
    x0: float  # cells starting at or after x0 and before x1 belong to the column
    x1: float


def find_sections(
    lines: list[Line], labels_by_line: dict[int, list[Label]], width: float
) -> list[Section]:
    """The page's coverage sections, top to bottom, each with the section labels it holds."""
    barriers = {
        index
        for index, labels in labels_by_line.items()
        if any(label.field in BARRIERS for label in labels)
    }
    sections: list[Section] = []
    table_lines: set[int] = set()
    headers: set[int] = set()  # title lines of tables
    for header in range(len(lines)):
        if header in table_lines:
            continue
        columns, title_lines = _title(lines, header)
        if columns is None:
            continue
        rows, used = _table_rows(lines, title_lines[-1], columns, barriers)
        used |= set(title_lines)
        headers |= set(title_lines)
        _drop_table_labels(labels_by_line, used, set(title_lines), columns)
        sections += rows
        table_lines |= used
    sections += _headed_sections(lines, labels_by_line, barriers, table_lines, width)
    sections.sort(key=lambda s: (s.first, s.x0))
    orphans = []
    for labels in labels_by_line.values():
        for label in labels:
            holder = next((s for s in sections if s.holds(label)), None)
            if holder is not None:
                holder.labels.append(label)
            elif label.field in POLICY_FIELDS or label.field.startswith("limit:"):
                orphans.append(label)
    # A one-policy page may print the policy number and dates before its "Coverage:" line:
    # with a single section there is no doubt where they belong.
    if len(sections) == 1:
        sections[0].labels = sorted(
            [*orphans, *sections[0].labels], key=lambda lb: (lb.line.index, lb.x0)
        )
    return sections


def _drop_table_labels(
    labels_by_line: dict[int, list[Label]],
    used: set[int],
    titles: set[int],
    columns: list[Column],
) -> None:
    """Column titles are not labels, nor is a word of a table cell that happens to be one
    ("Company" ending a wrapped insurer name): in a table a label needs its value beside it,
    in its own column."""

    def column(x: float) -> str | None:
        return next((c.name for c in columns if c.x0 <= x < c.x1), None)

    for index in used:
        if index in labels_by_line:
            labels_by_line[index] = [
                label
                for label in labels_by_line[index]
                if index not in titles
                and label.value
                and column(label.value[0].x0) == column(label.x0)
            ]


def _title(lines: list[Line], index: int) -> tuple[list[Column] | None, list[int]]:
    """The columns of a table whose title line is ``index``, and the title's lines: one, or
    two when the titles wrap ("Policy" over "Number") and that names more columns."""
    one = _columns(lines[index].cells)
    if index + 1 < len(lines):
        line, below = lines[index], lines[index + 1]
        close = below.top - line.bottom < 0.8 * line.height
        if close and not any(ch.isdigit() for ch in below.text):
            two = _columns(_stacked(line.cells, below.cells))
            if two is not None and (one is None or len(two) > len(one)):
                return two, [index, index + 1]
    return one, [index]


def _stacked(upper: list[Cell], lower: list[Cell]) -> list[Cell]:
    """Title cells of two lines put together where they overlap (x), in reading order."""
    cells = [Cell(list(cell.words)) for cell in upper]
    for cell in lower:
        above = next((c for c in cells if c.x0 < cell.x1 and cell.x0 < c.x1), None)
        if above is None:
            cells.append(Cell(list(cell.words)))
        else:
            above.words.extend(cell.words)
    return sorted(cells, key=lambda c: c.x0)


def _columns(cells: list[Cell]) -> list[Column] | None:
    named = [(column_of(cell.text), cell) for cell in cells]
    named = [(name, cell) for name, cell in named if name]
    names = [name for name, _ in named]
    if "coverage" not in names or len(set(names)) < MIN_COLUMNS or len(set(names)) != len(names):
        return None
    if not {"policy_number", "effective", "period", "expiration"} & set(names):
        return None
    columns = []
    for index, (name, cell) in enumerate(named):
        left = cell.x0 - 4 if index else 0.0
        if index + 1 < len(named):
            following = named[index + 1][1]
            # Left-aligned entries run past their title; centred ones start before it.
            right = cell.x1 + 0.7 * (following.x0 - cell.x1)
            right = min(right, following.x0 - 4)
        else:
            right = float("inf")  # the last column runs to the page's edge, and past it
        columns.append(Column(name, left, right))
    return columns


def _column_cells(line: Line, columns: list[Column]) -> dict[str, Cell]:
    cells: dict[str, Cell] = {}
    for cell in line.cells:
        for column in columns:
            if column.x0 <= cell.x0 < column.x1:
                if column.name in cells:
                    cells[column.name] = Cell(cells[column.name].words + cell.words)
                else:
                    cells[column.name] = cell
                break
    return cells


def _table_rows(
    lines: list[Line], header: int, columns: list[Column], barriers: set[int]
) -> tuple[list[Section], set[int]]:
    rows: list[Section] = []
    used = {header}
    previous = lines[header]
    index = header + 1
    skip_coverage = False
    while index < len(lines):
        line = lines[index]
        if index in barriers or _columns(line.cells) is not None:
            break
        if line.top - previous.bottom > TABLE_GAP * previous.height:
            break
        cells = _column_cells(line, columns)
        coverage_cell = cells.get("coverage")
        heading, skip = None, skip_coverage
        skip_coverage = False
        if coverage_cell is not None and not skip:
            heading = coverage_of(coverage_cell.text)
            words = list(coverage_cell.words)
            if heading is None and index + 1 < len(lines):
                # A coverage name wrapped over two lines in its cell.
                below = _column_cells(lines[index + 1], columns).get("coverage")
                if below is not None:
                    heading = coverage_of(coverage_cell.text + " " + below.text)
                    if heading is not None:
                        words += below.words
                        skip_coverage = True
        if heading is not None:
            if rows:
                rows[-1].last = index
            rows.append(
                Section(heading[0], words, heading[1], index, index + 1, 0.0, columns[-1].x1)
            )
        if rows:
            rows[-1].last = index + 1
            for name, cell in cells.items():
                if name != "coverage" or (cell is not coverage_cell or heading is None):
                    rows[-1].columns.setdefault(name, []).append(cell)
        used.add(index)
        previous = line
        index += 1
    # The coverage column's own words are the heading, not a value.
    for row in rows:
        row.columns.pop("coverage", None)
    return rows, used


def _headed_sections(
    lines: list[Line],
    labels_by_line: dict[int, list[Label]],
    barriers: set[int],
    table_lines: set[int],
    width: float,
) -> list[Section]:
    headings: list[Section] = []
    for line in lines:
        if line.index in table_lines:
            continue
        for label in labels_by_line.get(line.index, []):
            if label.field == "coverage" and label.value:
                found = coverage_of(label.value_text)
                if found:
                    headings.append(
                        Section(
                            found[0], list(label.value), found[1], line.index, 0, label.x0, width
                        )
                    )
        for cell in line.cells:
            found = coverage_of(cell.text)
            if found and not any(
                h.first == line.index and h.heading[0] is cell.words[0] for h in headings
            ):
                headings.append(
                    Section(found[0], cell.words, found[1], line.index, 0, cell.x0, width)
                )
    # Headings side by side split the width between them.
    for heading in headings:
        beside = [h for h in headings if h.first == heading.first and h.x0 > heading.x0]
        heading.x1 = min((h.x0 for h in beside), default=width)
        if any(h.first == heading.first and h.x0 < heading.x0 for h in headings):
            heading.x0 -= 2
        else:
            heading.x0 = 0.0
    for heading in headings:
        ends = [
            h.first
            for h in headings
            if h.first > heading.first and h.x0 < heading.x1 and h.x1 > heading.x0
        ]
        ends += [b for b in barriers if b > heading.first]
        ends += [t for t in table_lines if t > heading.first]
        heading.last = min(ends, default=len(lines))
    return headings
