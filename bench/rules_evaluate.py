"""Benchmark of the compliance engine alone: vendors evaluated per second on one core.

    .venv/bin/python bench/rules_evaluate.py [--vendors 50000]

Each of the 50,000 vendors is distinct (its own name, dates, limits, insurers, check marks,
wording) and has 3 certificates (last year's, the current one, and one with its umbrella/excess
and professional liability policies: 8 policies in all). Each is evaluated in-process against the
guide's "roofing contractor" template (5 requirements, stacking, insurer ratings, holder and
named-insured checks) with a carrier table. Vendors are generated in batches of 1,000 and only the
``evaluate`` calls are timed (wall and CPU), so generation does not count and memory stays small.
The template is parsed once, as the app does per template.

Context: the app must re-evaluate 50,000 vendors in <= 60 s including database work, so the pure
engine should do well over 5,000 vendors/s.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import random
import time

from coitrack.rules import evaluate, parse_requirements
from coitrack.rules.carriers import parse_carriers_csv

TEMPLATE = {
    "name": "Roofing contractor - high risk",
    "expiring_within_days": 30,
    "named_insured_match": "normalized",
    "certificate_holder": {"name": "Harbor Point Properties LLC", "address": None},
    "insurer": {"min_rating": "A-", "min_financial_size": "VII", "allow_unrated": False},
    "work_period": {"start": "2026-03-01", "end": "2026-11-30"},
    "umbrella_applies_to": ["general_liability.each_occurrence",
                            "general_liability.general_aggregate",
                            "automobile_liability.combined_single_limit",
                            "workers_compensation.el_each_accident"],
    "coverages": [
        {"coverage": "general_liability",
         "limits": {"each_occurrence": 1000000, "general_aggregate": 2000000,
                    "products_completed_operations_aggregate": 2000000},
         "additional_insured": True, "subrogation_waived": True, "primary_noncontributory": True,
         "occurrence_only": True},
        {"coverage": "automobile_liability", "limits": {"combined_single_limit": 1000000},
         "additional_insured": True},
        {"coverage": "umbrella_liability", "limits": {"each_occurrence": 5000000},
         "max_retention": 10000},
        {"coverage": "workers_compensation", "statutory": True, "subrogation_waived": True,
         "limits": {"el_each_accident": 1000000, "el_disease_each_employee": 1000000,
                    "el_disease_policy_limit": 1000000}},
        {"coverage": "other", "description": "Professional Liability",
         "limits": {"each_claim": 1000000}},
    ],
}

CARRIERS = (
    "name,naic,am_best_rating,financial_size\n"
    "Zurich American Insurance Company,16535,A+,XV\n"
    "Travelers Casualty and Surety Company,31194,A++,XV\n"
    "Hartford Fire Insurance Company,19682,A+,XV\n"
    "Regional Mutual Insurance Company,11111,B+,VI\n"
    "Unrated Casualty Company,33333,,\n"
)
INSURERS = [("Zurich American Insurance Company", "16535"),
            ("Travelers Casualty and Surety Company", "31194"),
            ("Hartford Fire Insurance Company", "19682"),
            ("Regional Mutual Insurance Company", "11111"),
            ("Unrated Casualty Company", "33333")]
AS_OF = dt.date(2026, 6, 1)
BATCH = 1_000


def _policy(rng: random.Random, coverage: str, start: dt.date, limits: dict, **extra) -> dict:
    return {
        "coverage": coverage, "description": None,
        "insurer_letter": "A" if rng.random() > 0.05 else "B",
        "policy_number": f"{coverage[:2].upper()} {rng.randrange(10**6):06d}",
        "effective_date": start.isoformat(),
        "expiration_date": start.replace(year=start.year + 1).isoformat(),
        "additional_insured": rng.random() > 0.02, "subrogation_waived": rng.random() > 0.02,
        "claims_made": False, "aggregate_applies_per": "policy", "auto_symbols": ["any_auto"],
        "retention": None, "statutory": None, "excluded_officers": None, "limits": limits,
        **extra,
    }


def _certificate(rng: random.Random, name: str, policies: list[dict]) -> dict:
    job = f"Re: {name} roofing at {rng.randrange(1, 9999)} Harbor Way, job {rng.randrange(10**6)}."
    insurers = [rng.choice(INSURERS[:3]), rng.choice(INSURERS)]
    return {
        "form": "acord25", "edition": "2016/03", "certificate_date": "2026-01-02",
        "certificate_number": None, "revision_number": None,
        "producer": {"name": "Agency", "address": "", "contact_name": "", "phone": "",
                     "fax": "", "email": ""},
        "insured": {"name": name, "address": "1 Main St, Portland, OR 97201"},
        "insurers": [{"letter": letter, "name": n, "naic": naic}
                     for letter, (n, naic) in zip("AB", insurers, strict=True)],
        "policies": policies,
        "description_of_operations": job + rng.choices([
            " Certificate holder is additional insured. Coverage is primary and non-contributory.",
            "",
        ], weights=[19, 1])[0],
        "certificate_holder": {"name": rng.choices(["Harbor Point Properties, LLC",
                                                    "Harbor Point Properties LLC", "Someone"],
                                                   weights=[10, 9, 1])[0],
                               "address": "100 Harbor Way, Portland, OR 97201"},
    }


def vendor(rng: random.Random, i: int) -> tuple[str, list[dict]]:
    name = f"Vendor {i} Roofing, Inc."
    start = AS_OF - dt.timedelta(days=rng.randrange(0, 380))
    old_start = start.replace(year=start.year - 1)
    occurrence = rng.choices([500_000, 1_000_000, 2_000_000], weights=[1, 10, 9])[0]

    def main_policies(begin: dt.date) -> list[dict]:
        return [
            _policy(rng, "general_liability", begin,
                    {"each_occurrence": occurrence, "general_aggregate": 2 * occurrence,
                     "products_completed_operations_aggregate": 2 * occurrence,
                     "damage_to_rented_premises": 100_000, "medical_expense": 5_000,
                     "personal_advertising_injury": occurrence}),
            _policy(rng, "automobile_liability", begin, {"combined_single_limit": 1_000_000}),
            _policy(rng, "workers_compensation", begin,
                    {"el_each_accident": 1_000_000, "el_disease_each_employee": 1_000_000,
                     "el_disease_policy_limit": 1_000_000}, statutory=rng.random() > 0.05),
        ]

    umbrella = _policy(rng, rng.choice(["umbrella_liability", "excess_liability"]), start,
                       {"each_occurrence": rng.choices([4_000_000, 5_000_000], weights=[1, 19])[0],
                        "aggregate": 5_000_000},
                       retention=rng.choices([0, 10_000, 25_000], weights=[10, 9, 1])[0])
    professional = _policy(rng, "other", start, {"each_claim": 1_000_000, "aggregate": 2_000_000},
                           description="Professional Liability")
    return name, [
        _certificate(rng, name, main_policies(old_start)),
        _certificate(rng, name, main_policies(start)),
        _certificate(rng, name, [umbrella, professional]),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vendors", type=int, default=50_000)
    args = parser.parse_args()

    rng = random.Random(20260601)
    requirements = parse_requirements(TEMPLATE)
    carriers = parse_carriers_csv(CARRIERS)

    statuses: collections.Counter[str] = collections.Counter()
    wall = cpu = 0.0
    done = 0
    while done < args.vendors:
        # Generate a batch (not timed), then time evaluating it as a whole.
        batch = [vendor(rng, i) for i in range(done, min(done + BATCH, args.vendors))]
        wall_started, cpu_started = time.perf_counter(), time.process_time()
        for name, certificates in batch:
            result = evaluate(requirements, certificates, as_of=AS_OF, carriers=carriers,
                              vendor_name=name.replace(", Inc.", " LLC"))
            statuses[result["status"]] += 1
        cpu += time.process_time() - cpu_started
        wall += time.perf_counter() - wall_started
        done += len(batch)

    print(f"{args.vendors:,} vendors x 3 certificates evaluated in {wall:.2f} s wall, "
          f"{cpu:.2f} s CPU: {args.vendors / wall:,.0f} vendors/s wall, "
          f"{args.vendors / cpu:,.0f} vendors/s CPU")
    print("statuses:", dict(sorted(statuses.items())))


if __name__ == "__main__":
    main()
