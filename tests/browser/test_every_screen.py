"""Every screen at 360 px and on a desktop: it opens, and nothing is wider than the phone.

The demo organization (a small one) is loaded and every page a member can reach by GET is
opened in Chromium: every URL pattern without an id, and the id pages of one demo object of
each kind. A page that only answers POST (405) is skipped. On the phone, the document must not
scroll sideways (``scrollWidth <= 360``): tables reflow or scroll inside their own box.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.browser.conftest import log_in
from tests.test_isolation import plain_patterns

# Pages that are not screens of the app for a signed-in member.
SKIP_PREFIXES = ("admin", "api/", "portal/", "logout", "login", "password", "invitations/",
                 "healthz", "static", "media")


def screens(org) -> list[str]:
    from coitrack.certificates.models import Certificate
    from coitrack.vendors.models import Vendor

    urls = []
    for _name, route in plain_patterns():
        if route.startswith(SKIP_PREFIXES) or "<" in route:
            continue
        urls.append("/" + route.lstrip("^").rstrip("$"))
    vendor = Vendor.objects.filter(organization=org, certificate_count__gt=0).first()
    certificate = Certificate.objects.filter(organization=org).exclude(
        status="received").first()
    urls += [f"/vendors/{vendor.pk}/", f"/vendors/{vendor.pk}/edit/",
             f"/certificates/{certificate.pk}/", f"/certificates/{certificate.pk}/review/"]
    return sorted(set(urls))


@pytest.fixture
def demo(transactional_db):
    from coitrack.accounts.models import Organization

    call_command("seed_demo", "--vendors", "30", stdout=io.StringIO())
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="demo")
    user.set_password("pw-for-tests-only")
    user.save()
    return Organization.objects.get()


def _visit_all(page, org, *, width: int | None) -> list[str]:
    problems = []
    for url in screens(org):
        probe = page.request.get(url, max_redirects=0)  # the page's own cookies
        if probe.status in (301, 302, 405) or "text/html" not in probe.headers.get(
                "content-type", ""):
            continue  # a POST-only action, a redirect or a download: not a screen
        if probe.status >= 400:
            problems.append(f"{url}: HTTP {probe.status}")
            continue
        if "<html" not in probe.text()[:500].lower():
            continue  # an htmx fragment, shown inside a page
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if width is not None:
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width + 1:
                problems.append(f"{url}: {scroll} px wide on a {width} px screen")
    return problems


def test_every_screen_fits_a_phone(phone_page, demo):
    log_in(phone_page, "demo")
    assert _visit_all(phone_page, demo, width=360) == []


def test_every_screen_opens_on_a_desktop(page, demo):
    log_in(page, "demo")
    assert _visit_all(page, demo, width=None) == []
