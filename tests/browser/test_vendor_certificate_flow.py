"""The core loop in a real browser: a reviewer adds a vendor, uploads its certificate, types in
what the certificate says, accepts it and finds the vendor listed with its coverage."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from coitrack.accounts.models import Role
from coitrack.testing import factories
from tests.browser.conftest import log_in


def certificate_pdf(path) -> None:
    """A one-page PDF (a scanned-looking blank page) to upload."""
    buffer = io.BytesIO()
    Image.new("RGB", (850, 1100), "white").save(buffer, "PDF", resolution=100)
    path.write_bytes(buffer.getvalue())


def add_vendor_upload_and_enter_data(page, tmp_path, *, legal_name: str) -> str:
    """Walk the whole flow; return the expiration date entered (ISO)."""
    page.goto("/vendors/")
    page.get_by_role("link", name="Add vendor").first.click()
    page.fill("#id_legal_name", legal_name)
    page.fill("#id_city", "Boston")
    page.get_by_role("button", name="Add vendor").click()
    page.wait_for_url("**/vendors/*/")
    assert page.locator("h1").first.inner_text().startswith(legal_name)

    page.get_by_role("link", name="Upload certificate").first.click()
    pdf = tmp_path / "coi.pdf"
    certificate_pdf(pdf)
    page.set_input_files("input[type=file]", str(pdf))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url("**/certificates/*/")

    page.get_by_role("link", name="Enter data").first.click()
    expiration = (dt.date.today() + dt.timedelta(days=200)).isoformat()
    page.fill("#id_cert-insured_name", legal_name)
    page.fill("#id_insurers-0-name", "Acme Insurance Company")
    page.fill("#id_insurers-0-naic", "12345")
    page.select_option("#id_policies-0-coverage", "general_liability")
    page.select_option("#id_policies-0-insurer_letter", "A")
    page.fill("#id_policies-0-policy_number", "GL-778899")
    page.fill("#id_policies-0-effective_date",
              (dt.date.today() - dt.timedelta(days=165)).isoformat())
    page.fill("#id_policies-0-expiration_date", expiration)
    page.fill("#id_policies-0-limit_each_occurrence", "1,000,000")
    page.fill("#id_policies-0-limit_general_aggregate", "$2,000,000")
    page.get_by_role("button", name="Save certificate data").click()
    page.wait_for_url("**/certificates/*/")
    assert "GL-778899" in page.content()
    assert "$1,000,000" in page.content()

    page.get_by_role("button", name="Accept certificate").click()
    page.wait_for_load_state()
    return expiration


def test_reviewer_adds_vendor_uploads_and_enters_certificate(page, tmp_path, transactional_db):
    org = factories.organization("Harbor Point Properties")
    factories.user("rita", org=org, role=Role.REVIEWER)
    log_in(page, "rita")
    expiration = add_vendor_upload_and_enter_data(page, tmp_path, legal_name="Bayside Roofing LLC")

    page.goto("/vendors/?q=Bayside")
    row = page.locator("tbody tr", has_text="Bayside Roofing LLC")
    assert row.count() == 1
    expected = dt.date.fromisoformat(expiration).strftime("%b %-d, %Y")
    assert expected in row.inner_text()


def test_same_flow_works_at_phone_width(phone_page, tmp_path, transactional_db):
    org = factories.organization("Harbor Point Properties")
    factories.user("rita", org=org, role=Role.REVIEWER)
    log_in(phone_page, "rita")
    add_vendor_upload_and_enter_data(phone_page, tmp_path, legal_name="Harbor Catering Co")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_page.goto("/vendors/?q=Harbor+Catering")
    assert phone_page.locator("tbody tr", has_text="Harbor Catering Co").count() == 1
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
