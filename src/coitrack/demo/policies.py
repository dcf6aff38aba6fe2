"""Coverage lines as they appear on an ACORD 25: limits, check boxes and policy numbers.

Limits are the ones most contracts ask for (1M/2M general liability, 1M CSL auto, an umbrella of a
few million, 1M/1M/1M employers' liability), with the variations a reviewer really meets.
"""

from __future__ import annotations

import datetime as dt
import random

from coitrack.demo.data import PolicyData

M = 1_000_000

# Per coverage: policy number prefixes a carrier might print.
NUMBER_PREFIXES = {
    "general_liability": ("CGL", "GL", "CPP", "BOP"),
    "automobile_liability": ("BA", "CA", "AUT"),
    "umbrella_liability": ("CUP", "UMB", "XS"),
    "workers_compensation": ("WC", "WCP", "WC-MD"),
    "other": ("PL", "EO", "PLL"),
}

AUTO_SYMBOL_SETS = (
    ["any_auto"],
    ["any_auto"],
    ["owned_autos_only", "hired_autos_only", "non_owned_autos_only"],
    ["scheduled_autos", "hired_autos_only", "non_owned_autos_only"],
    ["hired_autos_only", "non_owned_autos_only"],
)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later (Feb 29 becomes Feb 28), as policy terms run."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def policy_number_base(rng: random.Random, coverage: str) -> str:
    """A number a carrier keeps across renewals; :func:`policy_number` adds the term suffix."""
    prefix = rng.choice(NUMBER_PREFIXES[coverage])
    digits = f"{rng.randint(0, 9_999_999):07d}"
    if rng.random() < 0.3:
        digits = f"{rng.randint(1, 9)}{rng.choice('ABCDEFHK')}{digits[2:]}"
    return f"{prefix} {digits}"


def policy_number(base: str, term: int) -> str:
    return f"{base}-{term:02d}"


def general_liability(rng: random.Random) -> PolicyData:
    occurrence = 2 * M if rng.random() < 0.15 else M
    return PolicyData(
        coverage="general_liability", insurer_letter="", policy_number="",
        effective_date=None, expiration_date=None,
        additional_insured=rng.random() < 0.85,
        subrogation_waived=rng.random() < 0.7,
        claims_made=rng.random() < 0.05,
        aggregate_applies_per=rng.choice(("policy", "policy", "project", "location")),
        limits={
            "each_occurrence": occurrence,
            "damage_to_rented_premises": rng.choice((100_000, 300_000, 500_000)),
            "medical_expense": rng.choice((5_000, 10_000, 15_000)),
            "personal_advertising_injury": occurrence,
            "general_aggregate": 2 * occurrence,
            "products_completed_operations_aggregate": 2 * occurrence,
        },
    )


def automobile_liability(rng: random.Random) -> PolicyData:
    return PolicyData(
        coverage="automobile_liability", insurer_letter="", policy_number="",
        effective_date=None, expiration_date=None,
        additional_insured=rng.random() < 0.7,
        subrogation_waived=rng.random() < 0.6,
        auto_symbols=list(rng.choice(AUTO_SYMBOL_SETS)),
        limits={"combined_single_limit": M if rng.random() < 0.9 else 500_000},
    )


def umbrella_liability(rng: random.Random) -> PolicyData:
    amount = rng.choice((2 * M, 5 * M, 5 * M, 5 * M, 10 * M))
    return PolicyData(
        coverage="umbrella_liability", insurer_letter="", policy_number="",
        effective_date=None, expiration_date=None,
        additional_insured=rng.random() < 0.6,
        subrogation_waived=rng.random() < 0.5,
        claims_made=False,
        retention=rng.choice((0, 10_000, 10_000, 25_000)),
        limits={"each_occurrence": amount, "aggregate": amount},
    )


def workers_compensation(rng: random.Random) -> PolicyData:
    employers_liability = M if rng.random() < 0.85 else 500_000
    return PolicyData(
        coverage="workers_compensation", insurer_letter="", policy_number="",
        effective_date=None, expiration_date=None,
        subrogation_waived=rng.random() < 0.7,
        statutory=True,
        excluded_officers=rng.random() < 0.1,
        limits={
            "el_each_accident": employers_liability,
            "el_disease_each_employee": employers_liability,
            "el_disease_policy_limit": employers_liability,
        },
    )


def write_in(rng: random.Random, description: str) -> PolicyData:
    each_claim = rng.choice((M, M, 2 * M))
    return PolicyData(
        coverage="other", description=description, insurer_letter="", policy_number="",
        effective_date=None, expiration_date=None,
        claims_made="Professional" in description,
        limits={"each_claim": each_claim, "aggregate": 2 * each_claim},
    )


LINES = {
    "general_liability": general_liability,
    "automobile_liability": automobile_liability,
    "umbrella_liability": umbrella_liability,
    "workers_compensation": workers_compensation,
}
