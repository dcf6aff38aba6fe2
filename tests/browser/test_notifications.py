"""The notification center in a real browser: a vendor uploads a deficient certificate through
the portal; its owner sees the bell, the notification (what the upload misses) and the e-mail
arrives at a real SMTP server. Then the owner changes their own settings. At desktop and 360 px.

``COITRACK_SCREENSHOTS=<dir>`` saves notifications-desktop.png and notifications-phone.png
(and the settings page) there; the screenshots in docs/screenshots/ were made this way.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine

from coitrack.accounts.models import Role
from coitrack.certificates.models import Certificate
from coitrack.notifications.models import NotificationPreference
from coitrack.outreach.services.portal import issue_link
from coitrack.outreach.tests.test_portal import NOW, ORG_NAME, PDF, portal_vendor
from coitrack.testing import factories
from coitrack.testing.smtp import SmtpServer, mailers
from tests.browser.conftest import log_in

NAMES = {"page": "desktop", "phone_page": "phone"}


@pytest.fixture
def smtp(settings):
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    server = SmtpServer()
    server.start()
    settings.MAILERS = mailers(server.port)
    yield server
    server.stop()


@pytest.fixture
def world(transactional_db, smtp):
    """A vendor owned by a viewer, required to name the organization additional insured (the
    synthetic certificate does not), with an open request and its portal link."""
    with time_machine.travel(NOW, tick=True):
        org = factories.organization(ORG_NAME)
        owner = factories.user("olga", org=org, role=Role.VIEWER)
        factories.user("rita", org=org, role=Role.REVIEWER)
        vendor = portal_vendor(org, additional_insured=True)
        vendor.owner = owner
        vendor.save()
        path = urlsplit(issue_link(vendor=vendor, request=vendor.outreach_requests.get())).path
        yield org, owner, vendor, path


def _screenshot(page, name: str) -> None:
    folder = os.environ.get("COITRACK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def _fits(page, viewport: str) -> None:
    if viewport == "phone_page":
        assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_a_deficient_portal_upload_reaches_the_owner_in_the_app_and_by_email(
        viewport, request, world, smtp, tmp_path):
    _org, owner, vendor, path = world
    vendor_page = request.getfixturevalue("page" if viewport == "phone_page" else "phone_page")
    owner_page = request.getfixturevalue(viewport)

    # The vendor sends its certificate through the link of its e-mail.
    pdf = tmp_path / "coi.pdf"
    pdf.write_bytes(PDF)
    vendor_page.goto(path)
    vendor_page.set_input_files("#files", str(pdf))
    vendor_page.get_by_role("button", name="Send").click()
    vendor_page.wait_for_url("**/answer/*/")
    vendor_page.locator("#answer").get_by_text("Still missing").wait_for()
    certificate = Certificate.objects.get()

    # The owner: the bell, the list with what the upload misses, the link to the certificate.
    log_in(owner_page, "olga")
    assert owner_page.locator(".bell-count").inner_text() == "1"
    owner_page.click("a.bell")
    owner_page.wait_for_url("**/notifications/")
    item = owner_page.locator(".notification-list li.is-unread").first
    title = f"{vendor.legal_name} uploaded a certificate that falls short"
    assert item.locator(".notification-title").inner_text() == title
    assert "additional insured" in item.inner_text().lower()
    assert "E-mail: sent" in item.inner_text()
    _fits(owner_page, viewport)
    _screenshot(owner_page, f"notifications-{NAMES[viewport]}.png")
    item.locator("button.notification-title").click()
    owner_page.wait_for_url(f"**/certificates/{certificate.pk}/")
    assert owner_page.locator(".bell-count").count() == 0  # read now

    # ... and the e-mail at the mail server, addressed to the owner alone.
    received = [(to, m) for to, m in smtp.messages if m["Subject"].startswith(title)]
    [(to, message)] = received
    assert to == [owner.email]
    text = message.get_body(("plain",)).get_content()
    assert "additional insured" in text.lower()
    assert f"/certificates/{certificate.pk}/" in text


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_the_owner_chooses_how_to_hear_of_portal_uploads(viewport, request, world):
    _org, owner, _vendor, _path = world
    page = request.getfixturevalue(viewport)
    log_in(page, "olga")
    page.goto("/notifications/settings/")
    page.get_by_role("heading", name="What you hear about, and how").wait_for()
    _fits(page, viewport)
    _screenshot(page, f"notification-settings-{NAMES[viewport]}.png")
    page.select_option("#id_channel_portal_upload", "digest")
    page.select_option("#id_frequency", "weekly")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Your notification settings were saved.").wait_for()
    stored = NotificationPreference.objects.get(membership__user=owner, kind="portal_upload")
    assert stored.channel == "digest"
    assert page.locator("#id_channel_portal_upload").input_value() == "digest"
