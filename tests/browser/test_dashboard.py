"""The customizable dashboard in a real browser, at desktop and phone widths: a member adds a
widget, sets it up, moves it, removes another, and finds everything as they left it after a
reload; on a desktop, dragging a widget reorders it too. Nothing is wider than a phone's screen.

The page loads its widgets in parallel. pytest-django's live server shares one SQLite
connection between its threads when the test database is in memory, and parallel queries on it
fail ("bad parameter or other API misuse"), so here a script added before the page's own ones
makes htmx queue the widget requests one after another; a real server gives each thread its own
connection.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coitrack.accounts.models import Role
from coitrack.dashboard.models import DashboardWidget
from coitrack.testing import factories
from coitrack.vendors.models import Vendor
from tests.browser.conftest import log_in


def _world():
    org = factories.organization("Harbor Point Properties")
    factories.user("alice", org=org, role=Role.VIEWER)  # viewers arrange their own dashboard
    today = timezone.localdate()
    for i, (status, days) in enumerate([("compliant", 200), ("non_compliant", 12),
                                        ("expiring", 20), ("expired", -2)]):
        vendor = factories.vendor(org, f"Vendor {i} LLC")
        Vendor.objects.filter(pk=vendor.pk).update(
            compliance_status=status, next_expiration=today + dt.timedelta(days=days))
    return org


def _one_at_a_time(page) -> None:
    page.add_init_script("""document.addEventListener("DOMContentLoaded", () => {
      document.querySelectorAll(".widget-body[hx-get]").forEach(
        (el) => el.setAttribute("hx-sync", "[data-widgets]:queue all"));
    });""")


def _loaded(page) -> None:
    page.wait_for_selector("[data-widget]")
    page.wait_for_function("!document.querySelector('.widget-loading')")


def _titles(page) -> list[str]:
    return page.locator("[data-widget] h2").all_inner_texts()


def _fits(page, viewport: str) -> None:
    if viewport == "phone_page":
        assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_member_arranges_the_dashboard_and_finds_it_unchanged_after_reload(viewport, request,
                                                                           transactional_db):
    page = request.getfixturevalue(viewport)
    _world()
    _one_at_a_time(page)
    log_in(page, "alice")
    _loaded(page)
    before = _titles(page)
    assert before[0] == "Compliance overview" and len(before) == 8
    assert page.locator("#main a[href^='/vendors/?status=active']").count() > 5
    _fits(page, viewport)

    # Add: a second "Compliance rate over time" goes last.
    page.select_option("#add-kind", label="Outreach")
    page.click(".dashboard-add button[type=submit]")
    _loaded(page)
    added = DashboardWidget.objects.filter(layout__membership__user__username="alice",
                                           kind="outreach").order_by("-id").first()
    section = page.locator(f"#widget-{added.pk}")
    assert _titles(page)[-1] == "Outreach"

    # Configure it: a bad value is refused and explained, then a good one is saved.
    section.get_by_role("link", name="Settings of Outreach").click()
    page.select_option("#cfg-owner", label="Me")
    page.click("button:has-text('Save settings')")
    _loaded(page)
    assert "Owner: Me" in page.locator(f"#widget-{added.pk} .widget-subtitle").inner_text()

    # Move it up twice, remove the first widget.
    for _ in range(2):
        page.locator(f"#widget-{added.pk}").get_by_role("button",
                                                          name="Move Outreach up").click()
        _loaded(page)
    page.get_by_role("button", name="Remove Compliance overview").click()
    _loaded(page)
    expected = [*before[1:6], "Outreach", *before[6:]]
    assert _titles(page) == expected
    _fits(page, viewport)

    page.reload()
    _loaded(page)
    assert _titles(page) == expected
    assert "Owner: Me" in page.locator(f"#widget-{added.pk} .widget-subtitle").inner_text()

    if viewport == "page":  # drag and drop needs a mouse
        first = page.locator("[data-widget]").nth(0)
        third = page.locator("[data-widget]").nth(2)
        first.locator(".drag-handle").hover()
        page.mouse.down()
        third.hover()
        third.hover(position={"x": 20, "y": 20})
        page.mouse.up()
        moved = [expected[1], expected[2], expected[0], *expected[3:]]
        page.wait_for_function("document.querySelectorAll('[data-widget] h2')[2].textContent"
                               f" === {expected[0]!r}")
        page.wait_for_timeout(300)  # the order is saved in the background
        page.reload()
        _loaded(page)
        assert _titles(page) == moved
