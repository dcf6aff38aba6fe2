""""Request now": by hand for one vendor from its page, or for the vendor list's filtered
selection after a confirmation; the scheduler sends the message within minutes."""

from __future__ import annotations

import datetime as dt

import time_machine

from coitrack.audit.models import Event
from coitrack.outreach.models import CommunicationLog, Request
from coitrack.outreach.services.outbox import deliver_due
from coitrack.outreach.services.tick import tick
from coitrack.testing import factories
from coitrack.vendors.models import ContactRole, VendorStatus

TUESDAY_10AM_NEW_YORK = dt.datetime(2026, 3, 3, 15, 0, tzinfo=dt.UTC)
SUNDAY_NEW_YORK = dt.datetime(2026, 3, 8, 16, 0, tzinfo=dt.UTC)


def new_york(org):
    org.time_zone = "America/New_York"
    org.save()
    return org


def test_reviewer_requests_now_and_the_request_waits_for_the_next_tick(reviewer_client, org):
    vendor = factories.vendor(new_york(org), "Summit Roofing LLC")
    with time_machine.travel(TUESDAY_10AM_NEW_YORK, tick=False):
        response = reviewer_client.post(f"/outreach/vendors/{vendor.pk}/request-now/",
                                        follow=True)
    request = Request.objects.get(vendor=vendor)
    assert request.send_now and request.reason == "manual" and request.is_open
    assert "Certificate requested from Summit Roofing LLC." in response.content.decode()
    assert "goes out within the next few minutes" in response.content.decode()


def test_outside_the_send_window_the_message_says_when_it_leaves(reviewer_client, org):
    vendor = factories.vendor(new_york(org), "Summit Roofing LLC")
    with time_machine.travel(SUNDAY_NEW_YORK, tick=False):
        response = reviewer_client.post(f"/outreach/vendors/{vendor.pk}/request-now/",
                                        follow=True)
    assert "when the send window opens, Mon Mar 9, 09:00" in response.content.decode()


def test_request_now_is_logged_and_audited_on_the_vendor(reviewer_client, org):
    vendor = factories.vendor(org, "Summit Roofing LLC")
    reviewer_client.post(f"/outreach/vendors/{vendor.pk}/request-now/")
    assert CommunicationLog.objects.filter(vendor=vendor, kind="request_opened").exists()
    event = Event.objects.get(organization=org, vendor_id=vendor.pk, object_type="request")
    assert event.note == "Certificate requested by hand" and event.actor_label == "rita"


def test_request_now_on_an_inactive_vendor_is_refused_with_a_message(reviewer_client, org):
    vendor = factories.vendor(org, "Gone LLC", status=VendorStatus.INACTIVE)
    response = reviewer_client.post(f"/outreach/vendors/{vendor.pk}/request-now/", follow=True)
    assert "is not active: requests go only to active vendors" in response.content.decode()
    assert not Request.objects.filter(vendor=vendor).exists()
    assert not Event.objects.filter(vendor_id=vendor.pk).exists()


def test_viewer_cannot_request_now(viewer_client, org):
    vendor = factories.vendor(org)
    assert viewer_client.post(f"/outreach/vendors/{vendor.pk}/request-now/").status_code == 403
    assert not Request.objects.exists()


def test_the_vendor_page_offers_request_now_to_reviewers_only(reviewer_client, viewer_client,
                                                              org):
    vendor = factories.vendor(org)
    assert "Request now" in reviewer_client.get(f"/vendors/{vendor.pk}/").content.decode()
    assert "Request now" not in viewer_client.get(f"/vendors/{vendor.pk}/").content.decode()


def test_the_tick_sends_the_requested_message_to_the_vendor(reviewer_client, org, smtp):
    vendor = factories.vendor(new_york(org), "Summit Roofing LLC")
    factories.contact(vendor, name="Dana Reyes", email="dana@summit.example",
                      role=ContactRole.VENDOR, is_primary=True)
    with time_machine.travel(TUESDAY_10AM_NEW_YORK, tick=False):
        reviewer_client.post(f"/outreach/vendors/{vendor.pk}/request-now/")
        tick()
        deliver_due()
        page = reviewer_client.get(f"/vendors/{vendor.pk}/").content.decode()
    assert [to for to, _ in smtp.messages] == [["dana@summit.example"]]
    assert "Message sent" in page and "dana@summit.example" in page


def test_the_vendor_list_offers_request_now_for_its_filter(reviewer_client, org):
    factories.vendor(org)
    page = reviewer_client.get("/vendors/").content.decode()
    assert 'href="/outreach/request-now/"' in page
    page = reviewer_client.get("/vendors/", {"status": "all"}).content.decode()
    assert 'href="/outreach/request-now/?status=all"' in page


def test_confirmation_page_says_how_many_vendors_and_how_many_are_skipped(reviewer_client, org):
    for name in ("Alpha Roofing", "Beta Roofing", "Gamma Catering"):
        factories.vendor(org, name)
    factories.vendor(org, "Delta Roofing", status=VendorStatus.INACTIVE)
    page = reviewer_client.get("/outreach/request-now/", {"q": "Roofing", "status": "all"}
                               ).content.decode()
    assert "<strong>2 vendors</strong>" in page
    assert "1 inactive vendor in the selection is skipped" in page
    assert "search “Roofing”" in page
    assert not Request.objects.exists()


def test_confirming_requests_from_the_filtered_active_vendors_only(reviewer_client, org):
    roofer = factories.vendor_type(org, "Roofer")
    alpha = factories.vendor(org, "Alpha Roofing", vendor_type=roofer)
    beta = factories.vendor(org, "Beta Roofing", vendor_type=roofer)
    factories.vendor(org, "Gamma Catering")
    factories.vendor(org, "Delta Roofing", vendor_type=roofer, status=VendorStatus.INACTIVE)
    response = reviewer_client.post("/outreach/request-now/",
                                    {"type": roofer.pk, "status": "all"}, follow=True)
    assert set(Request.objects.values_list("vendor_id", flat=True)) == {alpha.pk, beta.pk}
    text = response.content.decode()
    assert "Certificates requested from 2 vendors." in text
    assert "1 inactive vendor was skipped." in text
    event = Event.objects.get(organization=org, object_type="organization")
    assert "type: Roofer" in event.note and "from 2 vendors" in event.note


def test_viewer_cannot_request_for_a_selection(viewer_client, org):
    factories.vendor(org)
    assert viewer_client.get("/outreach/request-now/").status_code == 403
    assert viewer_client.post("/outreach/request-now/").status_code == 403
    assert not Request.objects.exists()


def test_a_selection_never_reaches_another_organizations_vendors(reviewer_client, org,
                                                                 other_org):
    factories.vendor(other_org, "Their Roofing")
    reviewer_client.post("/outreach/request-now/", {"q": "Roofing"})
    assert not Request.objects.exists()
