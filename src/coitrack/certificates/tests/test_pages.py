"""The certificate list, the certificate page and file downloads, scoped to the organization."""

import datetime as dt

from django.urls import reverse

from coitrack.certificates.models import CertificateStatus
from coitrack.certificates.services import upload_certificate
from coitrack.certificates.tests import samples
from coitrack.testing import factories


def list_page(client, **params):
    return client.get(reverse("certificates:list"), params)


def names(response):
    return [c.vendor.legal_name for c in response.context["page"].object_list]


def test_the_list_shows_only_this_organizations_certificates(viewer_client, vendor,
                                                             other_vendor):
    factories.certificate(vendor)
    factories.certificate(other_vendor)
    assert names(list_page(viewer_client)) == ["Summit Roofing LLC"]


def test_the_review_filter_means_received_or_needs_review(viewer_client, org):
    for status in ("received", "needs_review", "accepted", "rejected"):
        factories.certificate(factories.vendor(org, f"{status} Co"), status=status)
    assert sorted(names(list_page(viewer_client, status="review"))) == [
        "needs_review Co", "received Co"]
    assert names(list_page(viewer_client, status="rejected")) == ["rejected Co"]


def test_the_vendor_search_matches_legal_name_and_dba(viewer_client, org):
    factories.certificate(factories.vendor(org, "Acme Roofing LLC"))
    factories.certificate(factories.vendor(org, "Zed Holdings", dba="Bright Cleaning"))
    assert names(list_page(viewer_client, q="roofing")) == ["Acme Roofing LLC"]
    assert names(list_page(viewer_client, q="bright")) == ["Zed Holdings"]


def test_the_list_is_paginated_and_keeps_filters(viewer_client, vendor):
    for _ in range(27):
        factories.certificate(vendor, status=CertificateStatus.RECEIVED)
    first = list_page(viewer_client, status="review")
    assert len(first.context["page"].object_list) == 25
    assert "status=review&amp;page=2" in first.content.decode()
    assert len(list_page(viewer_client, status="review", page=2).context["page"]) == 2


def test_an_unknown_status_filter_shows_everything(viewer_client, vendor):
    factories.certificate(vendor)
    assert names(list_page(viewer_client, status="bogus", page="x")) == ["Summit Roofing LLC"]


def test_the_certificate_page_shows_policies_limits_and_history(viewer_client, vendor):
    cert = factories.certificate(vendor, limits={"each_occurrence": 1_000_000})
    html = viewer_client.get(reverse("certificates:detail", args=[cert.pk])).content.decode()
    assert "Commercial general liability" in html and "$1,000,000" in html
    assert "Acme Insurance Co" in html
    assert "Accept certificate" not in html  # viewers get no actions


def test_a_reviewer_sees_the_actions_that_apply(reviewer_client, vendor):
    cert = factories.certificate(vendor, status=CertificateStatus.RECEIVED)
    html = reviewer_client.get(reverse("certificates:detail", args=[cert.pk])).content.decode()
    assert "Accept certificate" in html and "Reject certificate" in html


def test_the_audit_trail_lists_this_certificates_events(reviewer_client, reviewer_user, vendor):
    cert = upload_certificate(
        vendor=vendor, actor=reviewer_user, received_date=dt.date(2026, 3, 1),
        files=[("coi.pdf", samples.upload("coi.pdf", samples.pdf_bytes()))],
    ).certificate
    response = reviewer_client.get(reverse("certificates:detail", args=[cert.pk]))
    assert [e.action for e in response.context["events"]] == ["upload", "create"]
    assert "file uploaded" in response.content.decode()


def test_another_organizations_certificate_is_404(viewer_client, other_vendor):
    cert = factories.certificate(other_vendor)
    assert viewer_client.get(reverse("certificates:detail", args=[cert.pk])).status_code == 404


def upload_file(vendor, name, content):
    return upload_certificate(
        vendor=vendor, actor=None, received_date=dt.date(2026, 3, 1),
        files=[(name, samples.upload(name, content))],
    ).certificate.documents.get()


def test_a_pdf_opens_inline_without_sniffing(viewer_client, vendor):
    content = samples.pdf_bytes()
    doc = upload_file(vendor, "coi.pdf", content)
    response = viewer_client.get(reverse("certificates:document", args=[doc.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content


def test_a_document_can_be_downloaded_as_attachment(viewer_client, vendor):
    doc = upload_file(vendor, "scan.png", samples.image_bytes("PNG"))
    response = viewer_client.get(reverse("certificates:document", args=[doc.pk]),
                                 {"download": "1"})
    assert response["Content-Disposition"] == 'attachment; filename="scan.png"'
    assert response["Content-Type"] == "image/png"


def test_another_organizations_document_is_404(viewer_client, other_vendor):
    doc = upload_file(other_vendor, "coi.pdf", samples.pdf_bytes())
    assert viewer_client.get(reverse("certificates:document", args=[doc.pk])).status_code == 404


def test_the_same_file_in_two_organizations_answers_only_its_own_document(
    viewer_client, vendor, other_vendor
):
    content = samples.pdf_bytes()
    mine = upload_file(vendor, "coi.pdf", content)
    theirs = upload_file(other_vendor, "coi.pdf", content)
    assert viewer_client.get(reverse("certificates:document", args=[mine.pk])).status_code == 200
    assert viewer_client.get(reverse("certificates:document",
                                     args=[theirs.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, vendor):
    doc = upload_file(vendor, "coi.pdf", samples.pdf_bytes())
    response = client.get(reverse("certificates:document", args=[doc.pk]))
    assert response.status_code == 302 and "/login" in response["Location"]
