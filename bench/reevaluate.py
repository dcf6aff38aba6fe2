"""Benchmark: re-evaluating every vendor after a template change (``make bench-reevaluate``).

Fills a fresh SQLite database (in a temporary data dir, or ``--keep DIR`` to reuse one) with
50,000 vendors and about 150,000 certificates in one organization, from the demo generator (a mix
of compliant, expiring, expired, incomplete, awaiting-review and renewed vendors; renewals leave
superseded certificates behind, as a long-standing vendor base has), plus a carrier table. Then
it assigns a requirement template (general liability, auto, umbrella stacking, workers comp,
insurer rating, holder) to every vendor type, which is the change that makes every vendor need a
new evaluation, and times the background run exactly as the worker carries it out
(``EvaluationRun`` + ``execute_run``: load in chunks, evaluate with the engine, write in bulk,
progress after each chunk). It runs twice: the first run creates every evaluation (stored ones are
deleted first: the worst case), the second (after editing the template's expiring window)
rewrites those that changed. It prints vendors per second and PASS when each run
takes at most ``--target-s`` seconds.

    python bench/reevaluate.py                 # fill a temporary dir, measure, delete it
    python bench/reevaluate.py --keep /tmp/r   # fill once, reuse on later runs
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

SLUG = "bench-reevaluate"

TEMPLATE = {
    "name": "Contractor - standard",
    "expiring_within_days": 30,
    "named_insured_match": "normalized",
    "certificate_holder": {"name": "Harbor Point Properties LLC", "address": None,
                           "match": "normalized"},
    "insurer": {"min_rating": "A-", "min_financial_size": "VII", "allow_unrated": False},
    "umbrella_applies_to": ["general_liability.each_occurrence",
                            "general_liability.general_aggregate",
                            "automobile_liability.combined_single_limit",
                            "workers_compensation.el_each_accident"],
    "coverages": [
        {"coverage": "general_liability",
         "limits": {"each_occurrence": 1_000_000, "general_aggregate": 2_000_000,
                    "products_completed_operations_aggregate": 2_000_000},
         "additional_insured": True, "subrogation_waived": True,
         "primary_noncontributory": True, "occurrence_only": True},
        {"coverage": "automobile_liability", "limits": {"combined_single_limit": 1_000_000},
         "additional_insured": True},
        {"coverage": "umbrella_liability", "limits": {"each_occurrence": 2_000_000},
         "max_retention": 10_000},
        {"coverage": "workers_compensation", "statutory": True, "subrogation_waived": True,
         "limits": {"el_each_accident": 1_000_000}},
    ],
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", metavar="DIR", help="data dir to fill once and reuse")
    parser.add_argument("--vendors", type=int, default=50_000)
    parser.add_argument("--certificates", type=int, default=150_000)
    parser.add_argument("--target-s", type=float, default=60.0, help="target per run")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of run 1")
    return parser.parse_args(argv)


def configure(data_dir: Path) -> None:
    os.environ["COITRACK_DATA_DIR"] = str(data_dir)
    os.environ["COITRACK_DEBUG"] = "false"  # DEBUG keeps every query in memory
    os.environ["COITRACK_LOG_LEVEL"] = "WARNING"
    # The run is timed in this process, as the worker would run it; nothing is queued.
    os.environ["COITRACK_QUEUE_URL"] = "immediate"
    os.environ.pop("COITRACK_TESTING", None)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coitrack.settings")
    import django

    django.setup()


def fill(args: argparse.Namespace) -> None:
    from django.core.management import call_command

    from coitrack.accounts.models import Organization
    from coitrack.demo import names
    from coitrack.demo.data import UserData
    from coitrack.demo.generate import demo_projects, iter_vendors
    from coitrack.demo.load import create_catalog, create_users, load_vendors, refresh_summaries
    from coitrack.requirements.models import Carrier

    call_command("migrate", verbosity=0)
    if Organization.objects.filter(slug=SLUG).exists():
        print("Reusing the filled database.", flush=True)
        return
    print(f"Filling the database with {args.vendors:,} vendors (once per data dir) ...",
          flush=True)
    started = time.monotonic()
    today = dt.date.today()
    organization = Organization.objects.create(name="Harbor Point Properties", slug=SLUG,
                                               time_zone=names.ORGANIZATION_TIME_ZONE)
    users = create_users(organization=organization,
                         users=[UserData("bench-admin", "a@example.com", "A", "B", "admin")],
                         password=secrets.token_urlsafe(16))
    projects = demo_projects(today)
    catalog = create_catalog(organization=organization, users=users,
                             vendor_types=sorted(names.VENDOR_TYPES), tags=list(names.TAGS),
                             projects=projects)
    stream = iter_vendors(count=args.vendors, seed=7, today=today, owners=["bench-admin"],
                          projects=projects, target_certificates=args.certificates)
    load_vendors(stream, organization=organization, catalog=catalog, audit=False,
                 batch_size=2000)
    refresh_summaries(organization=organization)
    # A carrier table: the demo's insurers, most of them rated well enough.
    from coitrack.certificates.models import Insurer

    seen = {}
    for name, naic in (Insurer.objects.filter(certificate__organization=organization)
                       .values_list("name", "naic").distinct()):
        if naic and naic not in seen:
            seen[naic] = name
    ratings = ["A++", "A+", "A", "A-", "B+"]
    Carrier.objects.bulk_create([
        Carrier(organization=organization, name=name, naic=naic, name_key=name.lower(),
                am_best_rating=ratings[i % len(ratings)], financial_size="X")
        for i, (naic, name) in enumerate(sorted(seen.items()))
    ])
    print(f"  filled in {time.monotonic() - started:.0f} s", flush=True)


def describe() -> None:
    from coitrack.accounts.models import Organization
    from coitrack.certificates.models import Certificate, Policy
    from coitrack.vendors.models import Vendor

    organization = Organization.objects.get(slug=SLUG)
    vendors = Vendor.objects.filter(organization=organization).count()
    certificates = Certificate.objects.filter(organization=organization)
    accepted = certificates.filter(status="accepted").count()
    current = Policy.objects.filter(vendor__organization=organization, status="current",
                                    certificate__status="accepted").count()
    print(f"Data: {vendors:,} vendors, {certificates.count():,} certificates "
          f"({certificates.count() / vendors:.1f} per vendor; {accepted:,} accepted and "
          f"current, the rest superseded by renewals, awaiting review or rejected), "
          f"{current:,} current policies on accepted certificates.", flush=True)


def change_template(round_number: int):
    """Create (round 1) or edit (later rounds) the template and assign it to every vendor type;
    return the organization-wide run such a change queues."""
    from coitrack.accounts.models import Organization
    from coitrack.compliance.models import EvaluationRun
    from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
    from coitrack.vendors.models import VendorType

    organization = Organization.objects.get(slug=SLUG)
    data = {**TEMPLATE, "expiring_within_days": 30 + round_number}
    template, _ = RequirementTemplate.objects.update_or_create(
        organization=organization, name=TEMPLATE["name"], defaults={"data": data})
    for vendor_type in VendorType.objects.filter(organization=organization):
        TemplateAssignment.objects.get_or_create(organization=organization, template=template,
                                                 vendor_type=vendor_type)
    # The rows are written directly (no worker is running here); the run is the one
    # schedule_reevaluation(vendor_ids=None) queues, carried out below as the worker would.
    return EvaluationRun.objects.create(organization=organization,
                                        reason=f"template edited (round {round_number})")


class Phases:
    """Wall and CPU seconds spent in each phase of the run (loading, judging, writing)."""

    def __init__(self) -> None:
        from coitrack.compliance.services import evaluation

        self.totals: dict[str, list[float]] = {}
        for name, label in (("load_inputs", "load"), ("judge_vendor", "evaluate"),
                            ("_store", "write")):
            setattr(evaluation, name, self.wrap(getattr(evaluation, name), label))

    def wrap(self, function, label: str):
        totals = self.totals.setdefault(label, [0.0, 0.0])

        def timed(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                totals[0] += time.perf_counter() - wall
                totals[1] += time.process_time() - cpu

        return timed

    def report(self) -> str:
        text = ", ".join(f"{label} {wall:.1f} s (cpu {cpu:.1f})"
                         for label, (wall, cpu) in self.totals.items())
        for totals in self.totals.values():
            totals[:] = [0.0, 0.0]
        return text


def timed_run(run, *, profile: bool) -> tuple[float, float, int]:
    from django.db import connection

    from coitrack.compliance.models import EvaluationRun
    from coitrack.compliance.services.runs import execute_run

    started, cpu_started = time.perf_counter(), time.process_time()
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(execute_run, run_id=run.pk)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    else:
        execute_run(run_id=run.pk)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    run = EvaluationRun.objects.get(pk=run.pk)
    assert run.error == "" and run.done == run.total, (run.error, run.done, run.total)
    connection.close()
    return elapsed, cpu, run.total


def forget_evaluations() -> None:
    """Start from no stored evaluation, so run 1 writes every row (the worst case)."""
    from coitrack.compliance.models import EvaluationRun, OpenDeficiency, VendorEvaluation
    from coitrack.vendors.models import Vendor

    VendorEvaluation.objects.filter(organization__slug=SLUG).delete()
    OpenDeficiency.objects.filter(organization__slug=SLUG).delete()
    EvaluationRun.objects.filter(organization__slug=SLUG).delete()
    Vendor.objects.filter(organization__slug=SLUG).update(compliance_status="no_requirements")


def report_statuses() -> None:
    from django.db.models import Count

    from coitrack.vendors.models import Vendor

    counts = dict(Vendor.objects.filter(organization__slug=SLUG, merged_into__isnull=True)
                  .values_list("compliance_status").annotate(n=Count("id")))
    print("Statuses: " + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    data_dir = Path(args.keep).resolve() if args.keep else Path(
        tempfile.mkdtemp(prefix="coitrack-bench-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        configure(data_dir)
        fill(args)
        describe()
        forget_evaluations()
        ok = True
        phases = Phases()
        for round_number, label in ((1, "first evaluation"), (2, "after a template edit")):
            run = change_template(round_number)
            elapsed, cpu, total = timed_run(run, profile=args.profile and round_number == 1)
            passed = elapsed <= args.target_s
            ok = ok and passed
            print(f"Run {round_number} ({label}): {total:,} vendors in {elapsed:.1f} s = "
                  f"{total / elapsed:,.0f} vendors/s (process CPU {cpu:.1f} s)"
                  f"{'' if passed else '  <-- FAIL'}", flush=True)
            print(f"  phases: {phases.report()}", flush=True)
        report_statuses()
        if hasattr(os, "getloadavg"):
            print(f"Load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs.")
        print(f"{'PASS' if ok else 'FAIL'}: each re-evaluation of every vendor <= "
              f"{args.target_s:.0f} s (SQLite)")
        return 0 if ok else 1
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
