"""Endorsements attached to a certificate (pages after the ACORD page, or separate PDFs) are
recognized when the files are read, kept on the certificate, given to the compliance engine, and
confirm requirements that demand an endorsement."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from coitrack.audit.models import Event
from coitrack.certificates.schema_io import SchemaError, apply_schema, certificate_to_schema
from coitrack.certificates.services import accept_certificate
from coitrack.certificates.tests.reading import insured_vendor, synthetic, upload
from coitrack.compliance.services import evaluate_vendor
from coitrack.requirements.models import RequirementTemplate, TemplateAssignment

AS_OF = dt.date(2025, 6, 1)  # the synthetic certificate's policies are in force
CG_2010 = ("POLICY NUMBER: GL 1. COMMERCIAL GENERAL LIABILITY. CG 20 10 04 13. THIS ENDORSEMENT "
           "CHANGES THE POLICY. PLEASE READ IT CAREFULLY. ADDITIONAL INSURED - OWNERS, LESSEES "
           "OR CONTRACTORS - SCHEDULED PERSON OR ORGANIZATION. CG 20 10 04 13")
CA_2048 = ("COMMERCIAL AUTO. CA 20 48 10 13. THIS ENDORSEMENT CHANGES THE POLICY. DESIGNATED "
           "INSURED FOR COVERED AUTOS LIABILITY COVERAGE")
DEMANDING = {
    "name": "Endorsements required",
    "named_insured_match": "off",
    "coverages": [
        {"coverage": "general_liability", "additional_insured": True,
         "additional_insured_evidence": "confirmed"},
        {"coverage": "automobile_liability", "additional_insured": True,
         "additional_insured_evidence": "confirmed"},
    ],
}


def _pages(*texts: str) -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=letter)
    for text in texts:
        for line, chunk in enumerate(text.split(". ")):
            drawing.drawString(40, 740 - 14 * line, chunk)
        drawing.showPage()
    drawing.save()
    return out.getvalue()


def _joined(first: bytes, extra: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(first)))
    for page in PdfReader(io.BytesIO(extra)).pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def vendor(org):
    return insured_vendor(org)


@pytest.fixture
def read(reviewer_client, vendor, django_capture_on_commit_callbacks):
    def read(*files):
        return upload(reviewer_client, vendor, *files, capture=django_capture_on_commit_callbacks)
    return read


@pytest.fixture
def demanding(org, vendor):
    template = RequirementTemplate.objects.create(organization=org, name=DEMANDING["name"],
                                                  data=DEMANDING)
    TemplateAssignment.objects.create(organization=org, template=template, vendor=vendor)
    return template


def _accepted(cert, reviewer_user):
    return accept_certificate(certificate=cert, actor=reviewer_user)


def _codes(evaluation) -> list[tuple[str, str]]:
    return [(d["code"], d["coverage"]) for d in evaluation.deficiencies]


def test_endorsement_pages_after_the_acord_page_are_listed_on_the_certificate(read):
    pdf, _ = synthetic(7)
    cert = read(("coi.pdf", _joined(pdf, _pages(CG_2010, CA_2048))))
    assert [(e["form"], e["edition"], e["page"], e["source"]) for e in cert.endorsements] == [
        ("CG 20 10", "04 13", 2, "document"), ("CA 20 48", "10 13", 3, "document")]
    assert certificate_to_schema(cert)["endorsements"] == cert.endorsements
    event = Event.objects.filter(object_id=cert.pk, changes__has_key="endorsements").get()
    assert event.changes["endorsements"] == ["", "CG 20 10 04 13, CA 20 48 10 13"]


def test_the_vendor_passes_a_template_demanding_confirmation(read, vendor, demanding,
                                                            reviewer_user):
    pdf, _ = synthetic(7)  # GL: ADDL INSD not marked; auto: marked
    _accepted(read(("coi.pdf", _joined(pdf, _pages(CG_2010, CA_2048)))), reviewer_user)
    evaluation = evaluate_vendor(vendor, as_of=AS_OF)
    assert (evaluation.status, _codes(evaluation)) == ("compliant", [])
    coverages = evaluation.evaluations[0]["coverages"]
    assert [c["evidence"] for c in coverages] == [{"additional_insured": "confirmed"}] * 2
    assert coverages[0]["evidence_forms"] == {"additional_insured": ["CG 20 10"]}


def test_without_the_endorsements_the_box_only_indicates_and_no_box_is_missing(
        read, vendor, demanding, reviewer_user):
    pdf, _ = synthetic(7)
    cert = read(("coi.pdf", pdf))
    assert cert.endorsements == [] and "endorsements" not in certificate_to_schema(cert)
    _accepted(cert, reviewer_user)
    evaluation = evaluate_vendor(vendor, as_of=AS_OF)
    assert _codes(evaluation) == [("ADDITIONAL_INSURED_MISSING", "general_liability"),
                                  ("ADDITIONAL_INSURED_NOT_CONFIRMED", "automobile_liability")]
    message = evaluation.deficiencies[1]["message"]
    assert "indicated (ADDL INSD marked" in message and "no CA 20 48 endorsement" in message


def test_a_separate_endorsement_file_counts_for_the_certificate(read, vendor, demanding,
                                                                reviewer_user):
    pdf, _ = synthetic(7)
    cert = read(("coi.pdf", pdf), ("endorsements.pdf", _pages(CG_2010, CA_2048)))
    assert [(e["form"], e["page"]) for e in cert.endorsements] == [("CG 20 10", 1),
                                                                  ("CA 20 48", 2)]
    assert "endorsements.pdf" not in cert.status_reason  # not reported as unreadable
    _accepted(cert, reviewer_user)
    assert evaluate_vendor(vendor, as_of=AS_OF).status == "compliant"


def test_the_checklist_shows_the_evidence_state_as_a_badge(read, vendor, demanding,
                                                           reviewer_user, viewer_client):
    pdf, _ = synthetic(7)
    _accepted(read(("coi.pdf", _joined(pdf, _pages(CG_2010)))), reviewer_user)
    with time_machine.travel(dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)):
        html = viewer_client.get(reverse("vendors:detail", args=[vendor.pk])).content.decode()
    assert ('Additional insured: <span class="badge ok">confirmed</span> '
            '<span class="muted small">CG 20 10 attached</span>') in html
    assert 'Additional insured: <span class="badge warn">indicated</span>' in html


def test_bad_endorsement_data_is_refused_and_changes_nothing(read, reviewer_user):
    pdf, _ = synthetic(7)
    cert = read(("coi.pdf", pdf))
    data = certificate_to_schema(cert)
    before = certificate_to_schema(cert)
    for bad in ({"endorsements": "CG 20 10"}, {"endorsements": [{"edition": "04 13"}]},
                {"endorsements": [{"form": "CG 20 10", "source": "fax"}]},
                {"endorsements": [{"form": "CG 20 10", "page": 0}]}):
        with pytest.raises(SchemaError, match="endorsements"):
            apply_schema(certificate=cert, data={**data, "insured": {"name": "Changed"},
                                                 **bad}, actor=reviewer_user)
    cert.refresh_from_db()
    assert certificate_to_schema(cert) == before
