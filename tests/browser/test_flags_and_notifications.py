"""A flagged certificate in a real browser: the bell, the notification, the flag, resolving it.

At desktop and phone widths; nothing may be wider than the phone's screen.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from coitrack.accounts.models import Role
from coitrack.certificates.models import Certificate, CertificateStatus
from coitrack.certificates.schema_io import apply_schema, certificate_to_schema
from coitrack.review.models import CertificateFlag
from coitrack.testing import factories
from tests.browser.conftest import log_in

SHOTS = os.environ.get("COITRACK_SCREENSHOTS")  # a directory to save screenshots in, if set


def _flagged_certificate() -> Certificate:
    org = factories.organization("Harbor Point Properties")
    reviewer = factories.user("rita", org=org, role=Role.REVIEWER)
    vendor = factories.vendor(org, "Summit Roofing LLC", owner=reviewer)
    previous = factories.certificate(
        vendor, policy_number="GL-100", effective=dt.date(2025, 1, 1),
        expiration=dt.date(2026, 1, 1), received_date=dt.date(2025, 1, 5),
        limits={"each_occurrence": 1_000_000, "general_aggregate": 2_000_000},
    )
    arriving = Certificate.objects.create(
        organization=org, vendor=vendor, status=CertificateStatus.RECEIVED,
        received_date=dt.date(2025, 12, 20),
    )
    data = certificate_to_schema(previous)
    data["certificate_date"] = "2025-12-20"
    data["insured"]["name"] = "Summit Roofing Holdings Incorporated of Greater Albany"
    data["policies"][0].update(effective_date="2026-01-01", expiration_date="2027-01-01",
                               limits={"each_occurrence": 500_000,
                                       "general_aggregate": 2_000_000})
    apply_schema(certificate=arriving, data=data, actor="system")  # checked after commit
    return arriving


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_reviewer_follows_the_notification_and_resolves_the_flags(
    viewport, request, transactional_db
):
    browser_page = request.getfixturevalue(viewport)
    certificate = _flagged_certificate()
    assert CertificateFlag.objects.filter(certificate=certificate).count() == 2

    log_in(browser_page, "rita")
    assert browser_page.locator(".bell-count").inner_text() == "1"
    browser_page.click("a.bell")
    browser_page.wait_for_url("**/notifications/")
    _fits(browser_page, viewport, "notifications")
    browser_page.click("button.notification-title")
    browser_page.wait_for_url(f"**/certificates/{certificate.pk}/")
    assert browser_page.locator(".bell-count").count() == 0  # read now

    panel = browser_page.locator("section.flags")
    assert "2 flags to check" in panel.locator("h2").inner_text()
    assert "each occurrence $500,000 (was $1,000,000)" in panel.inner_text()
    _fits(browser_page, viewport, "certificate")
    for _ in range(2):
        flag = panel.locator("li.flag").first
        flag.locator("summary", has_text="Resolve").click()
        flag.locator("textarea").fill("Confirmed with the agent by phone.")
        flag.locator("button", has_text="Resolve flag").click()
        browser_page.wait_for_load_state()
    assert "Every flag of this certificate was resolved." in panel.inner_text()
    assert browser_page.locator("input[name=confirm_flags]").count() == 0


def _fits(page, viewport: str, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}-{viewport}.png"), full_page=True)
    if viewport == "phone_page":
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
