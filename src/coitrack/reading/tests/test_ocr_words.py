"""From recognized lines to the layout reader's words, OCR confidence in the evidence, and digit
post-correction in numeric boxes. No OCR model needed: lines are built by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coitrack.reading.assemble import Slot, assemble
from coitrack.reading.document import Document
from coitrack.reading.layout.anchors import Captions
from coitrack.reading.layout.geometry import locate
from coitrack.reading.layout.reader import read_slots
from coitrack.reading.ocr.correct import correct_numeric_slots
from coitrack.reading.ocr.date_pairs import repair_date_pairs
from coitrack.reading.ocr.engine import Glyph, Line
from coitrack.reading.ocr.words import evidence_confidence, fix_case, words_from_lines
from coitrack.reading.result import CONFIDENCE_THRESHOLD, Collector, Evidence


def _line(text: str, confidence: float = 0.99) -> Line:
    step = 1 / len(text)
    glyphs = tuple(
        Glyph(c, i * step + step * 0.3, i * step + step * 0.7, confidence)
        for i, c in enumerate(text)
    )
    return Line(text, confidence, glyphs)


def test_a_line_is_cut_into_words_with_boxes_in_points():
    # 200 dpi: 200 px = 72 points; the line's box spans x 100..500 px, y 200..240 px
    words = words_from_lines([(100, 200, 500, 240)], [_line("ACME  BUILDERS")], 200)
    assert [w.text for w in words] == ["ACME", "BUILDERS"]
    first, second = words
    assert first.x0 == pytest.approx(36.0, abs=1.0)  # 100 px
    assert second.x1 == pytest.approx(180.0, abs=1.0)  # 500 px
    assert first.x1 < second.x0
    assert 72 < first.top < first.bottom < 86.4  # inside the box's 72..86.4 points
    assert len(first.glyphs) == 4 and first.glyphs[0][0] == "A"


def test_capitals_read_as_small_letters_of_the_same_shape_are_put_back():
    assert fix_case("INSuRER") == "INSURER"
    assert fix_case("INsuRER") == "INSURER"
    assert fix_case("McCoy") == "McCoy"  # a real mixed-case name stays
    assert fix_case("Insurance") == "Insurance"
    assert fix_case("INSaRER") == "INSaRER"  # "a" does not look like "A"


@pytest.mark.parametrize(
    ("character", "kept"), [(0.99, True), (0.9, True), (0.8, True), (0.74, False), (0.4, False)]
)
def test_unsure_characters_bring_the_evidence_under_the_threshold(character, kept):
    assert (evidence_confidence(character) >= CONFIDENCE_THRESHOLD) is kept


def test_a_value_whose_ocr_words_are_unsure_is_left_empty_and_flagged(certificate):
    pdf, truth = certificate(5, "text")
    page = Document.open(pdf).page_text(0)
    name = truth["insured"]["name"].split()[0]
    page.words = [
        replace(w, confidence=0.3) if w.text == name and w.x0 < 300 and w.top > 180 else w
        for w in page.words
    ]
    layout = locate(Captions(page))
    collector = Collector()
    data = assemble(read_slots(layout), collector)
    assert data["insured"]["name"] == ""
    assert collector.evidence["insured.name"]["flag"] == "low_confidence"
    assert any("low confidence" in w for w in collector.warnings)


@pytest.mark.parametrize(
    ("key", "read", "fixed"),
    [
        ("gl.effective_date", "O7/1O/2O25", "07/10/2025"),
        ("auto.limit.combined_single_limit", "$1,OOO,OOO", "$1,000,000"),
        ("wc.limit.el_each_accident", "5OO,OOO", "500,000"),
        ("insurer.A.naic", "2O443", "20443"),
        ("certificate_date", "l0/14/2025", "10/14/2025"),
        # a fax loses the thin "/" or turns it into "," or ":"
        ("gl.expiration_date", "04 11 2025", "04/11/2025"),
        ("wc.expiration_date", "04,29,2025", "04/29/2025"),
        ("auto.expiration_date", "o4 29/2025", "04/29/2025"),
        ("wc.effective_date", "0122:2026", "01/22/2026"),
        ("certificate_date", "11/25/20.25", "11/25/2025"),
        # a letter S before the first digit is the "$" ("51,000,000" would be wrong) ...
        ("gl.limit.general_aggregate", "S4M", "$4M"),
        ("gl.limit.each_occurrence", "S1,000,000", "$1,000,000"),
        ("gl.limit.each_occurrence", "$S2M", "$2M"),
        # ... unless only a 5 makes an amount of it
        ("wc.limit.el_each_accident", "S00,000", "500,000"),
        # a speck on a comma, a doubled separator, the rule after the amount
        ("wc.limit.el_disease_each_employee", "$500;000", "$500,000"),
        ("gl.limit.general_aggregate", "S2,000,.000", "$2,000,000"),
        ("wc.limit.el_each_accident", "500000 j", "500000"),
        # a "$" read "5": no first group has four digits
        ("gl.limit.damage_to_rented_premises", "5500,000", "$500,000"),
        ("wc.limit.el_each_accident", "S$500,000", "$500,000"),  # the sign read twice
        ("wc.limit.el_each_accident", "$$500K", "$500K"),
        # a separator lost after the first digit; a quote between digits is a speck
        ("gl.limit.each_occurrence", "2000,000", "2,000,000"),
        ("gl.limit.general_aggregate", "$2000,000.00", "$2,000,000.00"),
        ("gl.limit.general_aggregate", "2,0'00,000", "2,000,000"),
    ],
)
def test_letters_in_numeric_boxes_are_read_as_the_digits_they_look_like(key, read, fixed):
    slots = {key: Slot(read, Evidence(1, (0, 0, 10, 10), 0.95, read))}
    notes = correct_numeric_slots(slots)
    assert slots[key].text == fixed
    assert slots[key].evidence.confidence < 0.95  # corrected: a little less sure
    assert notes


@pytest.mark.parametrize(
    ("key", "read"),
    [
        ("gl.policy_number", "GLO 1234"),  # policy numbers keep their letters
        ("insured.name", "BOB SOLO"),
        ("insurer.A.naic", "ABCDE"),  # no digits at all: not a misread number
        ("gl.limit.each_occurrence", "1MM"),  # a real way of printing an amount
        ("gl.effective_date", "122:2026"),  # 1/22 or 12/2: not guessed
        ("gl.limit.each_occurrence", "10000,000"),  # 10,000,000 or a separator read "0"
        ("gl.limit.each_occurrence", "1,00,000"),  # a digit lost: which one is not guessed
    ],
)
def test_other_boxes_and_real_letters_are_left_alone(key, read):
    slots = {key: Slot(read, Evidence(1, None, 0.95, read))}
    correct_numeric_slots(slots)
    assert slots[key].text == read


@pytest.mark.parametrize(
    ("key", "read", "fixed"),
    [
        ("wc.limit.el_each_accident", "1,000.000.00", "1,000,000.00"),
        ("umbrella.limit.aggregate", "5.000,000", "5,000,000"),
        ("gl.expiration_date", "2026-09-01.", "2026-09-01"),
        ("other.policy_number", "30 SBA 188712.", "30 SBA 188712"),
        ("gl.policy_number", ".ACP91659730-06", "ACP91659730-06"),
        ("wc.letter", "A.", "A"),
        ("gl.limit.each_occurrence", "2,000,000.00]", "2,000,000.00"),  # the box's rule
        ("auto.policy_number", "|BA 7734021", "BA 7734021"),
        ("gl.limit.general_aggregate", "2,000,000.001", "2,000,000.00"),  # the rule as a 1
    ],
)
def test_separators_and_stray_dots_in_numbers_and_codes_are_put_right(key, read, fixed):
    slots = {key: Slot(read, Evidence(1, (0, 0, 10, 10), 0.95, read))}
    assert correct_numeric_slots(slots)
    assert slots[key].text == fixed
    assert slots[key].evidence.confidence < 0.95


@pytest.mark.parametrize(
    ("key", "read"),
    [
        ("wc.limit.el_each_accident", "1,000,00"),  # a digit missing: not $1,000
        ("insured.name", "Contractors Cooperative, Inc."),  # a name's period is real
    ],
)
def test_amounts_with_a_lost_digit_and_names_keep_what_was_read(key, read):
    slots = {key: Slot(read, Evidence(1, None, 0.95, read))}
    correct_numeric_slots(slots)
    assert slots[key].text == read


def test_doubt_between_look_alikes_does_not_lower_an_amount_but_does_a_name():
    def line(text: str) -> Line:
        step = 1 / len(text)
        return Line(
            text,
            0.9,
            tuple(
                Glyph(c, i * step, (i + 1) * step, 0.55 if c in ",." else 0.99, 0.99)
                if c in ",."
                else Glyph(c, i * step, (i + 1) * step, 0.99)
                for i, c in enumerate(text)
            ),
        )

    amount, name = words_from_lines(
        [(0, 0, 300, 40), (0, 100, 300, 140)], [line("1,000.000.00"), line("Acme,Inc.")], 200
    )
    assert amount.confidence >= CONFIDENCE_THRESHOLD
    assert name.confidence < CONFIDENCE_THRESHOLD


def _glyphs(text: str, confidence: dict[str, float] | None = None, numeric: float = 0.99) -> Line:
    """A line whose characters are sure except those given in ``confidence``."""
    step = 1 / len(text)
    confidence = confidence or {}
    return Line(
        text,
        0.9,
        tuple(
            Glyph(c, i * step, (i + 1) * step, confidence.get(c, 0.99), numeric)
            for i, c in enumerate(text)
        ),
    )


@pytest.mark.parametrize("read", ["S", "s", "5", "$"])
def test_a_lone_dollar_look_alike_before_an_amount_is_the_printed_dollar_sign(read):
    # The "$" printed before a limit, read on its own, comes out as "S" or "5"; unsure too.
    sign, amount = words_from_lines(
        [(0, 0, 14, 40), (100, 0, 300, 40)], [_glyphs(read, {read: 0.6}), _glyphs("1,000,000")], 200
    )
    assert sign.text == "$"
    assert sign.confidence >= CONFIDENCE_THRESHOLD
    assert amount.text == "1,000,000"


@pytest.mark.parametrize(
    ("read", "after"),
    [
        ("S", "Smith"),  # not before an amount
        ("A", "1,000,000"),  # not a "$" look-alike
        ("5", "000,000"),  # "5 000,000" may be one amount with a separator lost
    ],
)
def test_other_lone_characters_keep_their_reading(read, after):
    first, _ = words_from_lines(
        [(0, 0, 14, 40), (100, 0, 300, 40)], [_glyphs(read), _glyphs(after)], 200
    )
    assert first.text == read


def test_an_amount_with_a_look_alike_in_its_cents_is_judged_by_its_digits():
    # "Q" for "0": which digit-shaped letter it is does not change the amount (correct.py
    # reads it as 0), so only the recognizer's doubt between digits and separators counts.
    (amount,) = words_from_lines(
        [(0, 0, 300, 40)], [_glyphs("2,000,000.Q0", {"Q": 0.4}, numeric=0.98)], 200
    )
    assert amount.confidence >= CONFIDENCE_THRESHOLD


@pytest.mark.parametrize("read", ["S1.000,000", "s1,000,000", "$1,000,000"])
def test_doubt_about_a_sign_glued_to_an_amount_does_not_lower_the_amount(read):
    (amount,) = words_from_lines([(0, 0, 300, 40)], [_glyphs(read, {read[0]: 0.4})], 200)
    assert amount.confidence >= CONFIDENCE_THRESHOLD
    slots = {"gl.limit.each_occurrence": Slot(amount.text, Evidence(1, None, 0.95, read))}
    correct_numeric_slots(slots)
    assert slots["gl.limit.each_occurrence"].text == "$1,000,000"


def test_doubt_about_a_leading_five_still_lowers_the_amount():
    (amount,) = words_from_lines([(0, 0, 300, 40)], [_glyphs("51,000", {"5": 0.4})], 200)
    assert amount.confidence < CONFIDENCE_THRESHOLD


def test_a_limit_read_under_a_thousand_dollars_is_left_for_review():
    # "2,000,000" with all but the "2" lost
    slots = {"gl.limit.general_aggregate": Slot("2", Evidence(1, None, 0.65, "2"))}
    (note,) = correct_numeric_slots(slots)
    assert slots["gl.limit.general_aggregate"].evidence.confidence < CONFIDENCE_THRESHOLD
    assert "too small" in note


@pytest.mark.parametrize(
    ("effective", "expiration", "fixed"),
    [
        ("1/20/20241", "/20/2025", ("1/20/2024", "1/20/2025")),
        ("2026-06-142", "027-06-14", ("2026-06-14", "2027-06-14")),
        ("04/28/202", "604/28/2027", ("04/28/2026", "04/28/2027")),
        # slashless dates cut in the wrong place between the columns
        ("01 18 2024|01", "18 2025", ("01/18/2024", "01/18/2025")),
        ("09 04 202409", "04 2025", ("09/04/2024", "09/04/2025")),
        # the column's rule read inside a date: its digits go across, or are a stray stroke
        ("9/18/2024|9", "/18/2025", ("9/18/2024", "9/18/2025")),
        ("03/25/2025|0", "3/25/2026", ("03/25/2025", "03/25/2026")),
        ("10/01/2025", "10/01|/2026", ("10/01/2025", "10/01/2026")),
    ],
)
def test_a_digit_read_with_the_other_date_of_the_policy_goes_back(effective, expiration, fixed):
    slots = {
        "gl.effective_date": Slot(effective, Evidence(1, None, 0.95, effective)),
        "gl.expiration_date": Slot(expiration, Evidence(1, None, 0.95, expiration)),
    }
    notes = correct_numeric_slots(slots) + repair_date_pairs(slots)
    assert notes
    assert (slots["gl.effective_date"].text, slots["gl.expiration_date"].text) == fixed


@pytest.mark.parametrize(
    ("effective", "expiration"),
    [
        ("01 18 2024|01", "18 2029"),  # five years: not a term to deal the digits out for
        ("01 18 2024", "07 01 18 2025"),  # seven groups
        ("1 26 2024 1", "26 2025"),  # a lone "1" may be "11" with a stroke lost
        ("9/18/2024|9", "/18/2030"),  # six years: the rule's digits stay where they are
    ],
)
def test_slashless_dates_are_dealt_out_again_only_into_a_plausible_term(effective, expiration):
    slots = {
        "gl.effective_date": Slot(effective, Evidence(1, None, 0.95, effective)),
        "gl.expiration_date": Slot(expiration, Evidence(1, None, 0.95, expiration)),
    }
    correct_numeric_slots(slots)
    assert not repair_date_pairs(slots)
    assert slots["gl.expiration_date"].text == expiration


def test_dates_that_read_whole_keep_their_digits():
    slots = {
        "gl.effective_date": Slot("1/2/2026", Evidence(1, None, 0.95, "1/2/2026")),
        "gl.expiration_date": Slot("1/2/20271", Evidence(1, None, 0.95, "1/2/20271")),
    }
    correct_numeric_slots(slots)
    repair_date_pairs(slots)
    assert slots["gl.effective_date"].text == "1/2/2026"


@pytest.mark.parametrize("read", ["NIA", "N1A", "[N/A|", "NiA"])
def test_n_a_with_its_slash_misread_in_a_mark_column_is_n_a(read):
    slots = {"gl.addl": Slot(read, Evidence(1, None, 0.95, read))}
    correct_numeric_slots(slots)
    assert slots["gl.addl"].text == "N/A"


def test_doubt_about_the_slash_of_n_a_does_not_lower_it():
    (word,) = words_from_lines([(0, 0, 60, 40)], [_glyphs("NIA", {"I": 0.3})], 200)
    assert word.confidence >= CONFIDENCE_THRESHOLD


@pytest.mark.parametrize("key", ["gl.limit.each_occurrence", "other.limit_amount.1"])
@pytest.mark.parametrize("read", ["20000001", "1000003"])
def test_a_limit_that_is_not_round_is_left_for_review(read, key):
    # limits are round: the last digit is the box's rule, or a misread zero
    slots = {key: Slot(read, Evidence(1, None, 0.95, read))}
    correct_numeric_slots(slots)
    assert slots[key].evidence.confidence < CONFIDENCE_THRESHOLD


def test_a_dot_inside_a_policy_number_leaves_it_for_review():
    slots = {"gl.policy_number": Slot("6415363.A", Evidence(1, None, 0.95, "6415363.A"))}
    correct_numeric_slots(slots)
    assert slots["gl.policy_number"].evidence.confidence < CONFIDENCE_THRESHOLD


@pytest.mark.parametrize("read", ["52,000,000", "51,000,000"])
def test_a_limit_that_is_a_five_before_a_round_limit_is_left_for_review(read):
    # "$2,000,000" with its sign read "5": no limit of 52 million is written
    slots = {"umbrella.limit.each_occurrence": Slot(read, Evidence(1, None, 0.95, read))}
    correct_numeric_slots(slots)
    assert slots["umbrella.limit.each_occurrence"].evidence.confidence < CONFIDENCE_THRESHOLD


@pytest.mark.parametrize("read", ["50,000,000", "55,000,000", "$52,000,000", "5,000,000"])
def test_real_limits_starting_with_five_are_kept(read):
    slots = {"umbrella.limit.each_occurrence": Slot(read, Evidence(1, None, 0.95, read))}
    correct_numeric_slots(slots)
    assert slots["umbrella.limit.each_occurrence"].evidence.confidence >= CONFIDENCE_THRESHOLD


def test_a_policy_number_followed_by_the_next_columns_ink_is_left_for_review():
    read = "WC 1961998 [07"  # the rule, then the first digits of the effective date
    slots = {"wc.policy_number": Slot(read, Evidence(1, None, 0.95, read))}
    correct_numeric_slots(slots)
    assert slots["wc.policy_number"].evidence.confidence < CONFIDENCE_THRESHOLD


@pytest.mark.parametrize(
    "read",
    [
        "17 SBA 592006 PHPK66013157-08",  # the next row's number with it
        "BKS39394530-02 EPP 8598017",
        "UMB 839451t",  # a small letter
        "(PP 1345441",  # a bracket for a C
        "PHPK23940167-0B",  # a B for an 8
        "3915281*A",  # a symbol
        "9507198-A WC 6443767",  # the next row's number with its line of business
        "8038537-A 1",  # a lone character after it
        "52 .TRS 130822",  # a word starting with a speck
        "17 :EC 182145",  # a colon for a letter
        "TU'A 2776566",  # a quote inside
        "ACP79045,389-06",  # a comma inside
        "B5 UEC 554253",  # a B for an 8, paired with a digit
        "8KS74591132-02",  # an 8 for a B, before letters
        "84 TR$ 967549",  # a dollar sign for an S
        "4399208-A 03",  # the effective date's first digits after it
        "10UEC 727217",  # a space lost
        "70 SBA 588806 02",  # the effective date's month after it
    ],
)
def test_a_policy_number_ocr_cannot_settle_is_left_for_review(read):
    slots = {"gl.policy_number": Slot(read, Evidence(1, None, 0.95, read))}
    correct_numeric_slots(slots)
    assert slots["gl.policy_number"].evidence.confidence < CONFIDENCE_THRESHOLD


def test_a_speck_beside_the_hyphen_of_a_policy_number_is_dropped():
    read = "PHPK35564577.-01"
    slots = {"gl.policy_number": Slot(read, Evidence(1, None, 0.95, read))}
    correct_numeric_slots(slots)
    assert slots["gl.policy_number"].text == "PHPK35564577-01"


@pytest.mark.parametrize(
    "read",
    [
        "17 SBA 592006",
        "PHPK66013157-08",
        "WC 8391169",
        "5 350675-A",
        "TB2-Z91-123456-789",
        "BKS74591132-02",
        "85 UEC 554253",
    ],
)
def test_policy_numbers_in_parts_are_kept(read):
    slots = {"gl.policy_number": Slot(read, Evidence(1, None, 0.95, read))}
    correct_numeric_slots(slots)
    assert slots["gl.policy_number"].evidence.confidence >= CONFIDENCE_THRESHOLD


@pytest.mark.parametrize(
    ("start", "end", "fixed_start", "fixed_end"),
    [
        ("04/14/2024", "404/14/2025", "04/14/2024", "04/14/2025"),  # the rule read as a "4"
        ("2026-05-152", "2027-05-15", "2026-05-15", "2027-05-15"),
    ],
)
def test_a_date_with_a_digit_too_many_loses_it_where_the_other_date_shows_which(
    start, end, fixed_start, fixed_end
):
    slots = {
        "gl.effective_date": Slot(start, Evidence(1, None, 0.95, start)),
        "gl.expiration_date": Slot(end, Evidence(1, None, 0.95, end)),
    }
    correct_numeric_slots(slots)
    assert repair_date_pairs(slots)
    assert (slots["gl.effective_date"].text, slots["gl.expiration_date"].text) == (
        fixed_start,
        fixed_end,
    )


def test_a_date_with_a_digit_too_many_is_not_guessed_without_a_witness():
    slots = {
        "gl.effective_date": Slot("04/14/2024", Evidence(1, None, 0.95, "04/14/2024")),
        "gl.expiration_date": Slot("404/15/2025", Evidence(1, None, 0.95, "404/15/2025")),
    }
    correct_numeric_slots(slots)
    repair_date_pairs(slots)
    assert slots["gl.expiration_date"].text == "404/15/2025"


def test_a_colon_inside_a_policy_number_leaves_it_for_review():
    slots = {"gl.policy_number": Slot("22 TRS: 463287", Evidence(1, None, 0.95, "22 TRS: 463287"))}
    correct_numeric_slots(slots)
    assert slots["gl.policy_number"].evidence.confidence < CONFIDENCE_THRESHOLD


@pytest.mark.parametrize(("read", "listed"), [("S", False), ("$", False), ("S 1,000,000", True)])
def test_a_policy_row_is_listed_only_for_a_value_not_for_its_printed_dollar_sign(read, listed):
    slots = {"umbrella.limit.each_occurrence": Slot(read, Evidence(1, None, 0.95, read))}
    data = assemble(slots, Collector())
    assert bool(data["policies"]) is listed


def test_a_write_in_limit_that_lost_its_groups_is_not_read_as_a_few_dollars():
    slots = {
        "other.policy_number": Slot("13 SBA 681931", Evidence(1, None, 0.95, "13 SBA 681931")),
        "other.limit_label.1": Slot("Aggregate", Evidence(1, None, 0.95, "Aggregate")),
        "other.limit_amount.1": Slot("2:000.000", Evidence(1, None, 0.95, "2:000.000")),
    }
    (policy,) = assemble(slots, Collector())["policies"]
    assert policy["limits"] == {}


def _irish_line(quote_confidence: float, second_choice: str | None) -> Line:
    text = "O'Neill Paving"
    step = 1 / len(text)
    glyphs = tuple(
        Glyph(c, i * step, (i + 1) * step, quote_confidence if c == "'" else 0.99,
              alternative=second_choice if c == "'" else None,
              alternative_share=0.3 if c == "'" else 0.0)
        for i, c in enumerate(text)
    )
    return Line(text, 0.9, glyphs)


def test_the_thin_quote_of_an_irish_name_is_not_a_doubt_when_nothing_else_could_stand_there():
    (name, _) = words_from_lines([(0, 0, 700, 40)], [_irish_line(0.5, "\u2019")], 200)
    assert name.text == "O'Neill" and name.confidence >= CONFIDENCE_THRESHOLD


def test_the_quote_of_an_irish_name_keeps_its_doubt_when_a_letter_may_stand_there():
    (name, _) = words_from_lines([(0, 0, 700, 40)], [_irish_line(0.5, "j")], 200)
    assert name.confidence < CONFIDENCE_THRESHOLD
