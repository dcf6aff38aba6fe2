"""Requirement templates through the API, in the documented JSON."""

from __future__ import annotations

import json

from coitrack.api.tests.helpers import assert_error
from coitrack.requirements.models import RequirementTemplate

# The example of requirements-format.md, key order included.
DOCUMENTED = json.loads("""{
  "name": "Roofing contractor - high risk",
  "expiring_within_days": 30,
  "named_insured_match": "normalized",
  "certificate_holder": {"name": "Harbor Point Properties LLC", "address": null,
                         "match": "normalized"},
  "insurer": {"min_rating": "A-", "min_financial_size": "VII", "allow_unrated": false},
  "work_period": {"start": "2026-03-01", "end": "2026-11-30"},
  "umbrella_applies_to": ["general_liability.each_occurrence",
                          "general_liability.general_aggregate",
                          "automobile_liability.combined_single_limit",
                          "workers_compensation.el_each_accident"],
  "coverages": [
    {"coverage": "general_liability",
     "limits": {"each_occurrence": 1000000, "general_aggregate": 2000000,
                "products_completed_operations_aggregate": 2000000},
     "additional_insured": true, "subrogation_waived": true, "primary_noncontributory": true,
     "occurrence_only": true, "aggregate_per_project": false},
    {"coverage": "automobile_liability", "limits": {"combined_single_limit": 1000000},
     "additional_insured": true},
    {"coverage": "umbrella_liability", "limits": {"each_occurrence": 5000000},
     "max_retention": 10000},
    {"coverage": "workers_compensation", "statutory": true, "subrogation_waived": true,
     "limits": {"el_each_accident": 1000000, "el_disease_each_employee": 1000000,
                "el_disease_policy_limit": 1000000}},
    {"coverage": "other", "description": "Professional Liability",
     "limits": {"each_claim": 1000000}}
  ]
}""")


def test_round_trip_gives_back_the_documented_json_exactly(api):
    created = api.post("/templates", DOCUMENTED)
    assert created.status_code == 201, created.content
    template_id = created.json()["id"]
    read = json.loads(api.get(f"/templates/{template_id}").content)["template"]
    assert json.dumps(read) == json.dumps(DOCUMENTED)  # same keys, values and order


def test_the_rules_engine_decides_validity(api):
    bad = {"name": "Bad", "coverages": [{"coverage": "general_liability",
                                         "limits": {"each_occurence": 1}}]}
    error = assert_error(api.post("/templates", bad), 422, "validation_error")
    assert "each_occurence" in error["message"]
    assert not RequirementTemplate.objects.exists()


def test_a_taken_name_is_a_conflict(api):
    api.post("/templates", {"name": "Basic", "coverages": []})
    assert_error(api.post("/templates", {"name": "basic", "coverages": []}), 409, "conflict")


def test_put_replaces_the_json(api):
    template_id = api.post("/templates", {"name": "Basic", "coverages": []}).json()["id"]
    new = {"name": "Basic v2", "coverages": [{"coverage": "general_liability",
                                              "limits": {"each_occurrence": 2000000}}]}
    replaced = api.put(f"/templates/{template_id}", new)
    assert replaced.status_code == 200
    assert replaced.json()["template"] == new
    assert api.get("/templates").json()["items"][0]["name"] == "Basic v2"


def test_delete_removes_the_template(api):
    template_id = api.post("/templates", {"name": "Gone", "coverages": []}).json()["id"]
    assert api.delete(f"/templates/{template_id}").status_code == 204
    assert_error(api.get(f"/templates/{template_id}"), 404, "not_found")
