"""The certificate data contract (../shared/guide/certificate-schema.md) as Python constants.

No Django here: the reader, the rules engine, the models and the API all import these names, so
the vocabulary of coverages and limit keys is written down exactly once.
"""

from __future__ import annotations

COVERAGES: dict[str, str] = {
    "general_liability": "Commercial general liability",
    "automobile_liability": "Automobile liability",
    "umbrella_liability": "Umbrella liability",
    "excess_liability": "Excess liability",
    "workers_compensation": "Workers compensation and employers' liability",
    "other": "Other",
}

LIMIT_KEYS: dict[str, dict[str, str]] = {
    "general_liability": {
        "each_occurrence": "Each occurrence",
        "damage_to_rented_premises": "Damage to rented premises",
        "medical_expense": "Medical expense (any one person)",
        "personal_advertising_injury": "Personal & advertising injury",
        "general_aggregate": "General aggregate",
        "products_completed_operations_aggregate": "Products - completed operations aggregate",
    },
    "automobile_liability": {
        "combined_single_limit": "Combined single limit",
        "bodily_injury_per_person": "Bodily injury (per person)",
        "bodily_injury_per_accident": "Bodily injury (per accident)",
        "property_damage_per_accident": "Property damage (per accident)",
    },
    "umbrella_liability": {"each_occurrence": "Each occurrence", "aggregate": "Aggregate"},
    "excess_liability": {"each_occurrence": "Each occurrence", "aggregate": "Aggregate"},
    "workers_compensation": {
        "el_each_accident": "E.L. each accident",
        "el_disease_each_employee": "E.L. disease - each employee",
        "el_disease_policy_limit": "E.L. disease - policy limit",
    },
    "other": {"each_claim": "Each claim", "aggregate": "Aggregate"},
}

ALL_LIMIT_KEYS: dict[str, str] = {
    key: label for keys in LIMIT_KEYS.values() for key, label in keys.items()
}

AUTO_SYMBOLS: dict[str, str] = {
    "any_auto": "Any auto",
    "owned_autos_only": "Owned autos only",
    "hired_autos_only": "Hired autos only",
    "scheduled_autos": "Scheduled autos",
    "non_owned_autos_only": "Non-owned autos only",
}

AGGREGATE_APPLIES_PER: dict[str, str] = {
    "policy": "Policy",
    "project": "Project",
    "location": "Location",
    "other": "Other",
}

INSURER_LETTERS = ("A", "B", "C", "D", "E", "F")

FORMS = ("acord25", "generic")


def limit_label(coverage: str, key: str) -> str:
    return LIMIT_KEYS.get(coverage, {}).get(key) or ALL_LIMIT_KEYS.get(key, key)


def join_address(*parts: str) -> str:
    """``LINE1, LINE2, CITY, ST ZIP`` with empty parts left out, as the schema wants."""
    return ", ".join(p.strip() for p in parts if p and p.strip())
