"""Mapping between the certificate schema's JSON and the models."""

import copy
import json

import pytest

from coitrack.audit.models import Event
from coitrack.certificates.models import CertificateStatus
from coitrack.certificates.schema_io import SchemaError, apply_schema, certificate_to_schema
from coitrack.testing import factories

SAMPLE = {
    "form": "acord25",
    "edition": "2016/03",
    "certificate_date": "2026-03-14",
    "certificate_number": None,
    "revision_number": "2",
    "producer": {"name": "Lakeside Insurance Agency", "address": "1 Main St, Albany, NY 12207",
                 "contact_name": "Dana Broker", "phone": "518-555-0100", "fax": "",
                 "email": "dana@lakeside.example"},
    "insured": {"name": "Summit Roofing LLC", "address": "9 Hill Rd, Troy, NY 12180"},
    "insurers": [{"letter": "A", "name": "Zurich American Insurance Company", "naic": "16535"},
                 {"letter": "B", "name": "Hartford Fire Insurance Co", "naic": None}],
    "policies": [
        {"coverage": "general_liability", "description": None, "insurer_letter": "A",
         "policy_number": "GL 6D04521A", "effective_date": "2026-01-01",
         "expiration_date": "2027-01-01", "additional_insured": True,
         "subrogation_waived": False, "claims_made": False, "aggregate_applies_per": "policy",
         "auto_symbols": [], "retention": None, "statutory": None, "excluded_officers": None,
         "limits": {"each_occurrence": 1000000, "general_aggregate": 2000000}},
        {"coverage": "automobile_liability", "description": None, "insurer_letter": "B",
         "policy_number": None, "effective_date": "2026-01-01", "expiration_date": None,
         "additional_insured": None, "subrogation_waived": None, "claims_made": None,
         "aggregate_applies_per": None, "auto_symbols": ["any_auto"], "retention": None,
         "statutory": None, "excluded_officers": None,
         "limits": {"combined_single_limit": 1000000}},
        {"coverage": "other", "description": "Professional Liability", "insurer_letter": "A",
         "policy_number": "PL-9", "effective_date": "2026-01-01",
         "expiration_date": "2027-01-01", "additional_insured": False,
         "subrogation_waived": False, "claims_made": True, "aggregate_applies_per": None,
         "auto_symbols": [], "retention": None, "statutory": None, "excluded_officers": None,
         "limits": {"each_claim": 2000000, "aggregate": 4000000}},
    ],
    "description_of_operations": "Roof repairs at 2 Harbor Way.",
    "certificate_holder": {"name": "Harbor Point Properties",
                           "address": "2 Harbor Way, Albany, NY 12207"},
}


@pytest.fixture
def cert(vendor):
    return factories.certificate(vendor, status=CertificateStatus.PROCESSING)


def test_a_schema_dict_round_trips_through_the_models(cert):
    apply_schema(certificate=cert, data=copy.deepcopy(SAMPLE), actor="system")
    assert certificate_to_schema(cert) == SAMPLE


def test_the_output_has_exactly_the_schema_keys_and_is_json(cert):
    data = certificate_to_schema(cert)
    assert list(data) == list(SAMPLE)
    assert list(data["policies"][0]) == list(SAMPLE["policies"][0])
    assert json.loads(json.dumps(data)) == data
    assert data["certificate_date"] == "2026-01-05"
    assert data["policies"][0]["limits"] == {"each_occurrence": 1_000_000}


def test_applying_replaces_insurers_policies_and_limits(cert):
    smaller = copy.deepcopy(SAMPLE)
    smaller["insurers"] = smaller["insurers"][1:]
    smaller["policies"] = smaller["policies"][1:2]
    smaller["policies"][0]["insurer_letter"] = "B"
    apply_schema(certificate=cert, data=smaller, actor="system")
    assert [i.letter for i in cert.insurers.all()] == ["B"]
    assert [p.coverage for p in cert.policies.all()] == ["automobile_liability"]
    assert certificate_to_schema(cert)["policies"] == smaller["policies"]


def test_applying_records_audit_events_by_the_given_actor(cert):
    apply_schema(certificate=cert, data=copy.deepcopy(SAMPLE), actor="reader")
    events = Event.objects.filter(certificate_id=cert.pk)
    assert {e.actor_label for e in events} == {"reader"}
    assert events.filter(object_type="certificate", action="update").exists()
    assert events.filter(object_type="policy", action="create").count() == 2


@pytest.mark.parametrize("path,value,message", [
    (("form",), "acord27", "form"),
    (("certificate_date",), "03/14/2026", "certificate_date"),
    (("insurers", 0, "naic"), "1653", "NAIC"),
    (("insurers", 1, "letter"), "A", "listed twice"),
    (("policies", 0, "coverage"), "liability", "coverage"),
    (("policies", 0, "limits", "each_occurrence"), "1,000,000", "whole number"),
    (("policies", 0, "limits", "el_each_accident"), 500000, "not a limit of"),
    (("policies", 0, "additional_insured"), "Y", "true, false or null"),
    (("policies", 1, "auto_symbols"), ["any"], "unknown symbols"),
])
def test_data_breaking_the_schema_is_refused_and_changes_nothing(cert, path, value, message):
    data = copy.deepcopy(SAMPLE)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    before = certificate_to_schema(cert)
    with pytest.raises(SchemaError, match=message):
        apply_schema(certificate=cert, data=data, actor="system")
    assert certificate_to_schema(cert) == before
