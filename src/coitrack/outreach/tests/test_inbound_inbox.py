"""The inbox of unmatched e-mail, through HTTP: reviewers file it with a vendor or discard it,
viewers only read, other organizations never see it."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from coitrack.audit.models import Event
from coitrack.certificates.models import Certificate, CertificateSource
from coitrack.outreach.models import CommunicationLog, InboundMessage, InboundStatus, LogKind
from coitrack.outreach.services.inbound import receive_message
from coitrack.outreach.services.inbound_addresses import organization_address
from coitrack.outreach.tests.inbound_mail import INBOUND, email, pdf_bytes
from coitrack.testing import factories
from coitrack.vendors.models import ContactRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def vendor(org, settings):
    settings.INBOUND_ADDRESS = INBOUND
    vendor = factories.vendor(org, "Summit Roofing LLC")
    factories.contact(vendor, name="Dana Reyes", email="dana@summit.example",
                      role=ContactRole.VENDOR)
    return vendor


@pytest.fixture
def unmatched(vendor):
    # A new agent writes to the organization's address: it waits for a reviewer.
    return receive_message(email(to=organization_address(vendor.organization),
                                 sender="new-agent@broker.example",
                                 subject="COI for Summit Roofing", text="Here it is.",
                                 files=[("coi.pdf", pdf_bytes(), "application/pdf"),
                                        ("readme.txt", b"hello", "text/plain")])).message


def test_the_inbox_lists_the_email_waiting_for_a_reviewer(reviewer_client, unmatched):
    page = reviewer_client.get("/outreach/inbox/").content.decode()
    assert "COI for Summit Roofing" in page and "Waiting (1)" in page
    assert organization_address(unmatched.organization) in page


def test_the_page_of_an_email_shows_its_text_files_and_why_it_waits(reviewer_client,
                                                                    unmatched):
    page = reviewer_client.get(f"/outreach/inbox/{unmatched.pk}/").content.decode()
    assert "Here it is." in page and "coi.pdf" in page and "readme.txt" in page
    assert "organization&#x27;s address" in page and "File it with a vendor" in page


def test_a_search_offers_the_organizations_vendors(reviewer_client, unmatched, vendor,
                                                   other_org):
    factories.vendor(other_org, "Summit Elsewhere")
    page = reviewer_client.get(f"/outreach/inbox/{unmatched.pk}/", {"q": "Summit"})
    assert f'name="vendor" value="{vendor.pk}"' in page.content.decode()
    assert "Summit Elsewhere" not in page.content.decode()


def test_a_reviewer_files_an_email_with_a_vendor_and_its_pdf_becomes_a_certificate(
        reviewer_client, reviewer_user, unmatched, vendor, django_capture_on_commit_callbacks):
    raw = unmatched.raw
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(f"/outreach/inbox/{unmatched.pk}/assign/",
                                        {"vendor": vendor.pk})
    certificate = Certificate.objects.get(vendor=vendor)
    assert response.status_code == 302 and response.url == f"/certificates/{certificate.pk}/"
    assert certificate.source == CertificateSource.EMAIL
    assert certificate.received_date == unmatched.received_at.date()
    unmatched.refresh_from_db()
    assert unmatched.status == InboundStatus.ASSIGNED and unmatched.vendor == vendor
    assert unmatched.decided_by == reviewer_user and unmatched.certificate == certificate
    event = Event.objects.get(object_type="inboundmessage", action="update")
    assert event.actor == reviewer_user and event.vendor_id == vendor.pk
    assert event.changes["status"] == ["unmatched", "assigned"]
    assert unmatched.raw == "" and not default_storage.exists(raw)


def test_an_email_without_files_filed_with_a_vendor_goes_on_its_log(reviewer_client, vendor):
    message = receive_message(email(to=organization_address(vendor.organization),
                                    sender="x@y.example",
                                    text="We changed agents.")).message
    reviewer_client.post(f"/outreach/inbox/{message.pk}/assign/", {"vendor": vendor.pk})
    line = CommunicationLog.objects.get(vendor=vendor, kind=LogKind.REPLY)
    assert "We changed agents." in line.detail and not Certificate.objects.exists()


def test_an_email_already_filed_cannot_be_filed_again(reviewer_client, unmatched, vendor):
    reviewer_client.post(f"/outreach/inbox/{unmatched.pk}/assign/", {"vendor": vendor.pk})
    response = reviewer_client.post(f"/outreach/inbox/{unmatched.pk}/assign/",
                                    {"vendor": vendor.pk}, follow=True)
    assert "already dealt with" in response.content.decode()
    assert Certificate.objects.count() == 1


def test_a_vendor_of_another_organization_cannot_be_chosen(reviewer_client, unmatched,
                                                           other_org):
    theirs = factories.vendor(other_org, "Their Vendor")
    response = reviewer_client.post(f"/outreach/inbox/{unmatched.pk}/assign/",
                                    {"vendor": theirs.pk}, follow=True)
    assert "Choose a vendor of this organization" in response.content.decode()
    unmatched.refresh_from_db()
    assert unmatched.status == InboundStatus.UNMATCHED and not Certificate.objects.exists()


def test_a_reviewer_discards_an_email_with_the_reason_on_the_audit_trail(
        reviewer_client, unmatched, django_capture_on_commit_callbacks):
    raw = unmatched.raw
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(f"/outreach/inbox/{unmatched.pk}/discard/",
                                        {"note": "Advertising"})
    assert response.status_code == 302
    unmatched.refresh_from_db()
    assert unmatched.status == InboundStatus.DISCARDED and unmatched.raw == ""
    assert not default_storage.exists(raw)
    assert Event.objects.get(object_type="inboundmessage", action="status").note == "Advertising"
    assert "No e-mail is waiting" in reviewer_client.get("/outreach/inbox/").content.decode()


def test_a_viewer_reads_the_inbox_but_cannot_file_or_discard(viewer_client, unmatched, vendor):
    page = viewer_client.get(f"/outreach/inbox/{unmatched.pk}/").content.decode()
    assert "Here it is." in page and "File it with a vendor" not in page
    assert viewer_client.post(f"/outreach/inbox/{unmatched.pk}/assign/",
                              {"vendor": vendor.pk}).status_code == 403
    assert viewer_client.post(f"/outreach/inbox/{unmatched.pk}/discard/").status_code == 403
    unmatched.refresh_from_db()
    assert unmatched.status == InboundStatus.UNMATCHED


def test_a_file_that_passed_the_checks_opens_as_what_its_bytes_are(viewer_client, unmatched):
    response = viewer_client.get(f"/outreach/inbox/{unmatched.pk}/files/0/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_a_file_that_failed_the_checks_is_not_served(viewer_client, unmatched):
    assert unmatched.attachments[1]["problem"]
    assert viewer_client.get(f"/outreach/inbox/{unmatched.pk}/files/1/").status_code == 404
    assert viewer_client.get(f"/outreach/inbox/{unmatched.pk}/files/9/").status_code == 404


def test_another_organizations_email_answers_404(reviewer_client, other_org, settings):
    settings.INBOUND_ADDRESS = INBOUND
    theirs = receive_message(email(to=organization_address(other_org),
                                   subject="Zanzibar secret",
                                   files=[("coi.pdf", pdf_bytes(), "application/pdf")])).message
    assert theirs.organization == other_org
    base = f"/outreach/inbox/{theirs.pk}/"
    assert reviewer_client.get(base).status_code == 404
    assert reviewer_client.get(base + "files/0/").status_code == 404
    assert reviewer_client.post(base + "assign/", {"vendor": 1}).status_code == 404
    assert reviewer_client.post(base + "discard/").status_code == 404
    assert "Zanzibar" not in reviewer_client.get("/outreach/inbox/?show=all").content.decode()
    assert InboundMessage.objects.get(pk=theirs.pk).status == InboundStatus.UNMATCHED
