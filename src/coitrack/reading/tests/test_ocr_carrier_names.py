"""Insurers' names OCR left for review, set right by the NAIC code read on their line
(ocr/carrier_names.py) only when the reading is close to that code's listed name."""

from __future__ import annotations

import re

import pytest

from coitrack.reading.assemble import Slot
from coitrack.reading.carriers import CARRIERS
from coitrack.reading.ocr.carrier_names import close, names_by_naic
from coitrack.reading.ocr.words import AGREED
from coitrack.reading.result import CONFIDENCE_THRESHOLD, Evidence
from coitrack.reading.synth.values import INSURERS, REGIONAL_INSURERS


def _slots(name: str, naic: str, *, name_sure: float = 0.4, naic_sure: float = 0.95):
    return {
        "insurer.A.name": Slot(name, Evidence(1, (10, 10, 200, 20), name_sure, name)),
        "insurer.A.naic": Slot(naic, Evidence(1, (210, 10, 240, 20), naic_sure, naic)),
    }


def test_an_unsure_name_close_to_its_naic_codes_insurer_is_set_right():
    slots = _slots("Traveers Property Casualty Company of America", "25674")
    (note,) = names_by_naic(slots)
    name = slots["insurer.A.name"]
    assert name.text == "Travelers Property Casualty Company of America"
    assert name.evidence.confidence == AGREED  # "compare with the document"
    assert name.evidence.box == (10, 10, 200, 20)
    assert "25674" in note


def test_a_sure_misreading_close_to_the_listed_name_is_set_right_too():
    # a fax reads some names wrong with full trust
    slots = _slots("The Cincmmat Insurance Company", "10677", name_sure=0.95)
    assert names_by_naic(slots)
    assert slots["insurer.A.name"].text == "The Cincinnati Insurance Company"
    assert slots["insurer.A.name"].evidence.confidence == AGREED


@pytest.mark.parametrize(
    "printed",
    [
        "Travelers Property Casualty Co. of America",
        "Travelers Property Casualty Company of America",
    ],
)
def test_a_sure_name_as_printed_or_abbreviated_stands(printed):
    slots = _slots(printed, "25674", name_sure=0.95)
    assert names_by_naic(slots) == []
    assert slots["insurer.A.name"].text == printed
    assert slots["insurer.A.name"].evidence.confidence == 0.95


def test_an_unsure_naic_code_is_no_witness():
    slots = _slots("Traveers Property Casualty Company of America", "25674", naic_sure=0.4)
    assert names_by_naic(slots) == []
    assert slots["insurer.A.name"].evidence.confidence < CONFIDENCE_THRESHOLD


@pytest.mark.parametrize(
    ("reading", "naic"),
    [
        ("Hartford Casualty Insurance Company", "19682"),  # a sibling: Hartford Fire's code
        ("Liberty Mutual Insurance Company", "23035"),  # Liberty Mutual Fire: a word short
        ("American Zurich Insurance Company", "16535"),  # Zurich American's code
        ("Natiumal n tiie lnsue rompayt kitta. t", "19445"),  # too poor to tell
        ("Prairie States Mutual Insurance Company", "14621"),  # not in the list
    ],
)
def test_a_reading_that_is_not_close_to_the_listed_name_is_left_for_review(reading, naic):
    slots = _slots(reading, naic)
    assert names_by_naic(slots) == []
    assert slots["insurer.A.name"].text == reading


@pytest.mark.parametrize(
    ("reading", "name"),
    [
        ("Na:ional Inion Fire Insurance Compary of Pittsburgh, PA", CARRIERS["19445"]),
        ("The Cmcinat Iisurance Company", "The Cincinnati Insurance Company"),
        ("Arch Insurance Company\u201c", "Arch Insurance Company"),
    ],
)
def test_misreadings_word_for_word_close_are_close(reading, name):
    assert close(reading, name)


def test_the_list_holds_five_digit_codes_and_one_name_each():
    assert all(re.fullmatch(r"\d{5}", code) for code in CARRIERS)
    assert len(set(CARRIERS.values())) == len(CARRIERS)


def test_the_generator_draws_insurers_the_list_holds_and_some_it_does_not():
    # the benchmark then measures both: names set right by their code, and names read alone
    assert all(CARRIERS[naic] == name for name, naic in INSURERS)
    assert not any(naic in CARRIERS for _, naic in REGIONAL_INSURERS)


def test_an_unsure_reading_that_spells_the_listed_name_is_kept():
    slots = _slots("Federal Insurance Company", "20281")
    assert names_by_naic(slots)
    assert slots["insurer.A.name"].evidence.confidence == AGREED


def test_a_sure_name_that_lost_its_first_words_is_left_for_review_not_filled_in():
    slots = _slots("Mutual Fire Insurance Company", "23035", name_sure=0.95)
    (note,) = names_by_naic(slots)
    name = slots["insurer.A.name"]
    assert name.text == "Mutual Fire Insurance Company"  # the list puts no word in
    assert name.evidence.confidence < CONFIDENCE_THRESHOLD
    assert "first words" in note


def test_a_name_printed_without_its_leading_the_stands():
    slots = _slots("Cincinnati Insurance Company", "10677", name_sure=0.95)
    assert names_by_naic(slots) == []
    assert slots["insurer.A.name"].evidence.confidence == 0.95


def test_a_callers_own_carriers_set_right_an_insurer_the_built_in_list_does_not_hold():
    # A fax whose insurer C ("Tri-State Contractors Insurance Exchange", made up for the
    # generator) is misread: an organization that lists that insurer gets the name back.
    from coitrack.reading import read_document
    from coitrack.reading.synth import generate

    data, truth = generate(3_100_045, "fax")
    insurer = next(i for i in truth["insurers"] if i["letter"] == "C")
    assert insurer["naic"] not in CARRIERS

    def name_read(**kwargs):
        result = read_document(data, isolate=False, **kwargs)
        return next(i["name"] for i in result.data["insurers"] if i["letter"] == "C")

    assert name_read() != insurer["name"]
    own = {insurer["naic"]: insurer["name"], "N/A": "ignored", "12345": ""}
    assert name_read(carriers=own) == insurer["name"]
