"""The second reading of unsure critical values (ocr/reread.py): a value is kept only when a
reading of its own crop spells the same text and is sure, or when the crop's views agree on a
value close to the first reading; otherwise it stays empty and flagged.
The page is drawn with OpenCV and read by the real recognizer."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from coitrack.reading.assemble import Slot
from coitrack.reading.ocr import engine as ocr_engine
from coitrack.reading.ocr.name_readings import lift_known_words, respell_names
from coitrack.reading.ocr.page import OcrPage
from coitrack.reading.ocr.reread import read_again
from coitrack.reading.ocr.straighten import Turn
from coitrack.reading.ocr.terms import doubt_unusual_terms
from coitrack.reading.pagetext import PageText, Word
from coitrack.reading.result import CONFIDENCE_THRESHOLD, Evidence

cv2 = pytest.importorskip("cv2")
DPI = 200
K = DPI / 72


@pytest.fixture(scope="module")
def engine():
    try:
        return ocr_engine.get_engine()
    except ocr_engine.OcrUnavailable as error:  # pragma: no cover - models are a dependency
        pytest.skip(str(error))


def _page(text: str, confidence: float) -> tuple[OcrPage, Word]:
    """A page with ``text`` printed at (100, 100) points, recognized with ``confidence``."""
    gray = np.full((int(300 * K), int(500 * K)), 240, np.uint8)
    cv2.putText(gray, text, (int(100 * K), int(110 * K)), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 20, 2)
    (width, _), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, 0.9, 2)
    word = Word(text, 100, 101, 100 + width / K, 111, confidence=confidence)
    words = [word]
    page = OcrPage(
        PageText(1, 500, 300, words, strokes=[]),
        Turn(0, 0.0, gray.shape[1], gray.shape[0]),
        DPI,
        (gray.shape[1], gray.shape[0]),
        1,
        gray,
    )
    return page, word


def _slot(word: Word, text: str | None = None) -> Slot:
    box = (word.x0, word.top, word.x1, word.bottom)
    return Slot(text or word.text, Evidence(1, box, word.confidence, text or word.text))


def test_an_unsure_value_read_the_same_again_and_surely_is_kept(engine):
    page, word = _page("2063774-A", 0.3)
    slots = {"gl.policy_number": _slot(word)}
    notes = read_again(slots, page, engine)
    assert slots["gl.policy_number"].evidence.confidence >= CONFIDENCE_THRESHOLD
    assert notes and "second reading" in notes[0]


def test_an_unsure_value_every_view_reads_otherwise_and_surely_takes_their_reading(engine):
    # The first reading said "2063774:A"; the print says "2063774-A", and the crop as it is,
    # with paper around it and with its contrast stretched, all read that surely.
    page, word = _page("2063774-A", 0.3)
    misread = Word("2063774:A", word.x0, word.top, word.x1, word.bottom, confidence=0.3)
    page.text.words[:] = [misread]
    slots = {"gl.policy_number": _slot(misread)}
    (note,) = read_again(slots, page, engine)
    assert slots["gl.policy_number"].text == "2063774-A"
    assert slots["gl.policy_number"].evidence.confidence >= CONFIDENCE_THRESHOLD
    assert "readings agreed on '2063774-A'" in note


def test_an_unsure_value_the_views_read_as_another_value_stays_unsure(engine):
    # The views agree, but on something more than two characters from the first reading: not
    # the same value (a neighbour's ink, a box read in the wrong place), so nothing is chosen.
    page, word = _page("8841-X", 0.3)
    misread = Word("2063774-A", word.x0, word.top, word.x1, word.bottom, confidence=0.3)
    page.text.words[:] = [misread]
    slots = {"gl.policy_number": _slot(misread)}
    assert read_again(slots, page, engine) == []
    assert slots["gl.policy_number"].evidence.confidence < CONFIDENCE_THRESHOLD


def test_values_unsure_for_their_place_or_not_critical_are_not_read_again(engine):
    page, word = _page("2063774-A", 0.9)
    box = (word.x0, word.top, word.x1, word.bottom)
    slots = {
        # two dates in one cell: unsure for where it is, however well it reads
        "gl.policy_number": Slot(word.text, Evidence(1, box, 0.5, word.text)),
        "producer.phone": Slot(word.text, Evidence(1, box, 0.3, word.text)),
    }
    assert read_again(slots, page, engine) == []
    assert slots["gl.policy_number"].evidence.confidence == 0.5


def test_a_sure_name_date_or_policy_number_read_otherwise_the_second_time_is_doubted(engine):
    page, word = _page("2063774-A", 0.9)
    misread = Word("2068774-A", word.x0, word.top, word.x1, word.bottom, confidence=0.9)
    page.text.words[:] = [misread]
    slots = {"gl.policy_number": _slot(misread)}
    (note,) = read_again(slots, page, engine)
    assert slots["gl.policy_number"].evidence.confidence < CONFIDENCE_THRESHOLD
    assert "2068774-A" in note and "review" in note


def test_a_check_overlooks_case_and_specks_of_dust(engine):
    # "2063774:A" against "2063774-A": the same letters and digits; the first reading stands
    page, word = _page("2063774-A", 0.9)
    dusty = Word("2063774:a", word.x0, word.top, word.x1, word.bottom, confidence=0.9)
    page.text.words[:] = [dusty]
    slots = {"gl.policy_number": _slot(dusty)}
    assert read_again(slots, page, engine) == []
    assert slots["gl.policy_number"].evidence.confidence == 0.9


def test_a_sure_value_read_the_same_again_is_left_as_it_was(engine):
    page, word = _page("2063774-A", 0.9)
    slots = {"gl.policy_number": _slot(word)}
    assert read_again(slots, page, engine) == []
    assert slots["gl.policy_number"].evidence.confidence == 0.9


def test_a_sure_name_one_letter_from_a_common_word_is_replaced_by_a_second_reading_that_spells_it(
    engine,
):
    page, word = _page("Blue Ridge Plumbing", 0.95)
    misread = Word("Blue Ridge Plmbing", word.x0, word.top, word.x1, word.bottom, confidence=0.95)
    page.text.words[:] = [misread]
    slots = {"insured.name": _slot(misread)}
    (note,) = read_again(slots, page, engine)
    assert slots["insured.name"].text == "Blue Ridge Plumbing"
    assert slots["insured.name"].evidence.confidence >= CONFIDENCE_THRESHOLD
    assert "Plmbing" in note and "common name words" in note


def test_a_sure_name_the_second_reading_spells_the_same_keeps_its_unusual_word(engine):
    # "Stell" is one letter from "steel" but it is a name: two readings agree
    page, word = _page("Stell Services", 0.95)
    slots = {"insurer.A.name": _slot(word)}
    read_again(slots, page, engine)
    assert slots["insurer.A.name"].text == "Stell Services"
    assert slots["insurer.A.name"].evidence.confidence >= CONFIDENCE_THRESHOLD


def test_two_common_words_read_glued_leave_the_name_for_review(engine):
    page, word = _page("FireProtection", 0.95)
    slots = {"insured.name": _slot(word)}
    read_again(slots, page, engine)
    assert slots["insured.name"].evidence.confidence < CONFIDENCE_THRESHOLD


def test_an_amount_without_separators_read_short_is_doubted_by_its_second_reading(engine):
    page, word = _page("1000000", 0.95)
    short = Word("100000", word.x0, word.top, word.x1, word.bottom, confidence=0.95)
    page.text.words[:] = [short]
    slots = {"wc.limit.el_each_accident": _slot(short)}
    (note,) = read_again(slots, page, engine)
    assert slots["wc.limit.el_each_accident"].evidence.confidence < CONFIDENCE_THRESHOLD
    assert "100000" in note


def test_a_sure_policy_number_split_by_a_space_the_second_reading_does_not_see_is_doubted(engine):
    page, word = _page("5350675-A", 0.95)
    split = Word("5 350675-A", word.x0, word.top, word.x1, word.bottom, confidence=0.95)
    page.text.words[:] = [split]
    slots = {"wc.policy_number": _slot(split)}
    (note,) = read_again(slots, page, engine)
    assert slots["wc.policy_number"].evidence.confidence < CONFIDENCE_THRESHOLD
    assert "5 350675-A" in note


def _name_words(text: str, faint: str, confidence: float) -> tuple[OcrPage, Slot]:
    """``text`` printed and recognized word by word, the word ``faint`` at ``confidence``."""
    page, whole = _page(text, 0.95)
    pitch = (whole.x1 - whole.x0) / len(text)
    words, start = [], 0
    for part in text.split(" "):
        x0 = whole.x0 + start * pitch
        sure = confidence if part == faint else 0.95
        words.append(
            Word(part, x0, whole.top, x0 + len(part) * pitch, whole.bottom, confidence=sure)
        )
        start += len(part) + 1
    page.text.words[:] = words
    box = (whole.x0, whole.top, whole.x1, whole.bottom)
    return page, Slot(text, Evidence(1, box, min(w.confidence for w in words), text))


def test_an_unsure_letter_in_a_common_name_word_does_not_make_the_name_unsure(engine):
    page, slot = _name_words("Westfield Insurance Company", "Insurance", 0.45)
    slots = {"insurer.E.name": slot}
    read_again(slots, page, engine)
    assert slots["insurer.E.name"].text == "Westfield Insurance Company"
    assert slots["insurer.E.name"].evidence.confidence >= CONFIDENCE_THRESHOLD


def test_an_unsure_letter_in_a_proper_name_keeps_the_name_unsure(engine):
    page, slot = _name_words("Kowalczyk Insurance Company", "Kowalczyk", 0.45)
    slots = {"insurer.E.name": slot}
    assert not lift_known_words(slots, page)
    assert slots["insurer.E.name"].evidence.confidence < CONFIDENCE_THRESHOLD


def test_a_doubted_name_is_respelled_by_the_recognizers_second_choice(engine):
    page, slot = _name_words("Westfield Insuramce Company", "Insuramce", 0.95)
    words = page.text.words
    faint = next(w for w in words if w.text == "Insuramce")
    glyphs = tuple((c, 0.0, 0.0, "n" if i == 6 else None) for i, c in enumerate(faint.text))
    words[words.index(faint)] = replace(faint, glyphs=glyphs)
    slots = {"insurer.A.name": replace(slot, evidence=replace(slot.evidence, confidence=0.5))}
    (note,) = respell_names(slots, page)
    assert slots["insurer.A.name"].text == "Westfield Insurance Company"
    assert CONFIDENCE_THRESHOLD <= slots["insurer.A.name"].evidence.confidence < 0.8
    assert "second choice" in note


def test_the_recognizer_gives_a_second_choice_per_character(engine):
    page, _ = _page("Insurance", 0.95)
    (line,) = engine.recognize([page.gray[int(95 * K) : int(116 * K), int(95 * K) : int(220 * K)]])
    assert line.text.strip()
    assert all(g.alternative is None or g.alternative != g.char for g in line.glyphs)
    assert any(g.alternative for g in line.glyphs)


def test_a_doubted_name_that_cannot_be_read_again_is_left_for_review(engine):
    # "Comunity" lost a letter; the name's box holds another word too (a wrapped line), so
    # no second reading can be made: the doubt alone leaves it for review.
    page, word = _page("Lakeshore Comunity College", 0.95)
    other = Word("Facilities", word.x0, word.top, word.x1, word.bottom, confidence=0.95)
    page.text.words.append(other)
    slots = {"certificate_holder.name": _slot(word)}
    (note,) = read_again(slots, page, engine)
    assert slots["certificate_holder.name"].evidence.confidence < CONFIDENCE_THRESHOLD
    assert "Comunity" in note and "review" in note


def _dates(start: str, end: str) -> dict[str, Slot]:
    return {
        "gl.effective_date": Slot(start, Evidence(1, None, 0.95, start)),
        "gl.expiration_date": Slot(end, Evidence(1, None, 0.95, end)),
    }


@pytest.mark.parametrize(
    ("start", "end", "doubted"),
    [
        ("02/21/2024", "02/21/2020", ["gl.expiration_date"]),  # "2025" with its 5 read "0"
        ("04/14/2024", "04/11/2025", ["gl.effective_date", "gl.expiration_date"]),
    ],
)
def test_an_unusual_term_one_digit_from_a_usual_one_leaves_that_date_for_review(
    start, end, doubted
):
    slots = _dates(start, end)
    assert doubt_unusual_terms(slots)
    low = [k for k, s in slots.items() if s.evidence.confidence < CONFIDENCE_THRESHOLD]
    assert low == doubted


def test_a_term_days_from_a_usual_one_that_no_single_digit_explains_leaves_both_dates():
    slots = _dates("2026-02-02", "2027-02-23")  # "02-23" read "02-02": a year and 21 days
    assert doubt_unusual_terms(slots)
    assert all(s.evidence.confidence < CONFIDENCE_THRESHOLD for s in slots.values())


@pytest.mark.parametrize(
    ("start", "end"), [("2021-11-18", "2026-01-18"), ("2026-03-01", "2025-03-01")]
)
def test_a_policy_running_over_three_years_or_ending_before_it_starts_leaves_both_dates(
    start, end
):
    slots = _dates(start, end)  # a fax's "2025" read "2021" and "11" read "01"
    assert doubt_unusual_terms(slots)
    assert all(s.evidence.confidence < CONFIDENCE_THRESHOLD for s in slots.values())


@pytest.mark.parametrize(
    ("start", "end"),
    [("01/15/2025", "01/15/2026"), ("01/15/2025", "09/03/2025"), ("01/15/2025", "01/15/2028")],
)
def test_a_usual_term_or_one_far_from_any_is_left_alone(start, end):
    slots = _dates(start, end)
    assert doubt_unusual_terms(slots) == []


def _view(text: str, confidence: float) -> list[Word]:
    return [Word(part, 10 * i, 0, 10 * i + 8, 10, confidence=confidence)
            for i, part in enumerate(text.split())]


def test_views_that_lost_an_irish_names_quote_agree_with_the_sure_view_that_saw_it():
    from coitrack.reading.ocr.reread import _agreed

    views = [_view("O'Neill Paving Inc.", 0.5), _view("ONeill Paving Inc.", 0.95),
             _view("O'Neill Paving Inc.", 0.95)]
    agreed = _agreed("insured.name", ("ONeill Paving Inc.", 0.5), views)
    assert agreed is not None and agreed[0] == "O'Neill Paving Inc."


def test_no_quote_is_put_into_an_irish_name_that_no_sure_view_saw_it_in():
    from coitrack.reading.ocr.reread import _agreed

    views = [_view("ONeill Paving Inc.", 0.95), _view("ONeill Paving Inc.", 0.95),
             _view("O'Neill Paving Inc.", 0.5)]
    assert _agreed("insured.name", ("ONeill Paving Inc.", 0.5), views) is None
