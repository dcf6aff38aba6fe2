"""ACORD's own files, when a folder of them is found (CI has one; the project's test suite must
pass without it, so these tests skip when it is missing). The files are read in place and never
copied into the repository. Looked for in ``$COITRACK_ACORD_DIR``, then ``../shared/acord``
beside the repository, then ``/work/shared/acord``."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from coitrack.reading.tests.conftest import read

CANDIDATES = [
    Path(os.environ.get("COITRACK_ACORD_DIR", "/nonexistent")),
    Path(__file__).resolve().parents[4].parent / "shared" / "acord",
    Path("/work/shared/acord"),
]
SHARED = next((p for p in CANDIDATES if p.is_dir()), CANDIDATES[1])
pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/acord not present")


def test_the_flattened_sample_reads_its_printed_values():
    data = read((SHARED / "sample-filled-flattened-2016-03.pdf").read_bytes()).data
    assert data["edition"] == "2016/03"
    assert data["insured"] == {
        "name": "Lisa Gomez, LLC",
        "address": "1616 Broadway, New York, NY 10001",
    }
    assert data["certificate_holder"]["name"] in ("World\u2019s Best, Inc.", "World's Best, Inc.")
    assert [i["naic"] for i in data["insurers"]] == [
        "11111",
        "22222",
        "33333",
        "44444",
        "55555",
        "66666",
    ]
    gl, auto, other = data["policies"]
    assert (gl["policy_number"], gl["effective_date"], gl["expiration_date"]) == (
        "7843243-A",
        "2020-01-17",
        "2021-01-17",
    )
    assert gl["limits"] == {
        "each_occurrence": 400_000,
        "damage_to_rented_premises": 500_000,
        "medical_expense": 600_000,
        "personal_advertising_injury": 700_000,
        "general_aggregate": 800_000,
    }
    assert gl["additional_insured"] is True and gl["claims_made"] is False
    assert auto["auto_symbols"] == ["scheduled_autos"]
    assert auto["limits"] == {"combined_single_limit": 500_000}
    assert (other["coverage"], other["description"]) == ("other", "Garage Keepers Liability")


def test_the_iso_dated_sample_reads_its_dates_and_drawn_check_marks():
    data = read((SHARED / "sample-filled-flattened-isodates.pdf").read_bytes()).data
    assert data["certificate_date"] == "2025-01-15"
    assert [p["coverage"] for p in data["policies"]] == [
        "general_liability",
        "automobile_liability",
        "workers_compensation",
    ]
    gl, auto, wc = data["policies"]
    assert gl["effective_date"] == "2025-01-01" and gl["claims_made"] is False
    assert auto["auto_symbols"] == ["any_auto"]
    assert wc["statutory"] is True
    assert wc["limits"]["el_each_accident"] == 1_000_000


@pytest.mark.parametrize(
    "blank", ["acord25-2016-03-blank-acroform.pdf", "acord25-2016-03-blank-xfa.pdf"]
)
def test_acords_fillable_form_filled_in_reads_back(sample, blank):
    """Fill ACORD's real form (in memory) with a generated certificate, read it back."""
    from pypdf import PdfReader, PdfWriter

    from coitrack.reading.acroform_fields import short_name

    certificate = sample(11)
    reader = PdfReader(SHARED / blank)
    if reader.is_encrypted:
        reader.decrypt("")
    writer = PdfWriter(clone_from=reader)
    names = {short_name(name): name for name in reader.get_fields()}
    texts = {names[k]: v for k, v in certificate.fields.items() if k in names}
    checks = {names[k]: "/1" for k, on in certificate.checks.items() if on and k in names}
    for page in writer.pages:
        writer.update_page_form_field_values(page, {**texts, **checks}, auto_regenerate=False)
    buffer = io.BytesIO()
    writer.write(buffer)
    result = read(buffer.getvalue())
    assert result.reader == "acroform"
    assert result.data == certificate.truth
