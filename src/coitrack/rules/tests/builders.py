"""Small builders of templates and certificate dicts, so each test states only what matters.

Defaults describe a vendor that is compliant on ``AS_OF`` with ``template()``'s defaults: policies
run 2026-01-01 -> 2027-01-01 with insurer A (Zurich, in ``CARRIERS`` as A+ XV).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from coitrack.rules.carriers import parse_carriers_csv

AS_OF = dt.date(2026, 6, 1)
VENDOR = "Acme Roofing LLC"
HOLDER = "Harbor Point Properties LLC"

CARRIERS = parse_carriers_csv(
    "name,naic,am_best_rating,financial_size\n"
    "Zurich American Insurance Company,16535,A+,XV\n"
    "Weak Mutual Insurance Company,11111,B+,VIII\n"
    "Small Strong Insurance Company,22222,A,V\n"
    "Unrated Casualty Company,33333,,\n"
    "Mystery Indemnity Company,44444,NR,X\n"
)

DEFAULT_LIMITS: dict[str, dict[str, int]] = {
    "general_liability": {"each_occurrence": 1_000_000, "general_aggregate": 2_000_000},
    "automobile_liability": {"combined_single_limit": 1_000_000},
    "umbrella_liability": {"each_occurrence": 5_000_000, "aggregate": 5_000_000},
    "excess_liability": {"each_occurrence": 5_000_000, "aggregate": 5_000_000},
    "workers_compensation": {
        "el_each_accident": 1_000_000,
        "el_disease_each_employee": 1_000_000,
        "el_disease_policy_limit": 1_000_000,
    },
    "other": {"each_claim": 1_000_000, "aggregate": 2_000_000},
}


def policy(coverage: str = "general_liability", **fields: Any) -> dict[str, Any]:
    data = {
        "coverage": coverage,
        "description": "Professional Liability" if coverage == "other" else None,
        "insurer_letter": "A",
        "policy_number": f"{coverage[:2].upper()}-1",
        "effective_date": "2026-01-01",
        "expiration_date": "2027-01-01",
        "additional_insured": True,
        "subrogation_waived": True,
        "claims_made": False if coverage in ("general_liability", "umbrella_liability") else None,
        "aggregate_applies_per": "project" if coverage == "general_liability" else None,
        "auto_symbols": [],
        "retention": None,
        "statutory": True if coverage == "workers_compensation" else None,
        "excluded_officers": None,
        "limits": dict(DEFAULT_LIMITS[coverage]),
    }
    data.update(fields)
    return data


def certificate(
    *policies: dict[str, Any],
    insured: str = VENDOR,
    holder: str = HOLDER,
    holder_address: str = "100 Harbor Way, Portland, OR 97201",
    description: str = "Primary and non-contributory. Per project aggregate applies.",
    insurers: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "form": "acord25",
        "edition": "2016/03",
        "certificate_date": "2026-01-02",
        "certificate_number": None,
        "revision_number": None,
        "producer": {"name": "Agency", "address": "", "contact_name": "", "phone": "",
                     "fax": "", "email": ""},
        "insured": {"name": insured, "address": "1 Main St, Portland, OR 97201"},
        "insurers": insurers if insurers is not None else [
            {"letter": "A", "name": "Zurich American Insurance Company", "naic": "16535"}
        ],
        "policies": list(policies) if policies else [policy()],
        "description_of_operations": description,
        "certificate_holder": {"name": holder, "address": holder_address},
    }


def requirement(coverage: str = "general_liability", **fields: Any) -> dict[str, Any]:
    return {"coverage": coverage, **fields}


def template(*coverages: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "name": "Test template",
        "coverages": list(coverages) if coverages else [requirement()],
        **fields,
    }


def found(evaluation: dict[str, Any]) -> set[tuple[str, str | None, str | None]]:
    """The deficiencies as (code, coverage, limit) triples."""
    return {(d["code"], d["coverage"], d["limit"]) for d in evaluation["deficiencies"]}


def codes(evaluation: dict[str, Any]) -> list[str]:
    return [d["code"] for d in evaluation["deficiencies"]]


def the(evaluation: dict[str, Any], code: str) -> dict[str, Any]:
    """The one deficiency with this code (fails if there are none or several)."""
    matches = [d for d in evaluation["deficiencies"] if d["code"] == code]
    assert len(matches) == 1, evaluation["deficiencies"]
    return matches[0]


@dataclass
class Scenario:
    """One row of the scenario tables: inputs, and the status and (code, coverage, limit) set."""

    template: dict[str, Any]
    certificates: list[dict[str, Any]]
    status: str
    deficiencies: set[tuple[str, str | None, str | None]] = field(default_factory=set)
    as_of: dt.date = AS_OF
    options: dict[str, Any] = field(default_factory=dict)


def run_scenario(scenario: Scenario) -> None:
    from coitrack.rules import evaluate

    result = evaluate(scenario.template, scenario.certificates, as_of=scenario.as_of,
                      **scenario.options)
    assert (result["status"], found(result)) == (scenario.status, scenario.deficiencies)
