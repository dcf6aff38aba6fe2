"""Benchmark: the outreach scheduler's tick over 50,000 vendors with 5,000 requests due
(``make bench-outreach``).

Fills a fresh SQLite database (a temporary data dir, or ``--keep DIR``) with one organization
of 50,000 active vendors, each with a vendor contact and an insurance agent, an accepted
certificate and a stored evaluation; 5,000 of them have a policy expiring in 20 days (inside the
default 30-day window), the rest in 200 days. Then it times, in this process as the worker runs
it (``outreach.services.tick.tick``):

1. the tick that opens the 5,000 requests and queues their first message (5,000 e-mails
   rendered and written to the outbox, with their log lines);
2. the same tick again at once (nothing is due: the idle cost of a tick);
3. the tick 7 days later, when the 5,000 first reminders are due.

It prints seconds per tick and PASS when each of 1 and 3 takes at most ``--target-s``.

    python bench/outreach_tick.py                 # fill a temporary dir, measure, delete it
    python bench/outreach_tick.py --keep /tmp/o   # fill once (the ticks then change it!)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

SLUG = "bench-outreach"
ZONE = ZoneInfo("America/New_York")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", metavar="DIR", help="data dir to fill and keep")
    parser.add_argument("--vendors", type=int, default=50_000)
    parser.add_argument("--due", type=int, default=5_000)
    parser.add_argument("--target-s", type=float, default=30.0)
    return parser.parse_args(argv)


def configure(data_dir: Path) -> None:
    os.environ["COITRACK_DATA_DIR"] = str(data_dir)
    os.environ["COITRACK_DEBUG"] = "false"
    os.environ["COITRACK_LOG_LEVEL"] = "WARNING"
    # A queue nobody consumes: the tick's "deliver now" kick is only written, as in production
    # (delivery is the worker's job and not part of the tick).
    os.environ.pop("COITRACK_QUEUE_URL", None)  # the default: a SQLite file in the data dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coitrack.settings")
    import django

    django.setup()


def next_weekday_10am() -> dt.datetime:
    day = dt.date.today() + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(10), tzinfo=ZONE)


def fill(args: argparse.Namespace, today: dt.date) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from coitrack.accounts.models import Organization
    from coitrack.certificates.models import Certificate, Insurer, Limit, Policy
    from coitrack.compliance.models import VendorEvaluation
    from coitrack.vendors.models import Contact, Vendor

    call_command("migrate", verbosity=0)
    if Organization.objects.filter(slug=SLUG).exists():
        print("Reusing the filled database.", flush=True)
        return
    print(f"Filling {args.vendors:,} vendors ...", flush=True)
    started = time.monotonic()
    org = Organization.objects.create(name="Harbor Point Properties", slug=SLUG,
                                      time_zone=str(ZONE))
    due_on, later = today + dt.timedelta(days=20), today + dt.timedelta(days=200)
    now = timezone.now()
    with transaction.atomic():
        vendors = Vendor.objects.bulk_create([
            Vendor(organization=org, legal_name=f"Vendor {i:05d} LLC",
                   compliance_status="compliant", certificate_count=1,
                   next_expiration=due_on if i < args.due else later)
            for i in range(args.vendors)], batch_size=2000)
        Contact.objects.bulk_create([
            Contact(vendor=v, role=role, name=f"{role} {v.pk}", email=f"{role}{v.pk}@example.com",
                    is_primary=role == "vendor")
            for v in vendors for role in ("vendor", "agent")], batch_size=4000)
        certificates = Certificate.objects.bulk_create([
            Certificate(organization=org, vendor=v, status="accepted", received_date=today,
                        form="acord25", insured_name=v.legal_name)
            for v in vendors], batch_size=2000)
        Insurer.objects.bulk_create([Insurer(certificate=c, letter="A", name="Acme Insurance",
                                             naic="12345") for c in certificates], batch_size=4000)
        policies = Policy.objects.bulk_create([
            Policy(certificate=c, vendor_id=c.vendor_id, coverage="general_liability",
                   insurer_letter="A", policy_number=f"GL-{c.vendor_id}",
                   effective_date=today - dt.timedelta(days=300),
                   expiration_date=due_on if i < args.due else later)
            for i, c in enumerate(certificates)], batch_size=4000)
        Limit.objects.bulk_create([Limit(policy=p, key="each_occurrence", amount=1_000_000)
                                   for p in policies], batch_size=4000)
        VendorEvaluation.objects.bulk_create([
            VendorEvaluation(vendor=v, organization=org, status="compliant", deficiencies=[],
                             evaluations=[], as_of=today, evaluated_at=now)
            for v in vendors], batch_size=2000)
    print(f"  filled in {time.monotonic() - started:.0f} s", flush=True)


def timed_tick(label: str, now: dt.datetime) -> float:
    from coitrack.outreach.models import OutboxMessage, Request
    from coitrack.outreach.services.tick import tick

    before = OutboxMessage.objects.count()
    started = time.perf_counter()
    report = tick(now=now)
    seconds = time.perf_counter() - started
    queued = OutboxMessage.objects.count() - before
    still_open = Request.objects.filter(closed_at__isnull=True).count()
    print(f"{label}: {seconds:6.2f} s  opened {report.opened:,}, messages queued {queued:,} "
          f"({dict(report.by_kind)}), open requests {still_open:,}", flush=True)
    return seconds


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data_dir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="coitrack-out-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        configure(data_dir)
        first = next_weekday_10am()
        fill(args, first.date())
        print(f"Ticks over {args.vendors:,} vendors, {args.due:,} due (SQLite, one process):",
              flush=True)
        opening = timed_tick("1. open + first requests", first)
        timed_tick("2. again at once (idle)  ", first + dt.timedelta(seconds=1))
        week = first + dt.timedelta(days=7)
        while week.weekday() >= 5:
            week += dt.timedelta(days=1)
        reminders = timed_tick("3. first reminders       ", week)
        worst = max(opening, reminders)
        verdict = "PASS" if worst <= args.target_s else "FAIL"
        print(f"{verdict}: slowest due tick {worst:.2f} s (target <= {args.target_s:.0f} s)")
        return 0 if verdict == "PASS" else 1
    finally:
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
