"""Unit by unit: comparing data with what the reader wrote, page sizes for the boxes."""

import io

import pytest
from PIL import Image

from coitrack.certificates.page_sizes import page_sizes
from coitrack.certificates.reading_diff import Correction, corrections, edited_paths, leaves
from coitrack.certificates.tests import samples


def policy(number, **limits):
    return {"coverage": "general_liability", "policy_number": number, "limits": limits}


READ = {"insured": {"name": "Acme LLC", "address": ""},
        "insurers": [{"letter": "A", "name": "Zeta Mutual", "naic": "12345"}],
        "policies": [policy("P-1", each_occurrence=1_000_000), policy("P-2")]}


def test_policies_are_compared_by_identity_not_position():
    reader = leaves(READ, [11, 12])
    after = leaves({**READ, "policies": [policy("P-2")]}, [12])  # the first one was removed
    found, reverted = corrections(reader, reader, after)
    assert found == [Correction("policies[0]", READ["policies"][0], None)] and not reverted


def test_a_changed_value_is_a_correction_at_the_readers_path():
    reader = leaves(READ, [11, 12])
    changed = {**READ, "policies": [policy("P-1", each_occurrence=2_000_000), policy("P-2")]}
    found, _ = corrections(reader, reader, leaves(changed, [11, 12]))
    assert found == [Correction("policies[0].limits.each_occurrence", 1_000_000, 2_000_000)]


def test_an_insurer_the_reader_missed_is_one_example_as_a_whole():
    reader = leaves(READ, [11, 12])
    added = {"letter": "B", "name": "Beta Casualty", "naic": None}
    after = leaves({**READ, "insurers": [*READ["insurers"], added]}, [11, 12])
    found, _ = corrections(reader, reader, after)
    assert found == [Correction("insurers[1]", None, added)]


def test_blank_text_and_null_are_the_same_value():
    reader = leaves(READ, [11, 12])
    same = leaves({**READ, "insured": {"name": "Acme LLC", "address": None}}, [11, 12])
    assert corrections(reader, reader, same) == ([], [])
    assert edited_paths(same, reader) == []


def test_with_nothing_written_any_value_counts_as_typed_by_hand():
    assert edited_paths(leaves({"insured": {"name": "Typed"}}), {}) == ["insured.name"]
    assert edited_paths(leaves({"insured": {"name": ""}, "policies": []}), {}) == []


def test_pdf_page_sizes_are_in_points():
    assert page_sizes(samples.pdf_bytes(pages=2), "application/pdf") == [(612.0, 792.0)] * 2


def test_image_pixels_count_as_points_at_the_resolution_the_reader_uses():
    out = io.BytesIO()
    Image.new("RGB", (1700, 2200), "white").save(out, "PNG", dpi=(200, 200))
    assert page_sizes(out.getvalue(), "image/png") == [(612.0, 792.0)]
    # A phone photo says nothing useful: the reader takes it for a letter page.
    assert page_sizes(samples.image_bytes("JPEG", (1275, 1650)), "image/jpeg") == [
        (612.0, 792.0)]


def test_a_file_that_cannot_be_opened_is_a_value_error():
    with pytest.raises(ValueError):
        page_sizes(b"%PDF-1.4 nonsense", "application/pdf")
