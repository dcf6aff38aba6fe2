"""Benchmark of the vendor list and vendor page at scale: ``make bench-vendors``.

Fills a fresh SQLite database (in a temporary data dir, or ``--keep DIR`` to reuse one) with
20,000 vendors and 60,000 certificates in one organization plus a smaller second organization,
all from the demo generator, then measures the *server time* of each vendor-list variant: the
time Django spends between ``request_started`` and ``request_finished`` for a logged-in user,
driven through ``django.test.Client`` against the real URL conf and middleware. It prints the
median and 95th percentile of many repetitions and PASS when every p95 is within the target.

    python bench/vendor_list.py                   # fill a temporary dir, measure, delete it
    python bench/vendor_list.py --keep /tmp/b     # fill once, reuse on later runs
    python bench/vendor_list.py --database-url postgres://postgres@127.0.0.1/coitrack_bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

MAIN_SLUG = "bench-main"
OTHER_SLUG = "bench-other"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", metavar="DIR", help="data dir to fill once and reuse")
    parser.add_argument("--database-url", help="benchmark this database instead of SQLite")
    parser.add_argument("--vendors", type=int, default=20_000)
    parser.add_argument("--certificates", type=int, default=60_000)
    parser.add_argument("--other-vendors", type=int, default=5_000,
                        help="vendors of the second organization (3 certificates each)")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per case")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per case")
    parser.add_argument("--target-ms", type=float, default=150.0, help="p95 target per case")
    return parser.parse_args(argv)


def configure(data_dir: Path, database_url: str | None) -> None:
    """Point the settings at the benchmark's data dir before Django loads them."""
    os.environ["COITRACK_DATA_DIR"] = str(data_dir)
    os.environ["COITRACK_ALLOWED_HOSTS"] = "testserver"
    os.environ["COITRACK_DEBUG"] = "false"  # DEBUG keeps every query in memory: not production
    os.environ["COITRACK_LOG_LEVEL"] = "WARNING"
    os.environ.pop("COITRACK_TESTING", None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coitrack.settings")
    import django

    django.setup()


def fill_organization(*, slug: str, name: str, usernames: list[str], vendors: int,
                      certificates: int, seed: int):
    """One organization with users, the demo's types, tags and projects, and ``vendors``."""
    from coitrack.accounts.models import Organization
    from coitrack.demo import names
    from coitrack.demo.data import UserData
    from coitrack.demo.generate import demo_projects, iter_vendors
    from coitrack.demo.load import create_catalog, create_users, load_vendors, refresh_summaries

    started = time.monotonic()
    today = dt.date.today()
    organization = Organization.objects.create(name=name, slug=slug,
                                               time_zone=names.ORGANIZATION_TIME_ZONE)
    roles = ["admin", "reviewer", "viewer"]
    users = create_users(
        organization=organization,
        users=[UserData(u, f"{u}@example.com", u.title(), "Bench", roles[min(i, 2)])
               for i, u in enumerate(usernames)],
        password=secrets.token_urlsafe(16),
    )
    projects = demo_projects(today)
    catalog = create_catalog(organization=organization, users=users,
                             vendor_types=sorted(names.VENDOR_TYPES), tags=list(names.TAGS),
                             projects=projects)
    stream = iter_vendors(count=vendors, seed=seed, today=today, owners=usernames[:2],
                          projects=projects, target_certificates=certificates)
    load_vendors(stream, organization=organization, catalog=catalog, audit=False,
                 batch_size=2000)
    refresh_summaries(organization=organization)
    print(f"  {name}: {vendors:,} vendors in {time.monotonic() - started:.0f} s", flush=True)
    return organization


def fill(args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection

    from coitrack.accounts.models import Organization
    from coitrack.certificates.models import Certificate

    call_command("migrate", verbosity=0)
    if Organization.objects.filter(slug=MAIN_SLUG).exists():
        print("Reusing the filled database.", flush=True)
        return
    print("Filling the database (once per data dir) ...", flush=True)
    fill_organization(slug=MAIN_SLUG, name="Bench Property Group",
                      usernames=["bench-admin", "bench-reviewer", "bench-viewer"],
                      vendors=args.vendors, certificates=args.certificates, seed=1)
    fill_organization(slug=OTHER_SLUG, name="Bench Other Holdings",
                      usernames=["other-admin", "other-reviewer"],
                      vendors=args.other_vendors, certificates=3 * args.other_vendors, seed=2)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum would have done by now
            cursor.execute("ANALYZE")
    print(f"  {Certificate.objects.count():,} certificates in all", flush=True)


def cases() -> list[tuple[str, str]]:
    """(label, URL) of every request measured, with ids looked up in the main organization."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from coitrack.vendors.models import Project, Vendor, VendorType

    vendors = Vendor.objects.filter(organization__slug=MAIN_SLUG)
    roofing = VendorType.objects.get(organization__slug=MAIN_SLUG, name="Roofing")
    project = Project.objects.filter(organization__slug=MAIN_SLUG).order_by("name").first()
    reviewer = get_user_model().objects.get(username="bench-reviewer")
    busiest = vendors.order_by("-certificate_count", "pk").first()
    sample = vendors.order_by("pk")[vendors.count() // 2]
    base = reverse("vendors:list")
    return [
        ("list", base),
        ("search q=roof", f"{base}?q=roof"),
        ("search q=<name>", f"{base}?q={sample.legal_name.split()[0]}"),
        ("type=Roofing", f"{base}?type={roofing.pk}"),
        ("status=inactive", f"{base}?status=inactive"),
        ("status=all", f"{base}?status=all"),
        ("project=", f"{base}?project={project.pk}"),
        ("owner=me", f"{base}?owner=me"),
        ("owner=<id>", f"{base}?owner={reviewer.pk}"),
        ("owner=none", f"{base}?owner=none"),
        ("coverage=expiring", f"{base}?coverage=expiring"),
        ("coverage=expired", f"{base}?coverage=expired"),
        ("sort=-expires", f"{base}?sort=-expires"),
        ("sort=name", f"{base}?sort=name"),
        ("page=200", f"{base}?page=200"),
        ("filters+sort+page", f"{base}?type={roofing.pk}&coverage=current&sort=-expires&page=3"),
        (f"detail ({busiest.certificate_count} certs)",
         reverse("vendors:detail", args=[busiest.pk])),
    ]


class ServerTimer:
    """Wall-clock and CPU time between Django's request_started and request_finished signals
    (the server's part of a request), and the time spent in ``execute()`` meanwhile.

    CPU time is this thread's: on SQLite it includes the queries, and it is what stays
    meaningful when other processes compete for the machine (wall-clock time then includes
    waiting for a core).
    """

    def __init__(self) -> None:
        from django.core.signals import request_finished, request_started

        self.started = self.cpu_started = 0.0
        self.elapsed = self.cpu = self.database = 0.0
        self.queries = 0
        request_started.connect(self._start, weak=False)
        request_finished.connect(self._finish, weak=False)

    def _start(self, **kwargs) -> None:
        self.database, self.queries = 0.0, 0
        self.started, self.cpu_started = time.perf_counter(), time.thread_time()

    def _finish(self, **kwargs) -> None:
        self.elapsed = time.perf_counter() - self.started
        self.cpu = time.thread_time() - self.cpu_started

    def __call__(self, execute, sql, params, many, context):
        """Database execute wrapper: count the statements and the time they take."""
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.database += time.perf_counter() - started
            self.queries += 1


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def measure(args: argparse.Namespace) -> bool:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from coitrack.vendors.models import Vendor

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-admin"))
    stranger = Vendor.objects.filter(organization__slug=OTHER_SLUG).first()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the expected 404 below
    scoped = client.get(reverse("vendors:detail", args=[stranger.pk])).status_code == 404
    timer = ServerTimer()
    rows = []
    with connection.execute_wrapper(timer):
        for label, url in cases():
            response = client.get(url)
            status, size, queries = response.status_code, len(response.content), timer.queries
            wall, cpu, database = [], [], []
            for index in range(args.warmup + args.repeat):
                client.get(url)
                if index >= args.warmup:
                    wall.append(timer.elapsed * 1000)
                    cpu.append(timer.cpu * 1000)
                    database.append(timer.database * 1000)
            rows.append((label, status, queries, size, statistics.median(wall),
                         percentile(wall, 0.95), max(wall), statistics.median(cpu),
                         statistics.median(database)))
    print()
    print(f"{'case':<26} {'status':>6} {'queries':>7} {'KB':>4} {'median':>8} {'p95':>8} "
          f"{'max':>8} {'cpu med':>8} {'db med':>8}")
    ok = scoped
    for label, status, queries, size, median, p95, worst, cpu, database in rows:
        passed = status == 200 and p95 <= args.target_ms
        ok = ok and passed
        print(f"{label:<26} {status:>6} {queries:>7} {size / 1024:>4.0f} {median:>6.1f}ms "
              f"{p95:>6.1f}ms {worst:>6.1f}ms {cpu:>6.1f}ms {database:>6.1f}ms"
              f"{'' if passed else '  <-- FAIL'}")
    print()
    print(f"Database: {connection.vendor}; {args.repeat} timed requests per case after "
          f"{args.warmup} warm-up. Times are server time (request_started .. request_finished):")
    print("wall-clock median / p95 / max, this thread's CPU time, and time inside the driver's "
          "execute() calls")
    print("(a lower bound of database time: SQLite computes most rows while they are fetched).")
    if hasattr(os, "getloadavg"):
        print(f"Load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} "
              "CPUs (wall-clock times grow when it exceeds the CPU count).")
    print(f"Another organization's vendor answers 404: {'yes' if scoped else 'NO'}")
    verdict = "PASS" if ok else "FAIL"
    print(f"{verdict}: every case p95 <= {args.target_ms:.0f} ms and status 200")
    return ok


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    data_dir = Path(args.keep).resolve() if args.keep else Path(
        tempfile.mkdtemp(prefix="coitrack-bench-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        configure(data_dir, args.database_url)
        fill(args)
        return 0 if measure(args) else 1
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
