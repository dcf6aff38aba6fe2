"""The AcroForm reader: fillable ACORD 25 PDFs, read field by field under ACORD's field names."""

from __future__ import annotations

import pytest

from coitrack.reading.acroform_fields import short_name
from coitrack.reading.tests.conftest import read


@pytest.mark.parametrize("seed", range(6))
def test_a_fillable_certificate_reads_exactly_as_typed(certificate, seed):
    pdf, truth = certificate(seed, "fillable", xfa_names=False)
    result = read(pdf)
    assert result.reader == "acroform"
    assert result.data == truth


@pytest.mark.parametrize("seed", range(3))
def test_fields_named_with_the_xfa_prefix_read_the_same(certificate, seed):
    pdf, truth = certificate(seed, "fillable", xfa_names=True)
    assert read(pdf).data == truth


def test_xfa_prefix_and_index_are_stripped_from_field_names():
    assert short_name("F[0].P1[0].Producer_FullName_A[0]") == "Producer_FullName_A"
    assert short_name("Producer_FullName_A") == "Producer_FullName_A"


def test_edition_comes_from_the_form_identifier_or_else_the_printed_footer(certificate):
    short, _ = certificate(1, "fillable", xfa_names=False)
    prefixed, _ = certificate(1, "fillable", xfa_names=True)  # no identifier field
    assert read(short).evidence["edition"]["text"] == "ACORD 0025 2016-03"
    assert read(prefixed).data["edition"] == "2016/03"


def test_evidence_is_the_field_rectangle_with_a_top_left_origin(sample, draw):
    certificate = sample(3)
    result = read(draw(certificate, "fillable", xfa_names=False))
    evidence = result.evidence["insured.name"]
    assert evidence["page"] == 1
    assert evidence["box"] == [72.0, 192.0, 302.0, 204.0]
    assert evidence["confidence"] >= 0.9
    assert evidence["text"] == certificate.truth["insured"]["name"]


def test_addl_insd_typed_as_x_or_y_both_mean_marked(sample, draw):
    for mark in ("X", "Y", "y"):
        certificate = sample(2)
        certificate.fields["CertificateOfInsurance_GeneralLiability_AdditionalInsuredCode_A"] = mark
        certificate.truth["policies"][0]["additional_insured"] = True
        policy = read(draw(certificate, "fillable")).data["policies"][0]
        assert policy["coverage"] == "general_liability"
        assert policy["additional_insured"] is True


def test_a_date_that_cannot_be_read_is_left_empty_and_flagged(sample, draw):
    certificate = sample(2)
    certificate.fields["Policy_GeneralLiability_EffectiveDate_A"] = "31/12/2025"
    result = read(draw(certificate, "fillable"))
    assert result.data["policies"][0]["effective_date"] is None
    assert result.evidence["policies[0].effective_date"]["flag"] == "unreadable"
    assert any("31/12/2025" in warning for warning in result.warnings)


def test_only_rows_that_are_filled_in_become_policies(sample, draw):
    certificate = sample(4)
    result = read(draw(certificate, "fillable"))
    assert [p["coverage"] for p in result.data["policies"]] == [
        p["coverage"] for p in certificate.truth["policies"]
    ]
