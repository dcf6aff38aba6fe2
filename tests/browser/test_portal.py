"""The vendor portal in a real browser: a vendor with no account opens the link from its
e-mail on a 360 px phone, sends its certificate, and reads the answer; on a desktop it drops
the file on the page.

``COITRACK_SCREENSHOTS=<dir>`` saves portal-phone.png, portal-phone-answer.png and
portal-desktop.png there (the
screenshots in docs/screenshots/ were made this way).
"""

from __future__ import annotations

import base64
import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine

from coitrack.certificates.models import Certificate, CertificateSource
from coitrack.outreach.models import RequestStatus
from coitrack.outreach.services.portal import issue_link
from coitrack.outreach.tests.test_portal import NOW, ORG_NAME, PDF, portal_vendor
from coitrack.testing import factories


@pytest.fixture
def link(transactional_db):
    """The portal path of a vendor whose template the synthetic certificate meets, on the day
    it is current (the live server runs in this process, so it sees the same clock)."""
    with time_machine.travel(NOW, tick=True):
        org = factories.organization(ORG_NAME)
        vendor = portal_vendor(org)
        request = vendor.outreach_requests.get()
        yield vendor, urlsplit(issue_link(vendor=vendor, request=request)).path


def _screenshot(page, name: str) -> None:
    folder = os.environ.get("COITRACK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        # A tall viewport rather than full_page: Chromium's full-page capture drops the touch
        # emulation, and the phone's camera button would vanish from the picture.
        size = page.viewport_size
        page.set_viewport_size({"width": size["width"],
                                "height": page.evaluate("document.body.scrollHeight")})
        page.screenshot(path=str(Path(folder) / name))
        page.set_viewport_size(size)


def test_a_vendor_sends_its_certificate_from_a_phone_and_reads_the_answer(phone_page, link,
                                                                        tmp_path):
    vendor, path = link
    page = phone_page
    page.goto(path)
    assert page.get_by_role("heading", name=ORG_NAME, exact=True).is_visible()
    assert page.get_by_text("What is missing now").is_visible()
    assert page.get_by_text("Take a photo").is_visible()  # a camera button on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scroll
    _screenshot(page, "portal-phone.png")

    pdf = tmp_path / "coi.pdf"
    pdf.write_bytes(PDF)
    page.set_input_files("#files", str(pdf))
    assert page.locator("[data-chosen] li").inner_text().startswith("coi.pdf")
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/answer/*/")
    answer = page.locator("#answer")
    answer.get_by_text("Received, thank you").wait_for()
    assert "meets" in answer.inner_text() and "still reviews" in answer.inner_text()
    _screenshot(page, "portal-phone-answer.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    cert = Certificate.objects.get()
    assert cert.vendor_id == vendor.pk and cert.source == CertificateSource.PORTAL
    assert vendor.outreach_requests.get().status == RequestStatus.ANSWERED


def test_a_file_dropped_on_the_page_is_sent(page, link):
    _vendor, path = link
    page.goto(path)
    assert not page.get_by_text("Take a photo").is_visible()  # no camera button on a desktop
    _screenshot(page, "portal-desktop.png")
    files = page.evaluate_handle(
        """(data) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], "dropped.pdf", {type: "application/pdf"}));
            return transfer;
        }""", base64.b64encode(PDF).decode())
    page.dispatch_event("[data-drop]", "drop", {"dataTransfer": files})
    assert page.locator("[data-chosen] li").inner_text().startswith("dropped.pdf")
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/answer/*/")
    page.locator("#answer").get_by_text("Received, thank you").wait_for()
    names = list(Certificate.objects.get().documents.values_list("original_name", flat=True))
    assert names == ["dropped.pdf"] and Certificate.objects.get().received_date == dt.date(
        2025, 9, 15)
