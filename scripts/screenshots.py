"""Take the README's screenshots of a freshly seeded demo, at desktop and phone widths.

Usage: ``.venv/bin/python scripts/screenshots.py [OUTDIR]`` (default ``docs/screenshots``).
Starts ``coitrack run --demo`` on a temporary data dir and a free port, signs in as the demo
user with Debian's Chromium, and saves one PNG per page and width.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def shoot(base: str, out: Path) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        for label, viewport, scale in (("desktop", {"width": 1366, "height": 860}, 1),
                                       ("phone", {"width": 360, "height": 760}, 2)):
            ctx = browser.new_context(viewport=viewport, base_url=base, device_scale_factor=scale)
            page = ctx.new_page()
            page.goto("/login/")
            page.fill("#id_username", "demo")
            page.fill("#id_password", "demo-password")
            page.click("button[type=submit]")
            page.wait_for_url(lambda u: "/login/" not in u)
            # The dashboard's widgets load on their own after the page: wait for every one.
            page.wait_for_selector("[data-widget]")
            page.wait_for_function("!document.querySelector('.widget-loading')")
            page.screenshot(path=out / f"dashboard-{label}.png", full_page=True)
            page.goto("/vendors/?sort=expires")
            page.screenshot(path=out / f"vendors-{label}.png")
            page.locator("table a[href^='/vendors/']").first.click()
            page.wait_for_load_state()
            page.screenshot(path=out / f"vendor-{label}.png", full_page=True)
            link = page.locator("a[href^='/certificates/']").filter(has_text="20")
            if link.count():
                link.first.click()
                page.wait_for_load_state()
                page.screenshot(path=out / f"certificate-{label}.png", full_page=True)
            ctx.close()
        browser.close()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    data = tempfile.mkdtemp(prefix="coitrack-shots-")
    env = {**os.environ, "COITRACK_DATA_DIR": data,
           "COITRACK_PUBLIC_URL": f"http://127.0.0.1:{port}"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "coitrack"), "run", "--demo", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz")
        # What the worker does within its first quarter hour: the day's compliance evaluation
        # and snapshot, so the pages show the demo's real statuses.
        subprocess.run([str(Path(sys.executable).parent / "coitrack"), "shell", "-c",
                        "from coitrack.compliance.services.runs import "
                        "run_due_daily_reevaluations as r; r(); "
                        "from coitrack.dashboard.snapshots import take_due_snapshots as s; s()"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        shoot(f"http://127.0.0.1:{port}", out)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)
        shutil.rmtree(data, ignore_errors=True)
    print(f"screenshots written to {out}/")


if __name__ == "__main__":
    main()
