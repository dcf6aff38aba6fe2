"""Template JSON used across the tests: the documented example and small variations."""

from __future__ import annotations

import copy

# requirements-format.md's example, verbatim.
DOCUMENTED = {
    "name": "Roofing contractor - high risk",
    "expiring_within_days": 30,
    "named_insured_match": "normalized",
    "certificate_holder": {"name": "Harbor Point Properties LLC", "address": None,
                           "match": "normalized"},
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
         "additional_insured": True, "subrogation_waived": True,
         "primary_noncontributory": True, "occurrence_only": True,
         "aggregate_per_project": False},
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


def documented(**changes) -> dict:
    data = copy.deepcopy(DOCUMENTED)
    data.update(changes)
    return data


def simple(name: str = "Standard vendor", gl: int = 1_000_000) -> dict:
    return {"name": name, "coverages": [
        {"coverage": "general_liability", "limits": {"each_occurrence": gl}},
    ]}
