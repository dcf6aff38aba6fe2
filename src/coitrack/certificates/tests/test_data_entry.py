"""Entering and correcting a certificate's data: all or nothing, audited field by field."""

import pytest
from django.urls import reverse

from coitrack.audit.models import Event
from coitrack.certificates.models import CertificateStatus, Limit, Policy
from coitrack.certificates.tests.editing import GL_POLICY, edit_data
from coitrack.testing import factories


@pytest.fixture
def cert(vendor):
    return factories.certificate(vendor, status=CertificateStatus.RECEIVED)


def post(client, cert, data):
    return client.post(reverse("certificates:edit", args=[cert.pk]), data)


def fresh(cert):
    cert.insurers.all().delete()
    cert.policies.all().delete()
    return cert


def test_the_edit_page_shows_the_policy_form_hooks_for_app_js(reviewer_client, cert):
    html = reviewer_client.get(reverse("certificates:edit", args=[cert.pk])).content.decode()
    assert "data-policy" in html and "data-coverage-select" in html
    assert 'data-for-coverage="general_liability umbrella_liability excess_liability"' in html
    assert 'data-for-coverage="automobile_liability"' in html


def test_entering_data_saves_fields_insurers_policies_and_limits(reviewer_client, cert):
    fresh(cert)
    response = post(reviewer_client, cert, edit_data())
    assert response.status_code == 302
    cert.refresh_from_db()
    assert cert.producer_name == "Lakeside Insurance Agency"
    assert [(i.letter, i.name, i.naic) for i in cert.insurers.all()] == [
        ("A", "Acme Insurance Co", "12345")]
    policy = cert.policies.get()
    assert policy.policy_number == "GL-100" and policy.additional_insured is True
    assert policy.subrogation_waived is False and policy.claims_made is False
    assert policy.aggregate_applies_per == "project"
    assert {lim.key: lim.amount for lim in policy.limits.all()} == {
        "each_occurrence": 1_000_000, "general_aggregate": 2_000_000}


def test_unknown_check_marks_stay_unknown(reviewer_client, cert):
    fresh(cert)
    post(reviewer_client, cert, edit_data(policies=[{**GL_POLICY, "additional_insured": ""}]))
    assert cert.policies.get().additional_insured is None


def test_attributes_of_other_coverages_are_cleared(reviewer_client, cert):
    fresh(cert)
    row = {**GL_POLICY, "auto_symbols": ["any_auto"], "statutory": "yes", "retention": "10,000"}
    post(reviewer_client, cert, edit_data(policies=[row]))
    policy = cert.policies.get()
    assert policy.auto_symbols == [] and policy.statutory is None and policy.retention is None


def test_auto_policy_keeps_its_symbols(reviewer_client, cert):
    fresh(cert)
    row = {"coverage": "automobile_liability", "insurer_letter": "A", "policy_number": "AU-1",
           "effective_date": "2026-01-01", "expiration_date": "2027-01-01",
           "auto_symbols": ["hired_autos_only", "non_owned_autos_only"],
           "limit_combined_single_limit": "1000000"}
    post(reviewer_client, cert, edit_data(policies=[row]))
    policy = cert.policies.get()
    assert policy.auto_symbols == ["hired_autos_only", "non_owned_autos_only"]
    assert policy.limits.get().amount == 1_000_000


@pytest.mark.parametrize("change,field,message", [
    ({"expiration_date": "2025-12-31"}, "expiration_date", "must be after the effective date"),
    ({"insurer_letter": "C"}, "insurer_letter", "Insurer C is not listed"),
    ({"limit_each_occurrence": "1.000.000"}, "limit_each_occurrence", "whole dollars"),
    ({"limit_each_occurrence": "one million"}, "limit_each_occurrence", "whole dollars"),
    ({"limit_each_occurrence": "-5"}, "limit_each_occurrence", "whole dollars"),
    ({"limit_el_each_accident": "500,000"}, "limit_el_each_accident", "not a limit of"),
    ({"coverage": "other"}, "description", "Write the coverage as printed"),
])
def test_invalid_policy_input_shows_errors_and_saves_nothing(reviewer_client, cert, change, field,
                                                           message):
    before = (Policy.objects.count(), Limit.objects.count(), Event.objects.count())
    data = edit_data(policies=[{**GL_POLICY, **change}], cert={"producer_name": "Changed"})
    response = post(reviewer_client, cert, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert field in response.context["editor"].policies.forms[0].errors
    cert.refresh_from_db()
    assert cert.producer_name == ""
    assert (Policy.objects.count(), Limit.objects.count(), Event.objects.count()) == before


def test_a_bad_naic_number_is_refused(reviewer_client, cert):
    response = post(reviewer_client, cert, edit_data(insurers=[("A", "Acme", "1234")]))
    assert response.status_code == 400
    assert "exactly 5 digits" in response.content.decode()
    assert cert.insurers.get().naic == "12345"


def test_a_bad_certificate_date_is_refused(reviewer_client, cert):
    response = post(reviewer_client, cert, edit_data(cert={"certificate_date": "2026-02-30"}))
    assert response.status_code == 400
    assert cert.policies.get().policy_number != "GL-100"


def test_a_tampered_policy_id_is_refused(reviewer_client, cert, other_vendor):
    foreign = factories.certificate(other_vendor).policies.get()
    data = edit_data(policies=[{**GL_POLICY, "id": str(foreign.pk)}], initial_policies=1)
    response = post(reviewer_client, cert, data)
    assert response.status_code == 400
    assert "out of date" in response.content.decode()
    foreign.refresh_from_db()
    assert foreign.policy_number != "GL-100"


def test_correcting_writes_before_and_after_of_each_changed_field(reviewer_client, reviewer_user,
                                                                   cert):
    policy = cert.policies.get()
    row = {**GL_POLICY, "id": str(policy.pk), "policy_number": policy.policy_number,
           "limit_general_aggregate": ""}
    post(reviewer_client, cert, edit_data(
        policies=[row], cert={"insured_name": "Summit Roofing, LLC"}, initial_policies=1,
    ))
    cert_event = Event.objects.get(object_type="certificate", action="update")
    assert cert_event.actor == reviewer_user and cert_event.certificate_id == cert.pk
    assert cert_event.changes["insured_name"] == ["Summit Roofing LLC", "Summit Roofing, LLC"]
    assert cert_event.changes["producer_name"] == ["", "Lakeside Insurance Agency"]
    policy_event = Event.objects.get(object_type="policy", action="update")
    assert policy_event.object_id == policy.pk
    assert policy_event.changes["additional_insured"] == [None, True]
    assert "limits.each_occurrence" not in policy_event.changes  # same amount as before
    assert "policy_number" not in policy_event.changes
    policy.refresh_from_db()
    assert policy.pk == cert.policies.get().pk  # edited in place, not replaced


def test_a_limit_change_is_audited_with_before_and_after(reviewer_client, cert):
    policy = cert.policies.get()
    row = {"id": str(policy.pk), "coverage": "general_liability", "insurer_letter": "A",
           "policy_number": policy.policy_number, "effective_date": "2026-01-01",
           "expiration_date": "2027-01-01", "limit_each_occurrence": "2,000,000"}
    post(reviewer_client, cert, edit_data(policies=[row], initial_policies=1))
    event = Event.objects.get(object_type="policy", action="update")
    assert event.changes == {"limits.each_occurrence": [1_000_000, 2_000_000]}


def test_removing_a_policy_deletes_it_and_records_it(reviewer_client, cert):
    policy = cert.policies.get()
    row = {"id": str(policy.pk), "coverage": "general_liability", "DELETE": "on"}
    response = post(reviewer_client, cert, edit_data(policies=[row], initial_policies=1))
    assert response.status_code == 302
    assert not cert.policies.exists()
    assert Event.objects.filter(object_type="policy", action="delete", object_id=policy.pk).exists()


def test_saving_unchanged_data_writes_no_event(reviewer_client, cert):
    fresh(cert)
    post(reviewer_client, cert, edit_data())
    count = Event.objects.count()
    policy = cert.policies.get()
    post(reviewer_client, cert, edit_data(policies=[{**GL_POLICY, "id": str(policy.pk)}],
                                          initial_policies=1))
    assert Event.objects.count() == count


def test_an_accepted_certificate_keeps_its_policy_dates(reviewer_client, vendor):
    cert = factories.certificate(vendor)
    policy = cert.policies.get()
    row = {**GL_POLICY, "id": str(policy.pk), "expiration_date": ""}
    response = post(reviewer_client, cert, edit_data(policies=[row], initial_policies=1))
    assert response.status_code == 400
    assert "An accepted certificate needs this date" in response.content.decode()


def test_a_viewer_cannot_edit(viewer_client, cert):
    assert post(viewer_client, cert, edit_data()).status_code == 403
    assert viewer_client.get(reverse("certificates:edit", args=[cert.pk])).status_code == 403


def test_another_organizations_certificate_is_404(reviewer_client, other_vendor):
    foreign = factories.certificate(other_vendor)
    assert post(reviewer_client, foreign, edit_data()).status_code == 404
