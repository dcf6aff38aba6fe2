"""Playwright driving Debian's Chromium against pytest-django's live server.

Browsers cannot be downloaded here, so the system ``chromium`` is used; without it the browser
tests fail (not skip) unless ``COITRACK_SKIP_BROWSER=1`` says so explicitly, because a suite that
silently skips its UI tests would claim more than it checked.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told it is safe (it is: the test thread does not share connections).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The live server answers one request at a time. With SQLite the tests share one in-memory
# database connection with the server's threads, and pages that load parts in parallel (the
# dashboard's widgets) made simultaneous requests collide on it ("bad parameter or other API
# misuse"), failing whichever test had just signed in. A single-threaded server closes each
# connection after its answer, so the browser's parallel requests simply queue.
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread


class SerialWSGIServer(WSGIServer):
    """Django's WSGI server without threads. The live server thread has already installed the
    test's database connections for itself, so requests handled in it need nothing more."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


LiveServerThread.server_class = SerialWSGIServer

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if os.environ.get("COITRACK_SKIP_BROWSER") == "1":
        pytest.skip("COITRACK_SKIP_BROWSER=1")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("chromium is missing: apt-get install chromium, or COITRACK_SKIP_BROWSER=1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server) -> Iterator:
    context = chromium.new_context(viewport=DESKTOP, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(chromium, live_server) -> Iterator:
    context = chromium.new_context(
        viewport=PHONE, base_url=live_server.url, is_mobile=True, has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def log_in(page, username: str, password: str = "pw-for-tests-only") -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
