"""The communications log on the vendor page and its full page, one sent message, the open
request's state, the requests overview and revoking portal links, through HTTP."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from coitrack.audit.models import Event
from coitrack.outreach.models import CommunicationLog, OutboxMessage, PortalLink, Request
from coitrack.testing import factories

AT = dt.datetime(2026, 3, 3, 15, 0, tzinfo=dt.UTC)  # 10:00 in New York
_keys = itertools.count(1)


@pytest.fixture
def vendor(org):
    org.time_zone = "America/New_York"
    org.save()
    return factories.vendor(org, "Summit Roofing LLC")


def open_request(vendor, **fields) -> Request:
    return Request.objects.create(organization=vendor.organization, vendor=vendor,
                                  reason="expiring", opened_at=AT, opened_on=AT.date(),
                                  **fields)


def message(vendor, *, to="dana@summit.example", status="sent", error="", subject="Request",
            request=None) -> OutboxMessage:
    return OutboxMessage.objects.create(
        organization=vendor.organization, vendor=vendor, request=request, kind="request",
        dedupe_key=f"test-{vendor.pk}-{next(_keys)}", to=[to], subject=subject,
        text_body=f"Upload here: {OutboxMessage.PORTAL_LINK_MARK}", html_body="<p>Hi</p>",
        status=status, last_error=error, next_attempt_at=AT,
        sent_at=AT if status == "sent" else None)


def logged(vendor, kind, *, msg=None, detail="", at=AT) -> CommunicationLog:
    return CommunicationLog.objects.create(organization=vendor.organization, vendor=vendor,
                                           message=msg, kind=kind, detail=detail, at=at)


def test_vendor_page_lists_messages_with_recipient_status_and_local_time(viewer_client, vendor):
    logged(vendor, "message_sent", msg=message(vendor, subject="Certificate needed"))
    page = viewer_client.get(f"/vendors/{vendor.pk}/").content.decode()
    assert "Certificate needed" in page and "To dana@summit.example" in page
    assert "Mar 3, 2026 10:00" in page  # New York time, not UTC


def test_link_openings_uploads_and_replies_are_in_the_log(viewer_client, vendor):
    logged(vendor, "link_opened", detail="Opened the upload page")
    logged(vendor, "upload", detail="certificate.pdf")
    logged(vendor, "reply", detail="Re: Certificate needed")
    page = viewer_client.get(f"/vendors/{vendor.pk}/").content.decode()
    for text in ("Portal link opened", "Uploaded a file", "certificate.pdf", "Replied by e-mail"):
        assert text in page


def test_a_rejected_address_is_shown_in_red_on_the_vendor_page(viewer_client, vendor):
    rejected = message(vendor, status="rejected", error="550 5.1.1 no such mailbox")
    logged(vendor, "message_rejected", msg=rejected)
    page = viewer_client.get(f"/vendors/{vendor.pk}/").content.decode()
    assert "E-mail to this vendor is not getting through." in page
    assert "dana@summit.example</span>: rejected by the mail server — 550 5.1.1 no such mailbox" \
        in page
    assert '<span class="badge bad">Rejected by the mail server</span>' in page


def test_a_later_accepted_message_to_the_same_address_clears_the_warning(viewer_client, vendor):
    message(vendor, status="rejected", error="550 mailbox full")
    message(vendor, status="sent")
    page = viewer_client.get(f"/vendors/{vendor.pk}/").content.decode()
    assert "not getting through" not in page


def test_the_open_requests_state_is_on_the_vendor_page(viewer_client, vendor):
    open_request(vendor, messages_sent=4, last_sent_on=dt.date(2026, 3, 1),
                 escalated_at=AT, unresponsive_at=AT, next_action_at=AT + dt.timedelta(days=7))
    page = viewer_client.get(f"/vendors/{vendor.pk}/").content.decode()
    assert "Waiting for the vendor" in page and "Escalated" in page and "Unresponsive" in page
    assert "4, last on Mar 1, 2026" in page
    assert "Tue Mar 10, 11:00" in page  # 15:00 UTC is 11:00 in New York after the DST change


def test_the_full_log_is_paginated_newest_first(viewer_client, vendor):
    for i in range(55):
        logged(vendor, "link_opened", detail=f"opening {i:02d}", at=AT + dt.timedelta(hours=i))
    first = viewer_client.get(f"/outreach/vendors/{vendor.pk}/log/").content.decode()
    assert "opening 54" in first and "opening 04" not in first
    second = viewer_client.get(f"/outreach/vendors/{vendor.pk}/log/?page=2").content.decode()
    assert "opening 04" in second and "Page 2 of 2" in second


def test_a_sent_message_shows_its_text_with_a_placeholder_for_the_link(viewer_client, vendor):
    sent = message(vendor, subject="Certificate needed")
    page = viewer_client.get(f"/outreach/messages/{sent.pk}/").content.decode()
    assert "Upload here: [the vendor&#x27;s upload link]" in page
    assert OutboxMessage.PORTAL_LINK_MARK not in page
    assert 'sandbox=""' in page


def test_overview_lists_open_requests_and_filters_by_state(viewer_client, org, vendor):
    other = factories.vendor(org, "Quiet Catering")
    open_request(vendor, unresponsive_at=AT)
    open_request(other, status="answered")
    closed = factories.vendor(org, "Done Janitorial")
    open_request(closed, closed_at=AT, status="closed")
    page = viewer_client.get("/outreach/").content.decode()
    assert "Summit Roofing LLC" in page and "Quiet Catering" in page
    assert "Done Janitorial" not in page
    unresponsive = viewer_client.get("/outreach/", {"status": "unresponsive"}).content.decode()
    assert "Summit Roofing LLC" in unresponsive and "Quiet Catering" not in unresponsive
    answered = viewer_client.get("/outreach/", {"status": "answered"}).content.decode()
    assert "Quiet Catering" in answered and "Summit Roofing LLC" not in answered


def test_revoking_portal_links_is_audited_and_the_links_stop_working(reviewer_client, vendor):
    from coitrack.outreach.services.portal import issue_link, resolve

    url = issue_link(vendor=vendor)
    token = url.rstrip("/").rsplit("/", 1)[1]
    page = reviewer_client.get(f"/vendors/{vendor.pk}/").content.decode()
    assert "Revoke portal links (1)" in page
    response = reviewer_client.post(f"/outreach/vendors/{vendor.pk}/revoke-links/", follow=True)
    assert "Revoked 1 portal link of Summit Roofing LLC." in response.content.decode()
    assert resolve(token) is None
    assert Event.objects.filter(vendor_id=vendor.pk, note__startswith="Revoked 1 portal link"
                                ).exists()


def test_viewer_cannot_revoke_portal_links(viewer_client, vendor):
    PortalLink.objects.create(organization=vendor.organization, vendor=vendor,
                              token_hash="a" * 64, expires_at=timezone.now() + dt.timedelta(1))
    assert viewer_client.post(f"/outreach/vendors/{vendor.pk}/revoke-links/").status_code == 403
    assert PortalLink.objects.filter(revoked_at__isnull=True).count() == 1


def test_another_organizations_message_is_not_found(admin_client, other_org):
    theirs = message(factories.vendor(other_org, "Theirs LLC"))
    assert admin_client.get(f"/outreach/messages/{theirs.pk}/").status_code == 404


def test_a_members_notification_email_is_not_shown_as_an_outreach_message(reviewer_client, org):
    staff = OutboxMessage.objects.create(
        organization=org, kind="notification", audience="staff", dedupe_key="notification:1",
        to=["someone@example.org"], subject="Private", text_body="Private",
        next_attempt_at=timezone.now())
    response = reviewer_client.get(reverse("outreach:message_detail", args=[staff.pk]))
    assert response.status_code == 404
