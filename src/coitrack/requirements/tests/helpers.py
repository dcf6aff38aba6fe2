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


def form_post(data: dict, *, extra_rows: int = 1) -> dict:
    """What a person fills in on the template form to describe ``data`` (as the browser posts)."""
    holder = data.get("certificate_holder") or {}
    insurer = data.get("insurer")
    work = data.get("work_period") or {}
    post = {
        "name": data["name"],
        "expiring_within_days": str(data.get("expiring_within_days") or ""),
        "named_insured_match": data.get("named_insured_match") or "normalized",
        "holder_name": holder.get("name") or "",
        "holder_address": holder.get("address") or "",
        "holder_match": holder.get("match") or "normalized",
        "insurer_min_rating": (insurer or {}).get("min_rating") or "",
        "insurer_min_financial_size": (insurer or {}).get("min_financial_size") or "",
        "work_start": work.get("start") or "",
        "work_end": work.get("end") or "",
        "umbrella_applies_to": list(data.get("umbrella_applies_to") or []),
    }
    if insurer is not None:
        post["insurer_checked"] = "on"
    if (insurer or {}).get("allow_unrated"):
        post["insurer_allow_unrated"] = "on"
    coverages = data["coverages"]
    post.update({
        "coverages-TOTAL_FORMS": str(len(coverages) + extra_rows),
        "coverages-INITIAL_FORMS": "0",
        "coverages-MIN_NUM_FORMS": "0",
        "coverages-MAX_NUM_FORMS": "1000",
    })
    for i, entry in enumerate(coverages):
        p = f"coverages-{i}-"
        post[p + "coverage"] = entry["coverage"]
        post[p + "description"] = entry.get("description") or ""
        for key, value in (entry.get("limits") or {}).items():
            post[p + f"limit_{key}"] = f"${value:,}"
        for flag in ("additional_insured", "subrogation_waived", "primary_noncontributory",
                     "occurrence_only", "aggregate_per_project", "statutory"):
            if entry.get(flag):
                post[p + flag] = "on"
        if entry.get("max_retention") is not None:
            post[p + "max_retention"] = str(entry["max_retention"])
    for i in range(len(coverages), len(coverages) + extra_rows):
        post[f"coverages-{i}-coverage"] = ""
    return post


def without_false_flags(data: dict) -> dict:
    """The documented JSON as the form writes it: a flag that is false is simply left out."""
    data = copy.deepcopy(data)
    for entry in data["coverages"]:
        for key in [k for k, v in entry.items() if v is False]:
            del entry[key]
    return data
