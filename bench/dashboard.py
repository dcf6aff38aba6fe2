"""Benchmark of the dashboard with its default widgets at 50,000 vendors: ``make bench-dashboard``.

Fills a fresh SQLite database (in a temporary data dir, or ``--keep DIR`` to reuse one) with
50,000 vendors from the demo generator in one organization (plus a smaller second one), evaluates
them all against a requirement template (real statuses and open deficiencies, as the worker
would store them), opens renewal requests for 5,000 of them in every state, writes audit events
and a year of daily compliance snapshots. Then it measures the *server time* (Django's
request_started .. request_finished, through ``django.test.Client``) of the dashboard page and of
each default widget's htmx request, p50 and p95 over ``--repeat`` requests, and prints PASS when
every p95 is within ``--target-ms`` (300 ms).

    python bench/dashboard.py                   # fill a temporary dir, measure, delete it
    python bench/dashboard.py --keep /tmp/d     # fill once, reuse on later runs
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reevaluate  # bench/ siblings: the requirement template
import vendor_list  # filling an organization, the server timer

MAIN_SLUG = vendor_list.MAIN_SLUG
OTHER_SLUG = vendor_list.OTHER_SLUG


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", metavar="DIR", help="data dir to fill once and reuse")
    parser.add_argument("--vendors", type=int, default=50_000)
    parser.add_argument("--certificates", type=int, default=75_000)
    parser.add_argument("--other-vendors", type=int, default=5_000)
    parser.add_argument("--requests", type=int, default=5_000, help="open renewal requests")
    parser.add_argument("--events", type=int, default=20_000, help="audit events")
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per case")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests per case")
    parser.add_argument("--target-ms", type=float, default=300.0, help="p95 target per case")
    return parser.parse_args(argv)


def evaluate(organization) -> None:
    """Assign the standard template to every vendor type and evaluate every vendor, as the
    background run after such a change does."""
    from coitrack.compliance.models import EvaluationRun
    from coitrack.compliance.services.runs import execute_run
    from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
    from coitrack.vendors.models import VendorType

    template = RequirementTemplate.objects.create(organization=organization,
                                                  name=reevaluate.TEMPLATE["name"],
                                                  data=reevaluate.TEMPLATE)
    for vendor_type in VendorType.objects.filter(organization=organization):
        TemplateAssignment.objects.create(organization=organization, template=template,
                                          vendor_type=vendor_type)
    run = EvaluationRun.objects.create(organization=organization, reason="bench")
    execute_run(run_id=run.pk)


def outreach_and_history(organization, args: argparse.Namespace) -> None:
    """Open requests in every state, audit events, and a year of daily snapshots."""
    from django.utils import timezone

    from coitrack.audit.models import Event
    from coitrack.dashboard.models import ComplianceSnapshot
    from coitrack.dashboard.snapshots import status_counts
    from coitrack.outreach.models import Request
    from coitrack.vendors.models import Vendor

    now = timezone.now()
    today = dt.date.today()
    ids = list(Vendor.objects.filter(organization=organization)
               .exclude(compliance_status="compliant").order_by("pk")
               .values_list("pk", flat=True)[:args.requests])
    requests = []
    for i, pk in enumerate(ids):
        state = i % 4  # waiting once, reminded, unresponsive, answered
        requests.append(Request(
            organization=organization, vendor_id=pk, reason="expiring", opened_at=now,
            opened_on=today, unanswered=(1, 2, 4, 0)[state], messages_sent=(1, 2, 4, 2)[state],
            unresponsive_at=now if state == 2 else None,
            status="answered" if state == 3 else "open",
            answered_at=now if state == 3 else None))
    Request.objects.bulk_create(requests, batch_size=2000)
    vendor_ids = ids or [0]
    Event.objects.bulk_create([
        Event(organization=organization, actor_label="bench", action="update",
              object_type="vendor", object_id=vendor_ids[i % len(vendor_ids)],
              object_repr=f"Vendor {i}", vendor_id=vendor_ids[i % len(vendor_ids)])
        for i in range(args.events)], batch_size=2000)
    counts = status_counts(organization)
    ComplianceSnapshot.objects.bulk_create([
        ComplianceSnapshot(organization=organization, day=today - dt.timedelta(days=d),
                           counts=counts, taken_at=now) for d in range(365)])


def fill(args: argparse.Namespace) -> None:
    from django.core.management import call_command

    from coitrack.accounts.models import Organization

    call_command("migrate", verbosity=0)
    if Organization.objects.filter(slug=MAIN_SLUG).exists():
        print("Reusing the filled database.", flush=True)
        return
    print("Filling the database (once per data dir) ...", flush=True)
    main = vendor_list.fill_organization(
        slug=MAIN_SLUG, name="Bench Property Group",
        usernames=["bench-admin", "bench-reviewer", "bench-viewer"], vendors=args.vendors,
        certificates=args.certificates, seed=1)
    vendor_list.fill_organization(slug=OTHER_SLUG, name="Bench Other Holdings",
                                  usernames=["other-admin", "other-reviewer"],
                                  vendors=args.other_vendors,
                                  certificates=2 * args.other_vendors, seed=2)
    started = time.monotonic()
    evaluate(main)
    print(f"  evaluated every vendor in {time.monotonic() - started:.0f} s", flush=True)
    outreach_and_history(main, args)


def describe() -> None:
    from django.db.models import Count

    from coitrack.vendors.models import Vendor

    counts = dict(Vendor.objects.filter(organization__slug=MAIN_SLUG)
                  .values_list("compliance_status").annotate(n=Count("id")))
    print("Statuses: " + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())), flush=True)


def measure(args: argparse.Namespace) -> bool:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from coitrack.dashboard.models import DashboardWidget

    client = Client()
    user = get_user_model().objects.get(username="bench-admin")
    client.force_login(user)
    DashboardWidget.objects.filter(layout__membership__user=user).delete()
    from coitrack.dashboard.models import DashboardLayout

    DashboardLayout.objects.filter(membership__user=user).delete()  # start from the default
    assert client.get(reverse("dashboard")).status_code == 200
    cases = [("page /", reverse("dashboard"), {})]
    for widget in DashboardWidget.objects.filter(layout__membership__user=user):
        cases.append((f"widget {widget.kind}", reverse("dashboard:widget", args=[widget.pk]),
                      {"HX-Request": "true"}))
    logging.getLogger("django.request").setLevel(logging.ERROR)
    timer = vendor_list.ServerTimer()
    rows = []
    with connection.execute_wrapper(timer):
        for label, url, headers in cases:
            response = client.get(url, headers=headers)
            status, size, queries = response.status_code, len(response.content), timer.queries
            wall, cpu, database = [], [], []
            for index in range(args.warmup + args.repeat):
                client.get(url, headers=headers)
                if index >= args.warmup:
                    wall.append(timer.elapsed * 1000)
                    cpu.append(timer.cpu * 1000)
                    database.append(timer.database * 1000)
            rows.append((label, status, queries, size, statistics.median(wall),
                         vendor_list.percentile(wall, 0.95), max(wall),
                         statistics.median(cpu), statistics.median(database)))
    print()
    print(f"{'case':<30} {'status':>6} {'queries':>7} {'KB':>4} {'median':>8} {'p95':>8} "
          f"{'max':>8} {'cpu med':>8} {'db med':>8}")
    ok = True
    for label, status, queries, size, median, p95, worst, cpu, database in rows:
        passed = status == 200 and p95 <= args.target_ms
        ok = ok and passed
        print(f"{label:<30} {status:>6} {queries:>7} {size / 1024:>4.0f} {median:>6.1f}ms "
              f"{p95:>6.1f}ms {worst:>6.1f}ms {cpu:>6.1f}ms {database:>6.1f}ms"
              f"{'' if passed else '  <-- FAIL'}")
    print()
    print(f"Database: {connection.vendor}; {args.repeat} timed requests per case after "
          f"{args.warmup} warm-up; server time (request_started .. request_finished).")
    if hasattr(os, "getloadavg"):
        print(f"Load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
              "(wall-clock times grow when it exceeds the CPU count).")
    print(f"{'PASS' if ok else 'FAIL'}: every case p95 <= {args.target_ms:.0f} ms and status 200")
    return ok


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    data_dir = Path(args.keep).resolve() if args.keep else Path(
        tempfile.mkdtemp(prefix="coitrack-bench-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        vendor_list.configure(data_dir, None)
        os.environ["COITRACK_QUEUE_URL"] = "immediate"
        fill(args)
        describe()
        return 0 if measure(args) else 1
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
