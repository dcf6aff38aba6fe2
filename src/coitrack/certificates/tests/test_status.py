"""Accept, reject, needs review, and superseding older policies on acceptance."""

import datetime as dt

import pytest
from django.urls import reverse

from coitrack.audit.models import Event
from coitrack.certificates.models import CertificateStatus, Policy
from coitrack.certificates.services import (
    StatusChangeRefused,
    accept_certificate,
    mark_needs_review,
    reject_certificate,
)
from coitrack.testing import factories

D = dt.date
RECEIVED = CertificateStatus.RECEIVED


def renewal(vendor, coverage="general_liability", year=2027, **kwargs):
    return factories.certificate(vendor, status=RECEIVED, coverage=coverage,
                                 effective=D(year, 1, 1), expiration=D(year + 1, 1, 1), **kwargs)


def other_row(cert, description):
    policy = cert.policies.get()
    policy.coverage, policy.description = "other", description
    policy.save()
    return policy


def test_accepting_supersedes_the_older_policy_of_the_same_coverage(vendor, reviewer_user):
    old = factories.certificate(vendor)  # accepted, 2026
    new = renewal(vendor)
    accept_certificate(certificate=new, actor=reviewer_user)
    old_policy, new_policy = old.policies.get(), new.policies.get()
    assert new.status == CertificateStatus.ACCEPTED
    assert old_policy.status == "superseded" and old_policy.superseded_by == new_policy
    old.refresh_from_db()
    assert old.status == CertificateStatus.SUPERSEDED
    event = Event.objects.get(action="supersede")
    assert event.object_id == old_policy.pk and event.certificate_id == old.pk
    assert event.actor == reviewer_user
    system = Event.objects.get(action="status", certificate_id=old.pk)
    assert system.actor_label == "system" and system.changes == {
        "status": ["accepted", "superseded"]}


def test_accepting_leaves_other_coverages_current(vendor, reviewer_user):
    auto = factories.certificate(vendor, coverage="automobile_liability",
                                 limits={"combined_single_limit": 1_000_000})
    accept_certificate(certificate=renewal(vendor), actor=reviewer_user)
    assert auto.policies.get().status == "current"
    auto.refresh_from_db()
    assert auto.status == CertificateStatus.ACCEPTED


def test_write_in_coverages_are_compared_by_their_description(vendor, reviewer_user):
    professional = factories.certificate(vendor)
    other_row(professional, "Professional Liability")
    pollution = factories.certificate(vendor)
    other_row(pollution, "Pollution")
    new = renewal(vendor)
    other_row(new, "professional liability ")
    accept_certificate(certificate=new, actor=reviewer_user)
    assert professional.policies.get().status == "superseded"
    assert pollution.policies.get().status == "current"


def test_a_certificate_keeps_its_status_while_some_policies_are_current(vendor, reviewer_user):
    both = factories.certificate(vendor)
    Policy.objects.create(certificate=both, vendor=vendor, coverage="workers_compensation",
                          effective_date=D(2026, 1, 1), expiration_date=D(2027, 1, 1))
    accept_certificate(certificate=renewal(vendor), actor=reviewer_user)
    both.refresh_from_db()
    assert both.status == CertificateStatus.ACCEPTED
    assert both.policies.filter(status="current").get().coverage == "workers_compensation"


def test_accepting_an_old_certificate_after_its_renewal_files_it_as_superseded(
    vendor, reviewer_user
):
    newer = renewal(vendor, year=2027)
    accept_certificate(certificate=newer, actor=reviewer_user)
    late = renewal(vendor, year=2025)
    accept_certificate(certificate=late, actor=reviewer_user)
    assert newer.policies.get().status == "current"
    assert late.policies.get().superseded_by == newer.policies.get()
    late.refresh_from_db()
    assert late.status == CertificateStatus.SUPERSEDED


def test_rejecting_an_accepted_certificate_restores_what_it_superseded(vendor, reviewer_user):
    old = factories.certificate(vendor)
    new = renewal(vendor)
    accept_certificate(certificate=new, actor=reviewer_user)
    reject_certificate(certificate=new, reason="Forged: the agent never issued it",
                       actor=reviewer_user)
    old.refresh_from_db()
    assert old.status == CertificateStatus.ACCEPTED
    assert old.policies.get().status == "current" and old.policies.get().superseded_by is None


def test_accepting_updates_the_vendors_next_expiration(vendor, reviewer_user):
    factories.certificate(vendor)
    accept_certificate(certificate=renewal(vendor), actor=reviewer_user)
    vendor.refresh_from_db()
    assert vendor.next_expiration == D(2028, 1, 1)


def test_a_certificate_without_policies_cannot_be_accepted(vendor, reviewer_user):
    cert = renewal(vendor)
    cert.policies.all().delete()
    with pytest.raises(StatusChangeRefused, match="Enter the certificate's policies"):
        accept_certificate(certificate=cert, actor=reviewer_user)


def test_a_policy_without_dates_cannot_be_accepted(vendor, reviewer_user):
    cert = renewal(vendor)
    cert.policies.update(expiration_date=None)
    with pytest.raises(StatusChangeRefused, match="expiration dates"):
        accept_certificate(certificate=cert, actor=reviewer_user)


def test_rejecting_needs_a_reason(vendor, reviewer_user):
    cert = renewal(vendor)
    with pytest.raises(StatusChangeRefused, match="reason"):
        reject_certificate(certificate=cert, reason="  ", actor=reviewer_user)
    cert.refresh_from_db()
    assert cert.status == RECEIVED


def test_each_status_change_is_audited_with_its_reason(vendor, reviewer_user):
    cert = renewal(vendor)
    mark_needs_review(certificate=cert, reason="Holder name differs", actor=reviewer_user)
    event = Event.objects.get(action="status", certificate_id=cert.pk)
    assert event.changes == {"status": ["received", "needs_review"]}
    assert event.note == "Holder name differs" and event.vendor_id == vendor.pk
    assert cert.status_reason == "Holder name differs"


def test_a_superseded_certificate_cannot_be_changed(vendor, reviewer_user):
    old = factories.certificate(vendor)
    accept_certificate(certificate=renewal(vendor), actor=reviewer_user)
    with pytest.raises(StatusChangeRefused, match="superseded"):
        reject_certificate(certificate=old, reason="x", actor=reviewer_user)


# Through HTTP


def set_status(client, cert, status, reason=""):
    return client.post(reverse("certificates:set_status", args=[cert.pk]),
                       {"status": status, "reason": reason}, follow=True)


def test_reviewer_accepts_through_the_page(reviewer_client, vendor):
    cert = renewal(vendor)
    response = set_status(reviewer_client, cert, "accepted")
    assert b"Certificate accepted." in response.content
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.ACCEPTED


def test_rejecting_without_reason_through_the_page_explains_and_changes_nothing(
    reviewer_client, vendor
):
    cert = renewal(vendor)
    response = set_status(reviewer_client, cert, "rejected")
    assert b"Give a reason for rejecting" in response.content
    cert.refresh_from_db()
    assert cert.status == RECEIVED


def test_an_unknown_status_is_refused(reviewer_client, vendor):
    cert = renewal(vendor)
    response = set_status(reviewer_client, cert, "superseded")
    assert b"not a decision" in response.content
    cert.refresh_from_db()
    assert cert.status == RECEIVED


def test_a_viewer_cannot_change_status(viewer_client, vendor):
    cert = renewal(vendor)
    response = viewer_client.post(reverse("certificates:set_status", args=[cert.pk]),
                                  {"status": "accepted"})
    assert response.status_code == 403
    cert.refresh_from_db()
    assert cert.status == RECEIVED


def test_status_of_another_organizations_certificate_is_404(reviewer_client, other_vendor):
    cert = renewal(other_vendor)
    response = reviewer_client.post(reverse("certificates:set_status", args=[cert.pk]),
                                    {"status": "accepted"})
    assert response.status_code == 404


def test_history_lists_superseded_policies_and_what_replaced_them(reviewer_client, vendor,
                                                                  reviewer_user):
    old = factories.certificate(vendor, policy_number="GL-OLD")
    new = renewal(vendor, policy_number="GL-NEW")
    accept_certificate(certificate=new, actor=reviewer_user)
    response = reviewer_client.get(reverse("certificates:history", args=[vendor.pk]))
    html = response.content.decode()
    assert "GL-OLD" in html and "GL-NEW" in html
    assert f"Certificate #{old.pk}" in html and "Superseded" in html
    assert reverse("certificates:detail", args=[new.pk]) in html


def test_history_of_another_organizations_vendor_is_404(viewer_client, other_vendor):
    url = reverse("certificates:history", args=[other_vendor.pk])
    assert viewer_client.get(url).status_code == 404
