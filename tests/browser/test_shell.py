"""The app's shell in a real browser: signing in and navigating at desktop and phone widths."""

from __future__ import annotations

from coitrack.accounts.models import Role
from coitrack.testing import factories
from tests.browser.conftest import log_in


def test_user_signs_in_and_lands_on_the_dashboard(page, transactional_db):
    org = factories.organization("Harbor Point Properties")
    factories.user("alice", org=org, role=Role.ADMIN)
    log_in(page, "alice")
    assert page.locator("h1").first.inner_text() == "Dashboard"
    assert page.locator(".org-switch summary").inner_text() == "Harbor Point Properties"


def test_phone_user_opens_the_menu_and_reaches_vendors(phone_page, transactional_db):
    org = factories.organization("Harbor Point Properties")
    factories.user("alice", org=org, role=Role.ADMIN)
    log_in(phone_page, "alice")
    nav_link = phone_page.locator("nav.sidenav a", has_text="Vendors")
    assert not nav_link.is_visible() or nav_link.bounding_box()["x"] < 0
    phone_page.click("label.nav-toggle")
    nav_link.click()
    phone_page.wait_for_url("**/vendors/")
    # Nothing on the page is wider than the phone's screen.
    overflow = phone_page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 360
