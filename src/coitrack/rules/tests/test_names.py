"""Name normalization and matching (named insured, certificate holder, carriers)."""

from __future__ import annotations

import pytest

from coitrack.rules.names import addresses_match, exact_key, names_match, normalize_name


@pytest.mark.parametrize(
    ("name", "normalized"),
    [
        ("Acme Roofing, Inc.", "acme roofing"),
        ("ACME ROOFING INCORPORATED", "acme roofing"),
        ("Acme Roofing L.L.C.", "acme roofing"),
        ("Acme Roofing LLC", "acme roofing"),
        ("Acme Roofing Ltd", "acme roofing"),
        ("Acme Roofing Co.", "acme roofing"),
        ("Acme Roofing Corp", "acme roofing"),
        ("Acme Roofing Corporation", "acme roofing"),
        ("Acme Roofing Company", "acme roofing"),
        ("Acme Roofing, L.P.", "acme roofing"),
        ("Acme Roofing LLP", "acme roofing"),
        ("Acme Holdings Co., Inc.", "acme holdings"),
        ("Smith & Sons", "smith and sons"),
        ("Smith&Sons", "smith and sons"),
        ("Smith and Co.", "smith"),
        ("O'Brien-Kelly   Builders", "obrien kelly builders"),
        ("Co", "co"),
    ],
)
def test_normalized_names_ignore_case_punctuation_and_entity_suffixes(name, normalized) -> None:
    assert normalize_name(name) == normalized


def test_entity_suffix_words_inside_a_name_are_kept() -> None:
    assert normalize_name("Co Op Roofing LLC") == "co op roofing"


def test_exact_key_ignores_only_case_and_spacing() -> None:
    assert exact_key("  Acme   Roofing LLC ") == "acme roofing llc"
    assert exact_key("Acme Roofing, LLC") != exact_key("Acme Roofing LLC")


def test_normalized_match_against_legal_name_or_dba() -> None:
    assert names_match("Top Roofs, Inc.", ["Acme Roofing LLC", "Top Roofs"], "normalized")
    assert not names_match("Top Roofers", ["Acme Roofing LLC", "Top Roofs"], "normalized")


@pytest.mark.parametrize("marker", ["dba", "DBA", "d/b/a", "D.B.A.", "doing business as"])
def test_a_dba_printed_in_the_insured_name_is_understood(marker) -> None:
    printed = f"John Smith {marker} Smith Roofing"
    assert names_match(printed, ["John Smith"], "normalized")
    assert names_match(printed, ["Smith Roofing LLC"], "normalized")


def test_empty_names_never_match() -> None:
    assert not names_match("", [""], "normalized")
    assert not names_match(None, ["Acme"], "exact")


def test_off_matches_anything() -> None:
    assert names_match("", ["Acme"], "off")


def test_addresses_compare_without_stripping_state_codes() -> None:
    assert addresses_match("100 Main St., Denver, CO 80202", "100 main st denver co 80202",
                           "normalized")
    assert not addresses_match("100 Main St, Denver", "100 Main St, Denver, CO", "normalized")
