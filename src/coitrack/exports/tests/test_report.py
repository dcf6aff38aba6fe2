"""The per-vendor compliance report: a PDF and a printable page with the explained checklist."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from coitrack.compliance.models import VendorEvaluation, Waiver
from coitrack.compliance.services import local_today
from coitrack.testing import factories

pytestmark = pytest.mark.django_db

LIMIT_SENTENCE = "Each occurrence $500,000 is below the required $1,000,000."


@pytest.fixture
def evaluated_vendor(org, admin_user):
    vendor = factories.vendor(org, "Kilo Construction LLC", dba="Kilo Builders",
                              compliance_status="non_compliant")
    factories.contact(vendor, name="Pat Kilo", email="pat@kilo.test")
    factories.certificate(vendor, policy_number="GL-KILO-1",
                          limits={"each_occurrence": 500_000})
    VendorEvaluation.objects.create(
        vendor=vendor, organization=org, status="non_compliant", as_of=local_today(org),
        evaluated_at=dt.datetime.now(dt.UTC),
        evaluations=[{"template_id": 1, "name": "Contractors", "source": "vendor type",
                      "status": "non_compliant", "coverages": [{
                          "coverage": "general_liability",
                          "policy": {"policy_number": "GL-KILO-1",
                                     "effective_date": "2026-01-01",
                                     "expiration_date": "2027-01-01"},
                          "limits": [{"limit": "each_occurrence", "met": False,
                                      "message": LIMIT_SENTENCE}]}]}],
        deficiencies=[{"code": "LIMIT_BELOW_MINIMUM", "severity": "fail",
                       "coverage": "general_liability", "limit": "each_occurrence",
                       "message": LIMIT_SENTENCE, "template": "Contractors",
                       "template_id": 1}])
    Waiver.objects.create(organization=org, vendor=vendor, code="INSURER_NOT_RATED",
                          reason="Carrier approved by risk manager",
                          expires_on=dt.date(2099, 1, 1), created_by=admin_user)
    return vendor


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_report_holds_the_checklist_with_its_explanations(admin_client,
                                                                   evaluated_vendor):
    response = admin_client.get(reverse("exports:vendor_pdf", args=[evaluated_vendor.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = " ".join(pdf_text(response.content).split())
    assert "Compliance report: Kilo Construction LLC" in text
    assert "Contractors: Non-compliant" in text
    assert "General liability" in text
    assert LIMIT_SENTENCE in text
    assert "Limit below minimum" in text  # the open deficiency in words
    assert "Carrier approved by risk manager" in text  # the waiver
    assert "GL-KILO-1" in text  # the certificate on file
    assert "Pat Kilo" in text


def test_the_pdf_downloads_when_asked(admin_client, evaluated_vendor):
    response = admin_client.get(reverse("exports:vendor_pdf", args=[evaluated_vendor.pk]),
                                {"download": "1"})
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_printable_report_shows_the_same_checklist(viewer_client, evaluated_vendor):
    response = viewer_client.get(reverse("exports:vendor_print", args=[evaluated_vendor.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "@media print" in page
    assert LIMIT_SENTENCE in page
    assert "Kilo Builders" in page


def test_a_vendor_without_requirements_gets_a_report_saying_so(org, admin_client):
    vendor = factories.vendor(org, "Lima Catering")
    text = pdf_text(admin_client.get(reverse("exports:vendor_pdf", args=[vendor.pk])).content)
    assert "No requirement template applies" in " ".join(text.split())


def test_another_organizations_vendor_has_no_report(other_org, admin_client):
    vendor = factories.vendor(other_org, "Mike Secret")
    assert admin_client.get(reverse("exports:vendor_pdf", args=[vendor.pk])).status_code == 404
    assert admin_client.get(reverse("exports:vendor_print",
                                    args=[vendor.pk])).status_code == 404


def test_the_vendor_page_links_to_its_report(admin_client, evaluated_vendor):
    page = admin_client.get(reverse("vendors:detail", args=[evaluated_vendor.pk])).content
    assert reverse("exports:vendor_pdf", args=[evaluated_vendor.pk]).encode() in page
