"""Guessing columns from header names, and checking a mapping."""

from __future__ import annotations

from coitrack.imports.columns import check_mapping, guess_mapping, header_signature


def test_common_vendor_headers_are_guessed():
    header = ["Vendor Name", "DBA", "FEIN", "Trade", "Project", "Owner", "Street Address",
              "City", "State", "Zip Code", "E-mail", "Phone", "Agent", "Agent Email",
              "Agent Phone", "Notes", "Unrelated"]
    assert guess_mapping("vendors", header) == {
        "legal_name": 0, "dba": 1, "tax_id": 2, "vendor_type": 3, "projects": 4, "owner": 5,
        "address_line1": 6, "city": 7, "state": 8, "postal_code": 9, "contact_email": 10,
        "contact_phone": 11, "agent_name": 12, "agent_email": 13, "agent_phone": 14,
        "notes": 15}


def test_synonyms_for_names_and_tax_ids():
    assert guess_mapping("vendors", ["Company", "EIN"]) == {"legal_name": 0, "tax_id": 1}
    assert guess_mapping("vendors", ["Legal Name", "Tax ID"]) == {"legal_name": 0, "tax_id": 1}
    assert guess_mapping("vendors", ["Vendor Type", "Email"]) == {"vendor_type": 0,
                                                                  "contact_email": 1}


def test_word_rules_catch_longer_headers():
    header = ["Supplier Legal Name", "Broker E-Mail Address", "Primary Contact Email",
              "Mobile", "Federal Tax #"]
    assert guess_mapping("vendors", header) == {
        "legal_name": 0, "agent_email": 1, "contact_email": 2, "contact_phone": 3, "tax_id": 4}


def test_each_field_takes_the_leftmost_matching_column_once():
    assert guess_mapping("vendors", ["Email", "E-mail"]) == {"contact_email": 0}


def test_carrier_and_assignment_headers_are_guessed():
    assert guess_mapping("carriers", ["Insurer", "NAIC #", "AM Best Rating", "FSC"]) == {
        "name": 0, "naic": 1, "am_best_rating": 2, "financial_size": 3}
    assert guess_mapping("assignments", ["Template", "Vendor Type", "Project", "Vendor",
                                         "Tax ID"]) == {
        "template": 0, "vendor_type": 1, "project": 2, "vendor": 3, "vendor_tax_id": 4}


def test_signature_ignores_case_and_punctuation_but_not_order():
    assert header_signature(["Vendor Name", "E-mail"]) == header_signature(["vendor name",
                                                                            "E MAIL "])
    assert header_signature(["A", "B"]) != header_signature(["B", "A"])


def test_a_mapping_needs_the_required_fields_and_distinct_columns():
    assert check_mapping("vendors", {"legal_name": 0}, 2) == []
    assert check_mapping("vendors", {"dba": 0}, 2) == [
        "Choose the column that holds the legal name."]
    assert "use the same column" in check_mapping("vendors", {"legal_name": 0, "dba": 0}, 2)[0]
    assert "no column 5" in check_mapping("vendors", {"legal_name": 4}, 2)[0]
