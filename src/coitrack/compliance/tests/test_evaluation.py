"""evaluate_vendor: which templates, which certificates, the worst status, the stored rows."""

from __future__ import annotations

import datetime as dt

import pytest

from coitrack.certificates.models import CertificateStatus
from coitrack.compliance.models import OpenDeficiency, VendorEvaluation
from coitrack.compliance.services import evaluate_vendor, worst_status
from coitrack.compliance.tests.helpers import GL_1M, assign, gl_certificate, template
from coitrack.testing import factories

AS_OF = dt.date(2026, 6, 1)


@pytest.fixture
def roofing(org):
    return factories.vendor_type(org, "Roofing")


@pytest.fixture
def roofer(org, roofing):
    return factories.vendor(org, "Apex Roofing LLC", vendor_type=roofing)


def test_vendor_without_any_template_has_no_requirements(roofer):
    evaluation = evaluate_vendor(roofer, as_of=AS_OF)
    assert evaluation.status == "no_requirements"
    assert evaluation.evaluations == [] and evaluation.deficiencies == []
    roofer.refresh_from_db()
    assert roofer.compliance_status == "no_requirements"


def test_template_assigned_to_the_vendor_type_applies(org, roofer, roofing):
    assign(template(org), vendor_type=roofing)
    gl_certificate(roofer)
    evaluation = evaluate_vendor(roofer, as_of=AS_OF)
    assert evaluation.status == "compliant"
    assert evaluation.evaluations[0]["source"] == "vendor type Roofing"
    roofer.refresh_from_db()
    assert roofer.compliance_status == "compliant"


def test_limit_below_minimum_is_non_compliant_with_the_template_named(org, roofer, roofing):
    assign(template(org), vendor_type=roofing)
    gl_certificate(roofer, each_occurrence=500_000)
    evaluation = evaluate_vendor(roofer, as_of=AS_OF)
    assert evaluation.status == "non_compliant"
    [deficiency] = evaluation.deficiencies
    assert deficiency["code"] == "LIMIT_BELOW_MINIMUM"
    assert deficiency["template"] == "General liability 1M"
    assert "$500,000" in deficiency["message"] and "$1,000,000" in deficiency["message"]
    assert list(OpenDeficiency.objects.filter(vendor=roofer).values_list("code", flat=True)) == [
        "LIMIT_BELOW_MINIMUM"]


def test_template_assigned_to_a_running_project_applies(org, roofer):
    tower = factories.project(org, "Harbor Tower", end_date=dt.date(2026, 12, 31))
    roofer.projects.add(tower)
    assign(template(org), project=tower)
    evaluation = evaluate_vendor(roofer, as_of=AS_OF)
    assert evaluation.status == "missing"
    assert evaluation.evaluations[0]["source"] == "project Harbor Tower"


def test_template_of_an_ended_project_no_longer_applies(org, roofer):
    done = factories.project(org, "Old Mall", end_date=dt.date(2026, 5, 31))
    roofer.projects.add(done)
    assign(template(org), project=done)
    assert evaluate_vendor(roofer, as_of=AS_OF).status == "no_requirements"


def test_vendor_override_replaces_the_type_assignment_of_the_same_template(org, roofer, roofing):
    gl = template(org)
    assign(gl, vendor_type=roofing)
    assign(gl, vendor=roofer, overrides={"coverages": [
        {"coverage": "general_liability", "limits": {"each_occurrence": 500_000}}]})
    gl_certificate(roofer, each_occurrence=500_000)
    evaluation = evaluate_vendor(roofer, as_of=AS_OF)
    assert [e["source"] for e in evaluation.evaluations] == ["vendor"]
    assert evaluation.status == "compliant"


def test_overall_status_is_the_worst_of_the_templates(org, roofer, roofing):
    assign(template(org), vendor_type=roofing)
    auto = template(org, name="Auto 1M", coverages=[
        {"coverage": "automobile_liability", "limits": {"combined_single_limit": 1_000_000}}])
    assign(auto, vendor=roofer)
    gl_certificate(roofer)
    evaluation = evaluate_vendor(roofer, as_of=AS_OF)
    assert {e["name"]: e["status"] for e in evaluation.evaluations} == {
        "General liability 1M": "compliant", "Auto 1M": "non_compliant"}
    assert evaluation.status == "non_compliant"
    assert evaluation.deficiencies[0]["template"] == "Auto 1M"


@pytest.mark.parametrize(("statuses", "worst"), [
    (["compliant", "expiring"], "expiring"),
    (["expiring", "missing"], "missing"),
    (["missing", "expired"], "expired"),
    (["expired", "non_compliant", "compliant"], "non_compliant"),
    ([], "no_requirements"),
])
def test_worst_status_order(statuses, worst):
    assert worst_status(statuses) == worst


def test_only_accepted_certificates_count(org, roofer, roofing):
    assign(template(org), vendor_type=roofing)
    gl_certificate(roofer, status=CertificateStatus.NEEDS_REVIEW)
    evaluation = evaluate_vendor(roofer, as_of=AS_OF)
    assert evaluation.status == "missing"
    assert evaluation.pending_certificates == 1


def test_superseded_policies_do_not_count(org, roofer, roofing):
    from coitrack.certificates.models import Policy, PolicyStatus

    assign(template(org), vendor_type=roofing)
    old = gl_certificate(roofer, each_occurrence=2_000_000)
    Policy.objects.filter(certificate=old).update(status=PolicyStatus.SUPERSEDED)
    assert evaluate_vendor(roofer, as_of=AS_OF).status == "missing"


def test_expired_and_expiring_statuses_follow_the_day(org, roofer, roofing):
    assign(template(org), vendor_type=roofing)
    gl_certificate(roofer, expiration=dt.date(2026, 6, 20))
    assert evaluate_vendor(roofer, as_of=AS_OF).status == "expiring"
    assert evaluate_vendor(roofer, as_of=dt.date(2026, 6, 20)).status == "expired"


def test_named_insured_is_compared_with_the_vendor(org, roofer, roofing):
    assign(template(org, named_insured_match="normalized"), vendor_type=roofing)
    cert = gl_certificate(roofer)
    cert.insured_name = "Someone Else Inc"
    cert.save()
    evaluation = evaluate_vendor(roofer, as_of=AS_OF)
    assert [d["code"] for d in evaluation.deficiencies] == ["NAMED_INSURED_MISMATCH"]


def test_carrier_table_of_the_organization_is_used(org, roofer, roofing):
    from coitrack.requirements.models import Carrier

    data = {**GL_1M, "insurer": {"min_rating": "A-"}}
    assign(template(org, data), vendor_type=roofing)
    gl_certificate(roofer)  # insurer "Acme Insurance Co", NAIC 12345
    assert evaluate_vendor(roofer, as_of=AS_OF).deficiencies[0]["code"] == "INSURER_NOT_RATED"
    Carrier.objects.create(organization=org, name="Acme Insurance Co", naic="12345",
                           am_best_rating="A")
    assert evaluate_vendor(roofer, as_of=AS_OF).status == "compliant"


def test_evaluating_again_replaces_the_stored_evaluation(org, roofer, roofing):
    assign(template(org), vendor_type=roofing)
    evaluate_vendor(roofer, as_of=AS_OF)
    gl_certificate(roofer)
    evaluate_vendor(roofer, as_of=AS_OF)
    assert VendorEvaluation.objects.filter(vendor=roofer).count() == 1
    assert VendorEvaluation.objects.get(vendor=roofer).status == "compliant"
    assert not OpenDeficiency.objects.filter(vendor=roofer).exists()


def test_as_of_defaults_to_today_in_the_organization_time_zone(org, roofer, roofing):
    import time_machine

    org.time_zone = "America/Los_Angeles"
    org.save()
    assign(template(org), vendor_type=roofing)
    gl_certificate(roofer, expiration=dt.date(2026, 7, 1))
    # 2026-07-01 03:00 UTC is still June 30 in Los Angeles: the policy is in force there.
    with time_machine.travel(dt.datetime(2026, 7, 1, 3, 0, tzinfo=dt.UTC), tick=False):
        evaluation = evaluate_vendor(roofer)
    assert evaluation.as_of == dt.date(2026, 6, 30)
    assert evaluation.status == "expiring"


def test_an_unchanged_evaluation_still_moves_to_the_new_day(org, roofer, roofing):
    assign(template(org), vendor_type=roofing)
    gl_certificate(roofer)
    first = evaluate_vendor(roofer, as_of=AS_OF)
    second = evaluate_vendor(roofer, as_of=AS_OF + dt.timedelta(days=1))
    assert (second.as_of, second.status) == (AS_OF + dt.timedelta(days=1), "compliant")
    assert second.evaluated_at >= first.evaluated_at


def test_bulk_loader_gives_the_same_certificate_data_as_the_schema_export(org, roofer):
    from coitrack.certificates.schema_io import certificate_to_schema
    from coitrack.compliance.services.loading import load_inputs

    cert = gl_certificate(roofer, each_occurrence=750_000)
    [loaded] = load_inputs(org, [roofer.pk], as_of=AS_OF, templates={})[roofer.pk].certificates
    for policy in loaded["policies"]:  # the loader passes dates through as the driver gives them
        for key in ("effective_date", "expiration_date"):
            value = policy[key]
            policy[key] = value if isinstance(value, str) else value.isoformat()
    exported = certificate_to_schema(cert)
    if not exported.get("endorsements"):  # "none recognized" may be left out
        exported.pop("endorsements", None)
    assert loaded == exported
