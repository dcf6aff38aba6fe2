"""Benchmark: exporting 50,000 vendors as CSV and XLSX (``make bench-export``).

Fills a fresh SQLite data dir (temporary, or ``--keep DIR`` to reuse) with ``--vendors`` vendors
of one organization, each with a stored evaluation holding two deficiencies (the JSON the export
reads per row), some names starting with ``=`` (escaped on the way out), inserted with
``bulk_create`` in a separate process so this one starts clean. Then it downloads the vendor
export as CSV and as XLSX through Django's test client, reading the streamed body chunk by
chunk as a browser would, and prints rows, bytes, time and the increase of this process's peak
resident memory (``ru_maxrss``) over what it was before the download, with PASS when each
increase is under ``--target-mb`` (200 MB).

    python bench/export_vendors.py                 # 50,000 vendors, target 200 MB
    python bench/export_vendors.py --keep /tmp/e   # fill once, reuse on later runs
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vendor_list  # configure(): settings for a bench data dir

SLUG = "bench-export"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", metavar="DIR", help="data dir to fill once and reuse")
    parser.add_argument("--vendors", type=int, default=50_000)
    parser.add_argument("--target-mb", type=float, default=200.0)
    parser.add_argument("--fill-only", metavar="DIR", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def fill(count: int) -> None:
    from django.core.management import call_command

    from coitrack.accounts.models import Membership, Organization, Role
    from coitrack.compliance.models import VendorEvaluation
    from coitrack.testing import factories
    from coitrack.vendors.models import Vendor, VendorType

    call_command("migrate", verbosity=0)
    if Organization.objects.filter(slug=SLUG).exists():
        return
    started = time.monotonic()
    organization = Organization.objects.create(name="Bench Exports", slug=SLUG)
    user = factories.user("bench-export-admin")
    Membership.objects.create(user=user, organization=organization, role=Role.ADMIN)
    types = [VendorType.objects.create(organization=organization, name=name)
             for name in ("Contractor", "Cleaning", "Catering", "Security")]
    statuses = ["compliant", "non_compliant", "expiring", "expired", "missing"]
    today = dt.date.today()
    now = dt.datetime.now(dt.UTC)
    deficiencies = [
        {"code": "LIMIT_BELOW_MINIMUM", "severity": "fail", "coverage": "general_liability",
         "limit": "each_occurrence", "template": "Standard", "template_id": 1,
         "message": "General liability each occurrence $500,000 is below the required "
                    "$1,000,000."},
        {"code": "ADDITIONAL_INSURED_MISSING", "severity": "fail",
         "coverage": "general_liability", "template": "Standard", "template_id": 1,
         "message": "General liability: additional insured is not marked."}]
    batch = 2000
    for start in range(0, count, batch):
        vendors = Vendor.objects.bulk_create([
            Vendor(organization=organization,
                   legal_name=(f'=HYPERLINK("http://x.test","Vendor {i}")' if i % 1000 == 0
                               else f"Vendor {i:06d} Services LLC"),
                   dba=f"V{i}" if i % 3 == 0 else "", vendor_type=types[i % len(types)],
                   city="Springfield", state="IL", tax_id=f"{i:02d}-{i:07d}"[:20],
                   compliance_status=statuses[i % len(statuses)], certificate_count=i % 4,
                   next_expiration=today + dt.timedelta(days=i % 400 - 30))
            for i in range(start, min(start + batch, count))])
        VendorEvaluation.objects.bulk_create([
            VendorEvaluation(vendor=v, organization=organization, status=v.compliance_status,
                             as_of=today, evaluated_at=now,
                             deficiencies=deficiencies if v.compliance_status == "non_compliant"
                             else [])
            for v in vendors])
    print(f"  filled {count:,} vendors in {time.monotonic() - started:.0f} s", flush=True)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def download(client, url: str) -> tuple[int, int, float, float]:
    """(chunks, bytes, seconds, peak RSS increase in MB) of one streamed download."""
    before = peak_mb()
    started = time.monotonic()
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    chunks = size = 0
    for chunk in response.streaming_content:  # consumed as a server would: never joined
        chunks += 1
        size += len(chunk)
    response.close()
    return chunks, size, time.monotonic() - started, peak_mb() - before


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.fill_only:
        vendor_list.configure(Path(args.fill_only), None)
        fill(args.vendors)
        return 0
    data_dir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="coitrack-exp-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        print(f"Filling {data_dir} in a separate process ...", flush=True)
        subprocess.run([sys.executable, __file__, "--fill-only", str(data_dir),
                        "--vendors", str(args.vendors)], check=True)
        vendor_list.configure(data_dir, None)
        from django.contrib.auth import get_user_model
        from django.test import Client

        from coitrack.vendors.models import Vendor

        client = Client()
        client.force_login(get_user_model().objects.get(username="bench-export-admin"))
        rows = Vendor.objects.filter(organization__slug=SLUG).count()
        client.get("/exports/vendors.csv?q=nothing-matches")  # warm up imports and templates
        ok = True
        print(f"Vendor export of {rows:,} vendors (status=all), peak RSS before: "
              f"{peak_mb():.0f} MB")
        for fmt in ("csv", "xlsx"):
            chunks, size, seconds, grew = download(client, f"/exports/vendors.{fmt}?status=all")
            passed = grew < args.target_mb
            ok &= passed
            print(f"  {fmt.upper():4} {size / 1e6:7.1f} MB in {chunks:4} chunks  "
                  f"{seconds:6.1f} s  peak RSS +{grew:6.1f} MB  "
                  f"{'PASS' if passed else 'FAIL'} (target < {args.target_mb:.0f} MB)",
                  flush=True)
        print("PASS" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coitrack.settings")
    sys.exit(main())
