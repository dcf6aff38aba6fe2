"""Doubts about names OCR was sure of (ocr/names.py) and the cross-checks that send a sure value
to a second reading (ocr/reread.suspect_keys)."""

from __future__ import annotations

import datetime as dt

import pytest

from coitrack.reading.assemble import Slot
from coitrack.reading.ocr.name_dust import strip_dust, strip_dust_from_names
from coitrack.reading.ocr.names import (
    confused,
    doubts,
    respell,
    strong_doubts,
)
from coitrack.reading.ocr.reread import suspect_keys
from coitrack.reading.ocr.terms import whole_months
from coitrack.reading.result import Evidence


@pytest.mark.parametrize(
    "name",
    [
        "Blue Ridge Plmbing & Heating Co.",
        "The Cincinnati Insurance Comipany",
        "Continiental Casualty Company",
        "Meridian FireProtection Company, Inc.",
        "St ate Compensat ion Insurance Fund",
        "Plumbing Cooperative; Inc.",
        "Zurich American Insurarice Company",  # "n" read as "ri"
        "Employers Insurance Company'of Wausau",
        "Tri-County Roofing & Sheet Metal.Corp.",
        "Kowalski Catering'LLC",
        "The' Hanover Insurance Company",
        "Ohip Security Insurance Company",
        "Qhio Security Insurance Company",
        "National Union Fire Insurance Company of Pitsburgh, PA",
    ],
)
def test_a_name_with_a_lost_added_or_misplaced_letter_or_space_raises_a_doubt(name):
    assert doubts(name)


@pytest.mark.parametrize(
    "name",
    [
        "The Hanover Insurance Company",
        "Employers Insurance Company of Wausau",
        "Travelers Property Casualty Company of America",
        "Smith & Sons, Inc.",
        "A.B.C. Roofing L.L.C.",
        "McDonald Construction",
        "Lakeshore Bayview Firestone LLC",
        "Philadelphia Indemnity Insurance Company",
        "John O'Brien Plumbing",
        "Macy's Stores",
        "Children's Hospital",
        "Builders' Supply",
        "Quality Paving Corp.",
        "Iraq Street Deli",  # a q at the end
        "Kent Roofing",  # four letters, near "rent" and "tent": a surname, no doubt
        "Dunkin' Donuts",
        "St. Paul Fire and Marine",
    ],
)
def test_proper_names_and_common_words_raise_no_doubt(name):
    assert doubts(name) == []


def test_semicolons_glued_words_and_long_near_words_are_strong_doubts_a_short_one_is_not():
    assert strong_doubts("Plumbing Cooperative; Inc.") == ["a semicolon"]
    assert strong_doubts("Meridian FireProtection Company")
    assert strong_doubts("Kowalski Catering'LLC")
    assert strong_doubts("The Hanover Instrance Company")  # no name is one letter from it
    assert strong_doubts("Ohip Security Insurance Company")
    assert strong_doubts("Qhio Security Insurance Company")
    assert strong_doubts("Nationwide Murual Insurance Company")
    assert doubts("Stell Services") and strong_doubts("Stell Services") == []  # steel?


@pytest.mark.parametrize(
    ("read", "name"),
    [
        ("The Cincinnati Insurance Company.", "The Cincinnati Insurance Company"),
        ("Nationwide Mutual. Insurance Company", "Nationwide Mutual Insurance Company"),
        ("Acme Co.", "Acme Co."),
        ("Bayview Demolition Inc.", "Bayview Demolition Inc."),
        ("A.B.C. Roofing L.L.C.", "A.B.C. Roofing L.L.C."),
        ("Smith Bros. Roofing", "Smith Bros. Roofing"),
        ("John Q. Public Plumbing", "John Q. Public Plumbing"),
        (".Northwind Demolition LLC", "Northwind Demolition LLC"),
        (":Evergreen Roofing Inc.", "Evergreen Roofing Inc."),
        ("Pioneer Electrical Contractors Co..", "Pioneer Electrical Contractors Co."),
        ("Redwood Demolition LLP.", "Redwood Demolition LLP"),
        ("Kowalski Electrical Group, LLC.", "Kowalski Electrical Group, LLC"),
        ("Blue Ridge Landscaping Company, 'Inc.", "Blue Ridge Landscaping Company, Inc."),
    ],
)
def test_a_period_after_a_full_word_or_before_any_is_dust_after_an_abbreviation_kept(read, name):
    assert strip_dust(read) == name


def test_dust_removed_from_a_name_lowers_its_confidence_and_says_so():
    slots = {"insurer.C.name": Slot("Zurich Company.", Evidence(1, (0, 0, 9, 9), 0.95, "x"))}
    (note,) = strip_dust_from_names(slots)
    assert slots["insurer.C.name"].text == "Zurich Company"
    assert slots["insurer.C.name"].evidence.confidence == pytest.approx(0.9)
    assert "speck" in note


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ("2025-11-17", "2026-11-17", 12),
        ("2025-01-31", "2025-02-28", 1),  # the 31st runs to the end of February
        ("2024-02-29", "2025-02-28", 12),
        ("2025-06-30", "2025-12-31", 6),  # last day to last day
        ("2025-11-07", "2026-11-17", None),
        ("2025-11-17", "2025-11-17", None),
        ("2026-11-17", "2025-11-17", None),
    ],
)
def test_a_policy_term_is_counted_in_whole_months_or_not_at_all(start, end, months):
    assert whole_months(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) == months


def _slot(text: str) -> Slot:
    return Slot(text, Evidence(1, (0, 0, 9, 9), 0.95, text))


def test_both_dates_of_a_policy_with_an_unusual_term_are_read_again():
    slots = {
        "gl.effective_date": _slot("11/7/25"),
        "gl.expiration_date": _slot("11/17/26"),
        "auto.effective_date": _slot("01/01/2026"),
        "auto.expiration_date": _slot("01/01/2027"),
        "wc.effective_date": _slot("12/04/2025"),  # two months: "12/04/2026" misread?
        "wc.expiration_date": _slot("02/04/2026"),
    }
    assert suspect_keys(slots) == {
        "gl.effective_date",
        "gl.expiration_date",
        "wc.effective_date",
        "wc.expiration_date",
    }


def test_amounts_without_separators_and_doubted_names_are_read_again():
    slots = {
        "wc.limit.el_each_accident": _slot("100000"),
        "gl.limit.each_occurrence": _slot("1,000,000"),
        "insured.name": _slot("Blue Ridge Plmbing"),
        "certificate_holder.name": _slot("City of Springfield"),
    }
    assert suspect_keys(slots) == {"wc.limit.el_each_accident", "insured.name"}


@pytest.mark.parametrize(
    ("read", "alternatives", "word"),
    [
        ("Insuramce", [None] * 6 + ["n", None, None], "Insurance"),
        ("Murual", [None, None, "t", None, None, None], "Mutual"),
        ("INSURAMCE", [None] * 6 + ["n", None, None], "INSURANCE"),
    ],
)
def test_a_second_choice_that_makes_a_common_word_respells_it(read, alternatives, word):
    assert respell(read, alternatives) == word


@pytest.mark.parametrize(
    ("read", "alternatives"),
    [
        ("Insurance", [None, "m"] + [None] * 7),  # already a word
        ("Barlow", [None, "u", None, None, None, None]),  # no second choice makes a word
        ("Insuramce", [None] * 9),  # no second choice at all
    ],
)
def test_no_respelling_without_a_second_choice_that_makes_a_word(read, alternatives):
    assert respell(read, alternatives) is None


@pytest.mark.parametrize(
    ("read", "name"),
    [
        ("Northwind Electrical Contractors inc.", "Northwind Electrical Contractors Inc."),
        ("Keystone Paving Inc:", "Keystone Paving Inc."),
        ("Acme Paving LLC:", "Acme Paving LLC"),
        ("Acme Paving llc", "Acme Paving LLC"),
        ("The Hanover insurance Company", "The Hanover Insurance Company"),
        ("Bank of the West", "Bank of the West"),  # short words stay small
    ],
)
def test_a_legal_form_gets_its_usual_case_and_period(read, name):
    assert strip_dust(read) == name


@pytest.mark.parametrize(
    ("read", "name"),
    [
        ("Employers Insurance Company'of Wausau", "Employers Insurance Company of Wausau"),
        ("Kowalski Catering'LLC", "Kowalski Catering LLC"),
        ("John O'Brien Co", "John O'Brien Co"),  # a surname's apostrophe stays
        ("Macy's Inc.", "Macy's Inc."),  # so does a possessive
    ],
)
def test_two_words_glued_by_a_quote_are_set_apart(read, name):
    assert strip_dust(read) == name


@pytest.mark.parametrize(
    ("read", "word"),
    [("Insurarice", "Insurance"), ("Cornpany", "Company"), ("Marker", None), ("Barlow", None)],
)
def test_a_letter_pair_read_for_one_letter_is_put_back_in_long_common_words(read, word):
    assert confused(read) == word


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Technology Insurance Company lne", "legal form"),
        ("Travelers Property C'asualty Company", "speck"),
        ("Employ ers Insurance Company", "split"),
    ],
)
def test_a_near_legal_form_a_quote_inside_a_word_and_a_split_word_are_strong_doubts(name, reason):
    assert any(d.startswith(reason) for d in strong_doubts(name))


@pytest.mark.parametrize("name", ["Acme One LLC", "Holiday Inn", "Acme Ink"])
def test_words_that_only_look_like_legal_forms_raise_no_doubt(name):
    assert not doubts(name)


@pytest.mark.parametrize(
    ("read", "name"),
    [
        ("Gomez& Sons Catering Corp.", "Gomez & Sons Catering Corp."),
        ("Gomez &Sons LLC", "Gomez & Sons LLC"),
        ("AT&T Services Inc.", "AT&T Services Inc."),  # an ampersand inside a brand stays
        ("Fire Insurance Company of Pittsburgh, PA.", "Fire Insurance Company of Pittsburgh, PA"),
    ],
)
def test_a_glued_ampersand_stands_apart_and_a_closing_state_takes_no_period(read, name):
    assert strip_dust(read) == name


def test_a_common_word_cut_in_two_capitalized_halves_is_a_strong_doubt():
    assert any(d.startswith("split") for d in strong_doubts("Pioneer HV AC Corp."))


def test_a_small_l_starting_a_word_among_capitalized_ones_is_a_strong_doubt():
    assert any(d.startswith("capital") for d in strong_doubts("lronwood Demolition Group LLC"))
    assert not doubts("Acme lumber Company")  # a common word in small letters is not one


@pytest.mark.parametrize(
    "name",
    [
        "Hartford Fire Insurance-Company",  # two common words hyphened where a space was
        "Redwood Roofing & Sheel Melal Corp.",  # two short near-words: misreads, not surnames
        "ONeill Landscaping Group, LLC",  # an apostrophe lost
        "Pioneer Plumbing & Heating Company, Ic",  # a legal form lost a letter
        "Zunch American Insurance Company",  # "n" for "ri"
        "Zurich Amencan Insurance Company",
        "Westheld Insurance Company",  # "h" for "fi"
        "Uberty Mutual Fire Insurance Company",  # "U" for "Li"
        "Oho Security Insurance Company",  # a state short of a letter
        "National Union Fire Insurance Company ol Pittsburgh, PA",  # "ol" for "of"
        "Great American Insurance Conipany",  # "ni" for "m"
        "T Technology Insurance Company, Inc.",  # a caption's dust read as a letter
        "Keystone Demolition L1.C",  # a legal form with a speck inside
        "Nguyen Paving LL.C",  # a legal form with a period inside
        "Insurance Company",  # the insurer's own words lost
        "State S Compensation Insurance Fund",  # a lone letter between two words
        "O Neill Plumbing & Heating Group, LLC",  # an apostrophe read as a space
        "Meridian Security Services: Co.",  # a colon inside
        "Consolidated Regional Environmenta! Remediation LLC",  # "!" for "l"
        "The, Hanover Insurance Company",  # a comma after a small word
        "National Union' Fire Insurance Company",  # a quote ending a word
        "Granite State Fire Protection LLC PO Box13896",  # the address's first line
        "The Board of Trustes of the Lakeshore College",  # not a plural of "trust"
        "Travelers Property Casualty Company.of America",  # a period for a space
        "1 The Hanover Insurance Company",  # a speck before the name
        "Lakeshore-Electrical Contractors Corp.",  # a hyphen for a space
        "Tri-County.Janitorial Services LLC",  # a period for a space
        "Selective Insurance Companyof America",  # a small word glued on
        "National Unjon Fire Insurance Company",  # a look-alike letter in a short word
        "Summt Mechanical Company, Inc.",  # a thin letter lost
        "Arch Insur-ance Company",  # a word cut by a hyphen
        "Services of the Greater Tri-County.Area, LLC",  # a period for a space
        "tronwood Painting LLP",  # a capital lost its stroke
        "1A",  # no word: the insurer's letter read as its name
        "O'Neill.Electrical Contractors LLP",  # a period for a space
        "Employers Insurance Company of Wausau COVERAGE",  # a caption read with the name
        "Harbor Catering Goup, LLC",  # a four-letter word that lost a thin letter
        "TheHanover Insurance Company",  # a space lost after a small word
        "Tri-State' Contractors Insurance Exchange",  # a quote ending a hyphened word
        "Apex Paving Group.-LLC",  # a comma read as two marks
        "Nguyen-Fire Protection Co.",  # a hyphen for a space before a short common word
        "Tri County Plumbing LLC",  # a prefix's hyphen lost
        "Granite State Pluntbing LLC",  # a wide letter broken in two
        "Travelers Property Casualty Company of-America",  # a hyphen for a space
        "Zurich 2 American Insurance Company",  # a lone digit between two words
        "Tri-StateContractors Insurance Exchange",  # a space lost after a hyphened word
        "Tri-State-Contractors Insurance Exchange",  # a hyphen for a space after one
        "Bhue Ridge HVAC Co.",  # an "l" read "h"
        "Apex, Landscaping Inc.",  # a speck read as a comma
        "Redwood Janitorial, Services Company, Inc.",
        "Cardinal Demolition LLP FO BOX 32460 Floor 3",  # the address, its P read F
    ],
)
def test_more_misreads_that_a_second_agreeing_reading_cannot_lift(name):
    assert strong_doubts(strip_dust(name))


@pytest.mark.parametrize(
    "name",
    [
        "Tri-County Roofing LLC",
        "Mercedes-Benz of Austin",
        "Acme Co",
        "Coca-Cola Bottling Co.",
        "J B Hunt Transport Services, Inc.",  # initials, not a lone letter between words
        "Acme Builders L.L.C.",
        "Dunkin' Donuts Franchise LLC",
        "Yahoo!",
        "Fire Insurance Exchange",  # an insurer's name may be all common words
        "Glasses Unlimited",
        "Redwood Roof Repair LLC",
        "Fireproof Storage Co.",
        "St.Louis Roofing Co.",
        "Amazon.com Services LLC",
        "eBay Marketplace Services LLC",
        "Gomez & Sons Roofing HVAC",
        "ACME ROOFING SUPPLY",
        "Mid-America Paving Co.",
        "Endurance Assurance Corporation",  # two letters from "insurance", not a misread
        "Builders' Supply Co.",
        "Northeastern Commercial Mechanical, Electrical and Plumbing Contractors, Inc.",
        "Smith, Jones & Co.",
        "National Union Fire Insurance Company of Pittsburgh, PA",
        "Blue Ridge Roofing & Sheet Metal, LLC",
    ],
)
def test_hyphened_brands_and_short_legal_forms_raise_no_doubt(name):
    assert not strong_doubts(name)


@pytest.mark.parametrize(
    "name", ["Dunn & Sons", "Shaw Electric", "Lund Plumbing", "Hamm Builders", "Chun Design"]
)
def test_surnames_with_a_letter_a_pair_could_merge_into_raise_no_doubt(name):
    assert not doubts(name)


def test_a_period_before_the_closing_legal_form_is_the_comma_read_as_a_period():
    assert strip_dust("Kowalski Demolition Group. LLC") == "Kowalski Demolition Group, LLC"
    assert strip_dust("Blue Ridge HVAC Company. Inc.") == "Blue Ridge HVAC Company, Inc."
    assert strip_dust("Acme Co. LLC") == "Acme Co. LLC"  # an abbreviation keeps its period
    assert strip_dust("J. Smith Inc.") == "J. Smith Inc."


@pytest.mark.parametrize(
    ("read", "name"),
    [
        ("Technology Insurance Company,Inc.", "Technology Insurance Company, Inc."),
        ("Mechanical Contractors Cooperative,.Inc.", "Mechanical Contractors Cooperative, Inc."),
        ("Tri-County Plumbing'& Heating Group, LLC", "Tri-County Plumbing & Heating Group, LLC"),
        ("Cardinal Roofing & Sheet Metal Inc'.", "Cardinal Roofing & Sheet Metal Inc."),
        ("National Union Fire Insurance Company of Pittsburgh: PA",
         "National Union Fire Insurance Company of Pittsburgh, PA"),
        ("O'Brien & Sons, Inc.", "O'Brien & Sons, Inc."),
        ("Meridian Electrical ContractorsLLC", "Meridian Electrical Contractors LLC"),
        (": Selective Insurance Company of America", "Selective Insurance Company of America"),
        ("C:I Liberty Mutual Fire Insurance Company", "Liberty Mutual Fire Insurance Company"),
        ("Westfield Insurance:Company", "Westfield Insurance Company"),
        ("Selective Insurance Company ofAmerica", "Selective Insurance Company of America"),
        ("Meridian Janitorial Company: Inc.", "Meridian Janitorial Company, Inc."),
        ("Tri-County Area, L'LC", "Tri-County Area, LLC"),
        ("Acme Roofing Inc.", "Acme Roofing Inc."),
        ("-Westfield Insurance Company", "Westfield Insurance Company"),
        ("The Hanover -Insurance Company", "The Hanover Insurance Company"),
        ("Gomez &:Sons HVAC LLC", "Gomez & Sons HVAC LLC"),
        ("Redwood Painting Corp.'", "Redwood Painting Corp."),
        ("National Union Fire Insurance Company of Pittsburgh. PA",
         "National Union Fire Insurance Company of Pittsburgh, PA"),
        ("Acme St. PA", "Acme St. PA"),
        ("O'Neill Plumbing & Heating Company, Inc,", "O'Neill Plumbing & Heating Company, Inc."),
        ("Granite Peak Insurance Company:", "Granite Peak Insurance Company"),
        ("Services of theGreater Tri-County, LLC", "Services of the Greater Tri-County, LLC"),
        ("Meridian Plumbing . & Heating LLC", "Meridian Plumbing & Heating LLC"),
        ("Pioneer Landscaping co.", "Pioneer Landscaping Co."),
        ("Acme Roofing Inc:", "Acme Roofing Inc."),
    ],
)
def test_specks_beside_a_names_punctuation_are_dust(read, name):
    assert strip_dust(read) == name


def test_a_name_that_runs_into_a_po_box_is_a_strong_doubt():
    assert strong_doubts("Evergreen Paving LLP PO.Box 6785")


def test_a_lone_double_quote_after_a_name_is_dust():
    assert strip_dust('The Hanover Insurance Company"') == "The Hanover Insurance Company"
    assert strip_dust('"Best" Cleaning LLC') == '"Best" Cleaning LLC'


def test_a_speck_after_a_name_is_dust():
    assert strip_dust("Technology Insurance Company Inc. .") == "Technology Insurance Company Inc."


@pytest.mark.parametrize("name", ["Oid Harbor Mutual Fire Insurance Company", "Prarie States LLC"])
def test_a_short_word_with_a_look_alike_letter_or_a_lost_thin_one_is_a_strong_doubt(name):
    assert strong_doubts(name)


@pytest.mark.parametrize(
    "name", ["Lee Brothers Inc.", "Cox Paving LLC", "Ott Lumber", "Kim Jil Corp."]
)
def test_three_letter_surnames_raise_no_doubt(name):
    assert doubts(name) == []


@pytest.mark.parametrize(
    "name", ["Biue Mesa Specialty Insurance Company", "Gomez & Sons LLC PQ Box 63548"]
)
def test_a_four_letter_look_alike_and_a_po_box_read_with_a_q_are_strong_doubts(name):
    assert strong_doubts(name)
