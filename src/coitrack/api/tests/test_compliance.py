"""Evaluations, waivers and renewal requests through the API."""

from __future__ import annotations

import datetime as dt

from coitrack.api.tests.helpers import assert_error
from coitrack.compliance.models import Waiver
from coitrack.compliance.services import evaluate_vendor
from coitrack.requirements import services as requirements
from coitrack.testing import factories

TEMPLATE = {"name": "GL 2M", "coverages": [{"coverage": "general_liability",
                                            "limits": {"each_occurrence": 2000000}}]}


def deficient_vendor(org):
    vendor = factories.vendor(org, "Short LLC")
    factories.certificate(vendor, effective=dt.date(2026, 1, 1),
                          expiration=dt.date(2099, 1, 1))
    template = requirements.create_template(organization=org, actor="test", data=TEMPLATE)
    requirements.assign_template(organization=org, actor="test", template=template,
                                 vendor=vendor)
    evaluate_vendor(vendor, as_of=dt.date(2026, 6, 1))
    return vendor


def test_evaluation_has_the_documented_shape(org, api):
    vendor = deficient_vendor(org)
    body = api.get(f"/vendors/{vendor.pk}/evaluation").json()
    assert (body["status"], body["as_of"]) == ("non_compliant", "2026-06-01")
    deficiency = body["deficiencies"][0]
    assert {k: deficiency[k] for k in ("code", "severity", "coverage", "limit", "required",
                                       "actual", "waived")} == {
        "code": "LIMIT_BELOW_MINIMUM", "severity": "fail", "coverage": "general_liability",
        "limit": "each_occurrence", "required": 2000000, "actual": 1000000, "waived": False}
    assert deficiency["template"] == "GL 2M"


def test_a_vendor_not_evaluated_yet_answers_404_not_evaluated(org, api):
    vendor = factories.vendor(org)
    assert_error(api.get(f"/vendors/{vendor.pk}/evaluation"), 404, "not_evaluated")


def test_waivers_are_granted_listed_and_revoked(org, api):
    vendor = deficient_vendor(org)
    granted = api.post(f"/vendors/{vendor.pk}/waivers", {
        "code": "LIMIT_BELOW_MINIMUM", "coverage": "general_liability",
        "limit": "each_occurrence", "reason": "Umbrella pending", "expires_on": "2099-01-01"})
    assert granted.status_code == 201, granted.content
    waiver_id = granted.json()["id"]
    assert granted.json()["state"] == "active"
    assert api.get("/waivers", {"vendor_id": vendor.pk, "state": "active"}).json()["count"] == 1
    revoked = api.post(f"/waivers/{waiver_id}/revoke", {"note": "Done"})
    assert revoked.json()["state"] == "revoked"
    assert_error(api.post(f"/waivers/{waiver_id}/revoke", {}), 409, "conflict")


def test_a_waiver_for_a_deficiency_the_vendor_lacks_is_refused(org, api):
    vendor = deficient_vendor(org)
    assert_error(api.post(f"/vendors/{vendor.pk}/waivers", {
        "code": "COVERAGE_MISSING", "coverage": "automobile_liability", "reason": "x",
        "until_renewal": True}), 422, "validation_error")
    assert not Waiver.objects.exists()


def test_request_now_opens_a_request_and_lists_it(org, api):
    vendor = factories.vendor(org)
    response = api.post(f"/vendors/{vendor.pk}/request-now")
    assert response.status_code == 200, response.content
    assert (response.json()["reason"], response.json()["status"]) == ("manual", "open")
    listed = api.get("/requests", {"vendor_id": vendor.pk}).json()
    assert [r["id"] for r in listed["items"]] == [response.json()["id"]]


def test_request_now_for_an_inactive_vendor_is_a_conflict(org, api):
    vendor = factories.vendor(org, status="inactive")
    assert_error(api.post(f"/vendors/{vendor.pk}/request-now"), 409, "conflict")
