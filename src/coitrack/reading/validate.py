"""Checks on a reader's output: the schema's shape (a reader bug if it fails) and consistency
warnings a reviewer should see (the compliance engine makes its own, deeper checks)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from coitrack.schema import COVERAGES, LIMIT_KEYS

TOP_KEYS = {
    "form",
    "edition",
    "certificate_date",
    "certificate_number",
    "revision_number",
    "producer",
    "insured",
    "insurers",
    "policies",
    "description_of_operations",
    "certificate_holder",
}
POLICY_KEYS = {
    "coverage",
    "description",
    "insurer_letter",
    "policy_number",
    "effective_date",
    "expiration_date",
    "additional_insured",
    "subrogation_waived",
    "claims_made",
    "aggregate_applies_per",
    "auto_symbols",
    "retention",
    "statutory",
    "excluded_officers",
    "limits",
}


def shape_problems(data: dict[str, Any]) -> list[str]:
    """What in ``data`` breaks the schema contract; empty when it holds."""
    problems = []
    if set(data) != TOP_KEYS:
        problems.append(f"top-level keys {sorted(set(data) ^ TOP_KEYS)} differ")
    for index, policy in enumerate(data.get("policies", [])):
        if set(policy) != POLICY_KEYS:
            problems.append(f"policies[{index}] keys {sorted(set(policy) ^ POLICY_KEYS)} differ")
            continue
        coverage = policy["coverage"]
        if coverage not in COVERAGES:
            problems.append(f"policies[{index}].coverage {coverage!r} unknown")
            continue
        for key, amount in policy["limits"].items():
            if key not in LIMIT_KEYS[coverage]:
                problems.append(f"policies[{index}].limits.{key} not a {coverage} limit")
            if not isinstance(amount, int) or isinstance(amount, bool):
                problems.append(f"policies[{index}].limits.{key} is not an integer")
        for key in ("effective_date", "expiration_date"):
            value = policy[key]
            if value is not None:
                try:
                    dt.date.fromisoformat(value)
                except (TypeError, ValueError):
                    problems.append(f"policies[{index}].{key} {value!r} is not an ISO date")
    return problems


def consistency_warnings(data: dict[str, Any]) -> list[str]:
    """Contradictions printed on the certificate itself, for the reviewer."""
    warnings = []
    letters = {insurer["letter"] for insurer in data["insurers"]}
    for policy in data["policies"]:
        label = COVERAGES.get(policy["coverage"], "Policy")
        effective, expiration = policy["effective_date"], policy["expiration_date"]
        if effective and expiration and expiration <= effective:
            warnings.append(f"{label}: expiration date is not after the effective date")
        letter = policy["insurer_letter"]
        if letter and letter not in letters:
            warnings.append(f"{label}: insurer {letter} is not listed among the insurers")
        limits = policy["limits"]
        for each, aggregate in (
            ("each_occurrence", "general_aggregate"),
            ("each_occurrence", "aggregate"),
            ("each_claim", "aggregate"),
        ):
            if each in limits and aggregate in limits and limits[each] > limits[aggregate]:
                warnings.append(f"{label}: {each.replace('_', ' ')} is above the aggregate")
    return warnings
