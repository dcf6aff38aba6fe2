"""Certificates through the API: upload files, read what was extracted, confirm or reject."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coitrack.api.tests.helpers import assert_error
from coitrack.certificates.models import Certificate
from coitrack.certificates.tests.reading import insured_vendor, synthetic
from coitrack.testing import factories


def pdf(seed: int = 7) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"coi-{seed}.pdf", synthetic(seed)[0], "application/pdf")


@pytest.mark.django_db(transaction=False)
def test_upload_read_and_confirm(org, api, django_capture_on_commit_callbacks):
    vendor = insured_vendor(org)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.upload(f"/vendors/{vendor.pk}/certificates", [pdf()],
                              received_date="2026-03-02")
    assert response.status_code == 201, response.content
    uploaded = response.json()["certificate"]
    assert (uploaded["status"], uploaded["source"], uploaded["received_date"]) == (
        "received", "api", "2026-03-02")
    assert uploaded["documents"][0]["content_type"] == "application/pdf"

    # The reading ran after commit (the worker's job): the data is there, awaiting review.
    certificate = api.get(f"/certificates/{uploaded['id']}").json()
    assert certificate["status"] == "needs_review"
    data = api.get(f"/certificates/{uploaded['id']}/data")
    expected = synthetic(7)[1]
    assert data.json()["policies"] == expected["policies"]
    assert list(data.json())[:11] == [
        "form", "edition", "certificate_date", "certificate_number", "revision_number",
        "producer", "insured", "insurers", "policies", "description_of_operations",
        "certificate_holder"]

    accepted = api.post(f"/certificates/{uploaded['id']}/accept",
                        {"reason": "Checked", "accept_with_open_flags": True})
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == "accepted"
    assert Certificate.objects.get(pk=uploaded["id"]).status == "accepted"


def test_accepting_twice_is_a_conflict(org, api):
    certificate = factories.certificate(factories.vendor(org))
    error = assert_error(api.post(f"/certificates/{certificate.pk}/accept", {}), 409,
                         "conflict")
    assert "already" in error["message"]


def test_rejecting_needs_a_reason(org, api):
    certificate = factories.certificate(factories.vendor(org), status="needs_review")
    assert_error(api.post(f"/certificates/{certificate.pk}/reject", {"reason": " "}),
                 422, "validation_error")
    response = api.post(f"/certificates/{certificate.pk}/reject", {"reason": "Wrong holder"})
    assert response.json()["status"] == "rejected"


def test_a_file_that_is_not_a_certificate_is_refused_and_nothing_stored(org, api):
    vendor = factories.vendor(org)
    fake = SimpleUploadedFile("coi.pdf", b"hello, not a pdf", "application/pdf")
    error = assert_error(api.upload(f"/vendors/{vendor.pk}/certificates", [fake]), 422,
                         "validation_error")
    assert error["details"][0]["field"] == "files"
    assert not Certificate.objects.filter(vendor=vendor).exists()


def test_the_same_file_again_is_a_conflict_naming_the_certificate(org, api):
    vendor = factories.vendor(org)
    first = api.upload(f"/vendors/{vendor.pk}/certificates", [pdf(3)]).json()
    error = assert_error(api.upload(f"/vendors/{vendor.pk}/certificates", [pdf(3)]), 409,
                         "conflict")
    assert str(first["certificate"]["id"]) in error["message"]


def test_upload_without_files_is_a_422(org, api):
    vendor = factories.vendor(org)
    response = api.client.post(f"/api/vendors/{vendor.pk}/certificates", {},
                               headers=api.headers)
    assert_error(response, 422, "validation_error")


def test_certificates_are_listed_by_vendor_and_status(org, api):
    vendor = factories.vendor(org)
    other = factories.vendor(org)
    factories.certificate(vendor)
    factories.certificate(vendor, status="needs_review")
    factories.certificate(other)
    listed = api.get("/certificates", {"vendor_id": vendor.pk, "status": "needs_review"}).json()
    assert listed["count"] == 1
    assert listed["items"][0]["vendor_id"] == vendor.pk


def test_certificate_data_keeps_null_for_what_is_unknown(org, api):
    certificate = factories.certificate(factories.vendor(org))
    data = json.loads(api.get(f"/certificates/{certificate.pk}/data").content)
    assert data["edition"] is None
    assert data["policies"][0]["limits"] == {"each_occurrence": 1000000}
    assert "endorsements" not in data
