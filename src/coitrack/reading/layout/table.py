"""The coverage table of the layout reader: one band per row (GL, auto, umbrella, WC, other),
columns from the header captions, amounts on their limit's line, check marks in their boxes."""

from __future__ import annotations

from coitrack.reading.assemble import Slot, Slots
from coitrack.reading.layout.anchors import Anchor, norm
from coitrack.reading.layout.geometry import Band, Layout
from coitrack.reading.layout.regions import (
    BASE_CONFIDENCE,
    box_of,
    confidence_in,
    lines_of,
    slot,
    text_of,
    words_in,
)
from coitrack.reading.pagetext import Word
from coitrack.reading.result import Evidence

# (slot key, caption, printed lines) of the limit captions, per row
LIMIT_CAPTIONS: dict[str, tuple[tuple[str, str, int], ...]] = {
    "gl": (
        ("each_occurrence", "EACH OCCURRENCE", 1),
        ("damage_to_rented_premises", "DAMAGE TO RENTED", 2),
        ("medical_expense", "MED EXP", 1),
        ("personal_advertising_injury", "PERSONAL & ADV INJURY", 1),
        ("general_aggregate", "GENERAL AGGREGATE", 1),
        ("products_completed_operations_aggregate", "PRODUCTS - COMP/OP AGG", 1),
    ),
    "auto": (
        ("combined_single_limit", "COMBINED SINGLE LIMIT", 2),
        ("bodily_injury_per_person", "BODILY INJURY (Per person)", 1),
        ("bodily_injury_per_accident", "BODILY INJURY (Per accident)", 1),
        ("property_damage_per_accident", "PROPERTY DAMAGE", 2),
    ),
    "umbrella": (("each_occurrence", "EACH OCCURRENCE", 1), ("aggregate", "AGGREGATE", 1)),
    "wc": (
        ("el_each_accident", "E.L. EACH ACCIDENT", 1),
        ("el_disease_each_employee", "E.L. DISEASE - EA EMPLOYEE", 1),
        ("el_disease_policy_limit", "E.L. DISEASE - POLICY LIMIT", 1),
    ),
    "other": (),
}
# (slot key, caption, printed lines) of the check boxes, per row; the box is left of the caption.
# Editions word them differently ("HIRED AUTOS ONLY" on two lines since 2016/03, "HIRED AUTOS" on
# one before; "PER STATUTE", "WC STATU-TORY LIMITS"): the longer one-line captions come first,
# and a caption whose words an earlier one took is not a box of its own.
CHECK_CAPTIONS: dict[str, tuple[tuple[str, str, int], ...]] = {
    "gl": (
        ("coverage", "COMMERCIAL GENERAL LIABILITY", 1),
        ("claims_made", "CLAIMS-MADE", 1),
        ("occurrence", "OCCUR", 1),
        ("per_policy", "POLICY", 1),
        ("per_project", "PRO", 2),
        ("per_location", "LOC", 1),
        ("per_other", "OTHER:", 1),
    ),
    "auto": (
        ("any_auto", "ANY AUTO", 1),
        ("owned_autos_only", "ALL OWNED AUTOS", 1),
        ("hired_autos_only", "HIRED AUTOS", 1),
        ("scheduled_autos", "SCHEDULED AUTOS", 1),
        ("non_owned_autos_only", "NON-OWNED AUTOS", 1),
        ("owned_autos_only", "OWNED", 2),
        ("hired_autos_only", "HIRED", 2),
        ("scheduled_autos", "SCHEDULED", 2),
        ("non_owned_autos_only", "NON-OWNED", 2),
    ),
    "umbrella": (
        ("umbrella", "UMBRELLA LIAB", 1),
        ("excess", "EXCESS LIAB", 1),
        ("occurrence", "OCCUR", 1),
        ("claims_made", "CLAIMS-MADE", 1),
        ("deductible", "DEDUCTIBLE", 1),
        ("deductible", "DED", 1),
        ("retention", "RETENTION", 1),
    ),
    "wc": (
        ("statutory", "PER STATUTE", 1),
        ("statutory", "WC STATU", 2),
        ("statutory", "PER", 2),
        ("other", "OTH-", 2),
    ),
    "other": (),
}
MARK_REACH_X, MARK_REACH_Y = 9.0, 7.0
AMOUNT_REACH = 6.5


def read_rows(layout: Layout, slots: Slots) -> None:
    for row, band in layout.bands.items():
        _row(layout, slots, row, band)


def _row(layout: Layout, slots: Slots, row: str, band: Band) -> None:
    c = layout.columns
    top, bottom = band.top, band.bottom
    for key, x0, x1 in (
        ("letter", 0, c.ltr),
        ("policy_number", c.subr, c.number),
        ("effective_date", c.number, c.eff),
        ("expiration_date", c.eff, c.exp),
    ):
        words = words_in(layout, x0, top, x1, bottom)
        confidence = confidence_in(words, x0, x1)
        if key != "policy_number" and len(lines_of(words)) > 1:
            confidence = min(confidence, 0.5)  # two dates (or letters) in one row: which one?
        slots[f"{row}.{key}"] = slot(layout, words, confidence=confidence)
    for key, x0, x1 in (("addl", c.type, c.addl), ("subr", c.addl, c.subr)):
        slots[f"{row}.{key}"] = _mark_column(layout, band, x0, x1)
    _limits(layout, slots, row, band)
    _check_boxes(layout, slots, row, band)
    if row == "umbrella":
        _retention(layout, slots, band)
    elif row == "wc":
        _excluded(layout, slots, band)
    elif row == "other":
        _other(layout, slots, band)


def _mark_column(layout: Layout, band: Band, x0: float, x1: float) -> Slot:
    """ADDL INSD / SUBR WVD: a typed letter (Y, X, N) or an X drawn with two strokes."""
    words = words_in(layout, x0, band.top, x1, band.bottom)
    if words:
        return slot(layout, words, confidence=confidence_in(words, x0, x1))
    strokes = [
        s
        for s in layout.captions.page.strokes
        if x0 <= (s.x0 + s.x1) / 2 < x1 and band.holds((s.top + s.bottom) / 2)
    ]
    if strokes:
        box = (
            min(s.x0 for s in strokes),
            min(s.top for s in strokes),
            max(s.x1 for s in strokes),
            max(s.bottom for s in strokes),
        )
        return Slot("X", Evidence(1, box, 0.9, "X (drawn)"))
    return Slot()


def _in_band(anchors: list[Anchor], band: Band, x0: float, x1: float) -> list[Anchor]:
    return [a for a in anchors if band.holds(a.cy) and x0 <= a.x0 < x1]


def _block_cy(anchor: Anchor, lines: int) -> float:
    return anchor.cy + (lines - 1) * anchor.height * 0.5


def _limits(layout: Layout, slots: Slots, row: str, band: Band) -> None:
    c, captions = layout.columns, layout.captions
    labelled: list[tuple[str, float]] = []
    for key, caption, lines in LIMIT_CAPTIONS[row]:
        for anchor in _in_band(captions.find_all(caption, mask=False), band, c.exp - 5, c.amount):
            labelled.append((key, _block_cy(anchor, lines)))
    dollars = [
        w
        for w in captions.page.words
        if w.text == "$" and band.holds(w.cy) and c.exp - 5 <= w.x0 < c.amount
    ]
    slots_cy: list[tuple[str | None, float]] = []
    used = set()
    for key, cy in labelled:
        near = min(dollars, key=lambda w: abs(w.cy - cy), default=None)
        if near is not None and abs(near.cy - cy) <= 5:
            used.add(id(near))
            slots_cy.append((key, near.cy))
        else:
            slots_cy.append((key, cy))
    slots_cy += [(None, w.cy) for w in dollars if id(w) not in used]
    if not slots_cy:
        return
    grouped: dict[int, list[Word]] = {}
    distances: dict[int, float] = {}
    for word in words_in(layout, c.amount, band.top, layout.width, band.bottom):
        index, (_, cy) = min(enumerate(slots_cy), key=lambda item: abs(item[1][1] - word.cy))
        distance = abs(cy - word.cy)
        if distance > AMOUNT_REACH:
            continue
        grouped.setdefault(index, []).append(word)
        distances[index] = max(distances.get(index, 0.0), distance)
    for index, words in grouped.items():
        key = slots_cy[index][0]
        if key is None:
            continue  # an amount on a spare line whose caption is not in the schema
        distance = distances[index]
        confidence = BASE_CONFIDENCE if distance <= 3.5 else 0.95 - (distance - 3.5) * 0.1
        slots[f"{row}.limit.{key}"] = slot(layout, words, confidence=confidence)


def _check_boxes(layout: Layout, slots: Slots, row: str, band: Band) -> None:
    c, captions = layout.columns, layout.captions
    x_range = (c.exp - 5, c.amount) if row == "wc" else (c.ltr, c.type)
    boxes: list[tuple[str, float, float]] = []
    taken: set[int] = set()  # words of captions already placed
    for key, caption, lines in CHECK_CAPTIONS[row]:
        for anchor in _in_band(captions.find_all(caption, mask=False), band, *x_range):
            if any(id(w) in taken for w in anchor.words):
                continue
            taken.update(id(w) for w in anchor.words)
            boxes.append((key, anchor.x0 - 8.5, _block_cy(anchor, lines)))
            slots.setdefault(f"{row}.mark.{key}", Slot(marked=False))
    if not boxes:
        return
    marks: list[tuple[float, float, tuple[float, float, float, float], str, float]] = []
    for word in words_in(layout, x_range[0], band.top, x_range[1], band.bottom):
        if len(norm(word.text)) == 1:
            marks.append((word.cx, word.cy, box_of([word]), word.text, word.confidence))
    for stroke in captions.page.strokes:
        cx, cy = (stroke.x0 + stroke.x1) / 2, (stroke.top + stroke.bottom) / 2
        if x_range[0] <= cx < x_range[1] and band.holds(cy):
            box = (stroke.x0, stroke.top, stroke.x1, stroke.bottom)
            marks.append((cx, cy, box, "X (drawn)", 1.0))
    for cx, cy, box, text, source in marks:
        key, bx, by = min(boxes, key=lambda b: (b[1] - cx) ** 2 + (b[2] - cy) ** 2)
        if abs(bx - cx) > MARK_REACH_X or abs(by - cy) > MARK_REACH_Y:
            continue
        distance = ((bx - cx) ** 2 + (by - cy) ** 2) ** 0.5
        confidence = min(0.95 if distance <= 5 else 0.8, source)
        slots[f"{row}.mark.{key}"] = Slot("", Evidence(1, box, confidence, text), marked=True)


def _retention(layout: Layout, slots: Slots, band: Band) -> None:
    c, captions = layout.columns, layout.captions
    anchors = _in_band(captions.find_all("RETENTION", mask=False), band, c.ltr, c.type)
    if not anchors:
        return
    label = anchors[0]
    right_of = max(
        [
            label.x1,
            *(
                w.x1
                for w in captions.page.words
                if w.text == "$"
                and abs(w.cy - label.cy) < 3
                and w.x0 >= label.x1
                and w.x0 - label.x1 < 6
            ),
        ]
    )
    words = words_in(layout, right_of + 0.3, label.cy - 6, c.type, label.cy + 6)
    slots["umbrella.retention_amount"] = slot(layout, words)


def _excluded(layout: Layout, slots: Slots, band: Band) -> None:
    anchors = [a for a in layout.captions.find_all("Y / N", mask=False) if band.holds(a.cy)]
    if not anchors:
        return
    label = anchors[0]
    words = words_in(layout, label.x0 - 5, label.bottom - 0.5, label.x1 + 5, label.bottom + 15)
    slots["wc.excluded"] = slot(layout, words)


def _other(layout: Layout, slots: Slots, band: Band) -> None:
    c = layout.columns
    # The write-in row has no printed captions of its own: a write-in that happens to spell one
    # ("AGGREGATE") is still a value here.
    words = words_in(layout, c.ltr, band.top, c.type, band.bottom, keep_masked=True)
    slots["other.description"] = slot(layout, words, confidence=confidence_in(words, c.ltr, c.type))
    labels = lines_of(words_in(layout, c.exp, band.top, c.amount, band.bottom, keep_masked=True))
    amounts = lines_of(
        [
            w
            for w in words_in(layout, c.amount, band.top, layout.width, band.bottom)
            if w.text != "$"
        ]
    )
    pairs: list[tuple[list[Word], list[Word]]] = [(line, []) for line in labels]
    for line in amounts:
        cy = sum(w.cy for w in line) / len(line)
        near = min(
            range(len(pairs)),
            key=lambda i: abs(sum(w.cy for w in pairs[i][0]) / len(pairs[i][0]) - cy),
            default=None,
        )
        if (
            near is not None
            and not pairs[near][1]
            and abs(sum(w.cy for w in pairs[near][0]) / len(pairs[near][0]) - cy) <= AMOUNT_REACH
        ):
            pairs[near] = (pairs[near][0], line)
        else:
            pairs.append(([], line))
    pairs.sort(key=lambda p: min(w.top for w in [*p[0], *p[1]]))
    for number, (label_words, amount_words) in enumerate(pairs[:3], start=1):
        slots[f"other.limit_label.{number}"] = slot(layout, label_words, text=text_of(label_words))
        slots[f"other.limit_amount.{number}"] = slot(layout, amount_words)
