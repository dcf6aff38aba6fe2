"""Outreach settings in a real browser: an admin changes the chasing schedule and rewrites a
message while its preview follows the typing; the vendor page shows the communications log.

At desktop and phone widths; nothing may be wider than the phone's screen. With
``COITRACK_SCREENSHOTS=docs/screenshots`` the pages are saved as ``outreach-*.png``.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from coitrack.accounts.models import Role
from coitrack.outreach import messages
from coitrack.outreach.models import CommunicationLog, OutboxMessage, ScheduleSettings
from coitrack.testing import factories
from tests.browser.conftest import log_in

SHOTS = os.environ.get("COITRACK_SCREENSHOTS")
NAMES = {"page": "desktop", "phone_page": "phone"}


def _world():
    org = factories.organization("Harbor Point Properties")
    org.time_zone = "America/New_York"
    org.save()
    factories.user("alice", org=org, role=Role.ADMIN)
    vendor = factories.vendor(org, "Summit Roofing LLC")
    at = dt.datetime(2026, 3, 3, 15, 0, tzinfo=dt.UTC)
    for i, (status, error) in enumerate([("sent", ""), ("rejected",
                                                        "550 5.1.1 <dana@summit.example>: "
                                                        "no such mailbox")]):
        message = OutboxMessage.objects.create(
            organization=org, vendor=vendor, kind="request", dedupe_key=f"browser-{i}",
            to=["dana@summit.example"], subject="Harbor Point Properties: certificate of "
            "insurance needed for Summit Roofing LLC", text_body="Hello",
            status=status, last_error=error, next_attempt_at=at,
            sent_at=at if status == "sent" else None)
        CommunicationLog.objects.create(
            organization=org, vendor=vendor, message=message, at=at + dt.timedelta(days=7 * i),
            kind="message_sent" if status == "sent" else "message_rejected")
    return org, vendor


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_admin_edits_the_schedule_and_a_message_with_its_preview(viewport, request,
                                                                 transactional_db):
    page = request.getfixturevalue(viewport)
    org, vendor = _world()
    log_in(page, "alice")

    page.goto("/settings/outreach/")
    page.fill("#id_first_request_days", "45")
    page.fill("#id_reminder_every_days", "0")  # out of range: refused, nothing saved
    page.click("button:has-text('Save schedule')")
    assert "Remind every (days) must be between 1 and 90." in page.inner_text("main")
    assert not ScheduleSettings.objects.filter(organization=org).exists()
    page.fill("#id_reminder_every_days", "5")
    page.click("button:has-text('Save schedule')")
    page.wait_for_selector("text=Saved the organization's schedule.")
    assert ScheduleSettings.objects.get(organization=org).parameters == {
        "first_request_days": 45, "reminder_every_days": 5}
    _fits(page, viewport, "schedule")

    page.goto("/settings/messages/reminder/")
    page.fill("#id_subject", "Second notice for {{ vendor_name }}")
    page.wait_for_function("document.querySelector('[data-preview=subject]')"
                           "?.textContent.includes('Second notice for Summit Roofing LLC')")
    page.fill("#id_text", "{% for item in items %}")  # a syntax error shows instead
    page.wait_for_selector("text=The preview cannot be shown")
    page.fill("#id_text", "Dear {{ contact_name }}, please send: {{ items|join:', ' }}")
    page.wait_for_function("document.querySelector('[data-preview=text]')"
                           "?.textContent.includes('Dear Dana Reyes')")
    frame = page.frame_locator("iframe.preview-html")
    assert "Summit Roofing LLC" in frame.locator("body").inner_text()
    _fits(page, viewport, "message")
    page.click("button:has-text('Save wording')")
    page.wait_for_selector("text=Saved the wording")
    assert messages.source_for(org, "reminder")["subject"] == (
        "Second notice for {{ vendor_name }}")

    page.goto(f"/vendors/{vendor.pk}/")
    assert "E-mail to this vendor is not getting through." in page.inner_text("#outreach")
    _fits(page, viewport, "vendor-log")


def _fits(page, viewport: str, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"outreach-{name}-{NAMES[viewport]}.png"),
                        full_page=True)
    if viewport == "phone_page":
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
