"""ACORD 25 editions other than 2016/03 (2010/05, 2014/01 and the modelled 2025/12): their
captions, columns and rows differ, the values read the same and the edition is the footer's."""

from __future__ import annotations

from collections import defaultdict

import pytest

from coitrack.reading.synth import generate
from coitrack.reading.synth.compare import CRITICAL, Tally, compare
from coitrack.reading.tests.conftest import read

OTHER_EDITIONS = ("2010/05", "2014/01", "2025/12")


@pytest.mark.parametrize("edition", OTHER_EDITIONS)
@pytest.mark.parametrize("printed", [True, False], ids=["agency-printed", "flattened"])
def test_each_edition_printed_as_text_reads_exactly(sample, draw, edition, printed):
    certificate = sample(20)  # GL, auto, umbrella with a retention, WC
    result = read(draw(certificate, "text", seed=20, edition=edition, printed=printed))
    assert result.reader == "layout"
    assert result.data == certificate.truth


@pytest.mark.parametrize("edition", OTHER_EDITIONS)
def test_each_edition_as_a_fillable_form_reads_exactly(sample, draw, edition):
    certificate = sample(25)  # five policies
    result = read(draw(certificate, "fillable", seed=25, edition=edition, xfa_names=False))
    assert result.reader == "acroform"
    assert result.data == certificate.truth


@pytest.mark.parametrize("edition", ["2016/03", *OTHER_EDITIONS])
def test_the_edition_is_the_one_printed_in_the_footer(sample, draw, edition):
    result = read(draw(sample(23), "text", seed=23, edition=edition))
    assert result.data["edition"] == edition
    assert result.evidence["edition"]["text"] == edition
    assert result.evidence["edition"]["box"][1] > 740  # the footer line


def test_a_fillable_form_without_an_edition_field_takes_the_footer_s(sample, draw):
    result = read(draw(sample(24), "fillable", seed=24, edition="2010/05", xfa_names=True))
    assert result.data["edition"] == "2010/05"


def test_the_2010_auto_boxes_printed_on_one_line_each_are_read(sample, draw):
    certificate = sample(25)  # has an auto policy
    for name in [n for n in certificate.checks if n.startswith("Vehicle_")]:
        certificate.checks[name] = False
    certificate.checks["Vehicle_HiredAutosIndicator_A"] = True
    certificate.checks["Vehicle_NonOwnedAutosIndicator_A"] = True
    data = read(draw(certificate, "text", seed=25, edition="2010/05", vector_marks=False)).data
    (auto,) = [p for p in data["policies"] if p["coverage"] == "automobile_liability"]
    assert auto["auto_symbols"] == ["hired_autos_only", "non_owned_autos_only"]


def test_the_2010_statutory_limits_box_and_retention_line_are_read(sample, draw):
    certificate = sample(30)  # WC per statute, an umbrella with a retention
    data = read(draw(certificate, "text", seed=30, edition="2010/05", printed=False)).data
    truth = {p["coverage"]: p for p in certificate.truth["policies"]}
    read_policies = {p["coverage"]: p for p in data["policies"]}
    for coverage, policy in truth.items():
        assert read_policies[coverage]["statutory"] == policy["statutory"]
        assert read_policies[coverage]["retention"] == policy["retention"]


def test_the_addl_insr_header_of_2010_is_never_read_as_a_mark(sample, draw):
    certificate = sample(27)
    for name in certificate.fields:
        if name.endswith("AdditionalInsuredCode_A"):
            certificate.fields[name] = ""
    for policy in certificate.truth["policies"]:
        policy["additional_insured"] = False
    data = read(draw(certificate, "text", seed=27, edition="2010/05")).data
    assert not any(p["additional_insured"] for p in data["policies"])


@pytest.mark.parametrize("edition", ["2010/05", "2025/12"])
def test_a_scan_of_an_older_or_newer_edition_reads_its_printed_critical_values(
    sample, draw, edition
):
    certificate = sample(100001)
    png = draw(certificate, "scan200", seed=100001, edition=edition, container="png")
    data = read(png, filename="scan.png").data
    scores: dict[str, Tally] = defaultdict(Tally)
    compare(certificate.truth, data, scores)
    printed = [g for g in CRITICAL if g not in ("coverage", "additional_insured")]
    misses = [miss for group in printed for miss in scores[group].misses]
    assert data["edition"] == edition
    assert not misses


def test_addl_and_subr_glued_into_one_word_on_2010_05_still_give_their_columns():
    # Seed 2,700,037 prints "ADDL" and "SUBR" so close that the text layer gives "ADDLSUBR",
    # and its general liability policy number "69 TRS 386996" at its column's left edge: the
    # "69" was read into SUBR WVD when the columns fell back to 2016/03's places.
    data, truth = generate(2_700_037, "text-2010")
    result = read(data)
    assert [p["policy_number"] for p in result.data["policies"]] == [
        p["policy_number"] for p in truth["policies"]
    ]
    assert not any("could not read" in w for w in result.warnings)
