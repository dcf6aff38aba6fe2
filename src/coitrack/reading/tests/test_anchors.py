"""Finding the printed captions (layout/anchors.py) when they are glued, split or dusted, as OCR
reads them. Words are built by hand."""

from __future__ import annotations

from coitrack.reading.layout.anchors import Captions
from coitrack.reading.pagetext import PageText, Word


def _words(*lines: tuple[float, str]) -> PageText:
    """Words left to right on lines at the given tops, 6 points per character."""
    words = []
    for top, text in lines:
        x = 20.0
        for part in text.split():
            words.append(Word(part, x, top, x + 6 * len(part), top + 8))
            x += 6 * len(part) + 4
    return PageText(1, 612, 792, words, strokes=[])


def test_a_caption_glued_into_one_word_is_found_where_it_is_also_printed_whole():
    # OCR often loses the space: the first row's caption glued, the second row's not.
    captions = Captions(_words((300, "EACHOCCURRENCE"), (450, "EACH OCCURRENCE")))
    assert [round(a.top) for a in captions.find_all("EACH OCCURRENCE")] == [300, 450]


def test_a_caption_is_found_with_a_period_lost_or_a_speck_read_as_one():
    captions = Captions(_words((300, "E.L EACH ACCIDENT"), (320, "GENERAL AGGREGATE.")))
    assert captions.find("E.L. EACH ACCIDENT") is not None
    assert captions.find("GENERAL AGGREGATE") is not None


def test_a_word_running_past_a_caption_is_not_it_when_the_caption_is_printed():
    captions = Captions(_words((80, "the PRODUCER, and"), (120, "PRODUCER")))
    assert [round(a.top) for a in captions.find_all("PRODUCER")] == [120]


def test_a_caption_whose_first_i_was_lost_against_a_rule_is_still_found():
    # "INSURER A :" printed against the box's left rule reads "NSURER A :" on a fax
    captions = Captions(_words((170, "NSURER A :"), (182, "NSURER B :")))
    found = captions.find_all("INSURER A :")
    assert [round(a.top) for a in found] == [170]
    assert found[0].text == "INSURER A :"


def test_a_short_caption_missing_its_first_letter_is_not_guessed():
    captions = Captions(_words((300, "NSR LTR")))
    assert captions.find("INSR") is None


def test_a_caption_read_with_a_hyphen_for_a_space_is_found():
    captions = Captions(_words((520, "EXCESS-LIAB"), (140, "EMAIL")))
    assert captions.find("EXCESS LIAB") is not None
    assert captions.find("E-MAIL") is not None


def test_a_long_caption_a_letter_off_is_found_on_a_scan():
    page = _words((384, "AUTOMOBLE LIABILITY $ 1,000,000"))  # a fax lost the "I"
    assert Captions(page).find("AUTOMOBILE LIABILITY") is None  # a text layer is exact
    anchor = Captions(page, fuzzy=True).find("AUTOMOBILE LIABILITY")
    assert [w.text for w in anchor.words] == ["AUTOMOBLE", "LIABILITY"]


def test_a_short_caption_is_never_taken_for_its_one_letter_neighbour():
    captions = Captions(_words((170, "INSURER B :")), fuzzy=True)
    assert captions.find("INSURER D :") is None


def test_a_caption_two_letters_off_is_not_found():
    assert Captions(_words((384, "AUTOMOBLE LIABLITY")), fuzzy=True).find(
        "AUTOMOBILE LIABILITY"
    ) is None
