"""Benchmark: importing 10,000 vendor rows from CSV (``make bench-import``).

Generates a CSV of ``--rows`` vendors in the shape people export from other tools (legal name,
DBA, FEIN, trade, projects, owner, address, vendor contact, agent contact, tags), uploads it into
a fresh SQLite data dir (temporary, or ``--keep DIR``) as an ``ImportJob`` with the guessed
columns, and times the background run exactly as the worker carries it out
(``imports.services.jobs.execute``: read the stored file, plan every row, write in chunks of
1,000 with audit events, progress after each chunk). The re-evaluation the import queues is
timed separately (it is its own background run). Then it imports the same file again (every row
unchanged, nothing written) and prints both times and PASS when the first run takes at most
``--target-s`` seconds.

    python bench/import_vendors.py                # 10,000 rows, target 60 s
    python bench/import_vendors.py --rows 100000  # the largest file accepted
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

SLUG = "bench-import"
TRADES = ["Roofer", "Electrician", "Plumber", "Janitorial", "Caterer", "HVAC", "Landscaper",
          "Painter", "Security", "Elevator"]
PROJECTS = ["Harbor Tower", "Pier 9", "North Campus", "Riverside Lofts", "Depot Square",
            "Main Street Retail"]
WORDS = ["Atlas", "Beacon", "Cedar", "Delta", "Summit", "Granite", "Harbor", "Iron", "Juniper",
         "Keystone", "Liberty", "Maple", "Northway", "Oak", "Pioneer", "Quarry", "Ridge",
         "Sterling", "Tidewater", "Union", "Valley", "Westgate", "Yardley", "Zenith"]
SUFFIXES = ["LLC", "Inc.", "Co.", "Corp.", "& Sons", "Group LLC"]
HEADER = ["Vendor Name", "DBA", "FEIN", "Trade", "Projects", "Owner", "Street Address", "City",
          "State", "Zip", "Contact", "E-mail", "Phone", "Agent", "Agent Email", "Agent Phone",
          "Tags"]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", metavar="DIR", help="data dir to use and keep")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--target-s", type=float, default=60.0)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of run 1")
    return parser.parse_args(argv)


def generate_csv(rows: int, seed: int = 11) -> bytes:
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for i in range(rows):
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(TRADES)} {i} " \
               f"{rng.choice(SUFFIXES)}"
        slug = f"v{i}"
        writer.writerow([
            name, rng.choice(["", "", f"{rng.choice(WORDS)} Services"]),
            f"{10 + i // 10_000_000:02d}-{i % 10_000_000:07d}", rng.choice(TRADES),
            "; ".join(rng.sample(PROJECTS, rng.randint(0, 2))),
            rng.choice(["bench-admin@example.com", ""]), f"{rng.randint(1, 9999)} Main St",
            rng.choice(["Boston", "Salem", "Lynn", "Quincy"]), "MA", f"0{rng.randint(1000, 2999)}",
            f"Pat {rng.choice(WORDS)}", f"ops@{slug}.example", f"617-555-{i % 10_000:04d}",
            f"Agent {rng.choice(WORDS)}", f"agent{i % 500}@broker.example",
            "+1 617 555 0199", rng.choice(["", "union", "union; preferred"]),
        ])
    return out.getvalue().encode()


def configure(data_dir: Path) -> None:
    os.environ["COITRACK_DATA_DIR"] = str(data_dir)
    os.environ["COITRACK_DEBUG"] = "false"
    os.environ["COITRACK_LOG_LEVEL"] = "WARNING"
    # Tasks run inline when handed over (after commit): the import's queued re-evaluation runs
    # right after the import and is timed on its own below.
    os.environ["COITRACK_QUEUE_URL"] = "immediate"
    os.environ.pop("COITRACK_TESTING", None)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coitrack.settings")
    import django

    django.setup()


def prepare():
    from django.core.management import call_command

    from coitrack.accounts.models import Organization
    from coitrack.testing import factories

    call_command("migrate", verbosity=0)
    organization = Organization.objects.filter(slug=SLUG).first()
    if organization is None:
        organization = Organization.objects.create(name="Harbor Point Properties", slug=SLUG)
        factories.user("bench-admin", org=organization)
    return organization


def timed_import(organization, raw: bytes, *, profile: bool):
    from django.contrib.auth import get_user_model

    from coitrack.compliance.models import EvaluationRun
    from coitrack.compliance.services import runs
    from coitrack.imports.models import ImportJob
    from coitrack.imports.services import jobs

    actor = get_user_model().objects.get(username="bench-admin")
    job = jobs.upload(organization=organization, actor=actor, kind="vendors",
                      name="vendors.csv", raw=raw)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.QUEUED, total=job.row_count)
    # The re-evaluation the import queues is carried out after it, timed apart.
    evaluations: list[float] = []
    original = runs.execute_run

    def timed_run(**kwargs):
        started = time.perf_counter()
        try:
            return original(**kwargs)
        finally:
            evaluations.append(time.perf_counter() - started)

    runs.execute_run = timed_run
    started, cpu = time.perf_counter(), time.process_time()
    try:
        if profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(jobs.execute, job_id=job.pk)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        else:
            jobs.execute(job_id=job.pk)
    finally:
        runs.execute_run = original
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    evaluation = sum(evaluations)
    job.refresh_from_db()
    assert job.status == "done" and job.done == job.total, (job.status, job.failure)
    assert not EvaluationRun.objects.exclude(error="").exists()
    return job, elapsed - evaluation, cpu, evaluation


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    data_dir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="coitrack-import-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        configure(data_dir)
        organization = prepare()
        from coitrack.vendors.models import Contact, Vendor

        raw = generate_csv(args.rows)
        print(f"CSV: {args.rows:,} vendor rows, {len(raw) / 1e6:.1f} MB "
              f"({len(HEADER)} columns: contacts, agents, types, projects, tags, owner)",
              flush=True)
        Vendor.objects.filter(organization=organization).delete()
        job, seconds, cpu, evaluation = timed_import(organization, raw, profile=args.profile)
        vendors = Vendor.objects.filter(organization=organization).count()
        contacts = Contact.objects.filter(vendor__organization=organization).count()
        print(f"Run 1 (into an empty organization): {seconds:.1f} s wall, {cpu:.1f} s CPU, "
              f"{args.rows / seconds:,.0f} rows/s: {job.created_count:,} created, "
              f"{job.error_count} errors; {vendors:,} vendors, {contacts:,} contacts. "
              f"Re-evaluation it queued: {evaluation:.1f} s.", flush=True)
        again, seconds_2, cpu_2, _ = timed_import(organization, raw, profile=False)
        print(f"Run 2 (the same file again): {seconds_2:.1f} s wall, {cpu_2:.1f} s CPU: "
              f"{again.unchanged_count:,} unchanged, {again.created_count} created, "
              f"{again.updated_count} updated.", flush=True)
        ok = seconds <= args.target_s and again.unchanged_count == args.rows
        print(f"{'PASS' if ok else 'FAIL'}: {args.rows:,} rows in {seconds:.1f} s "
              f"(target <= {args.target_s:.0f} s); re-import changed nothing: "
              f"{again.unchanged_count == args.rows}")
        return 0 if ok else 1
    finally:
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
