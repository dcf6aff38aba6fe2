"""check_certificate: which flags stay, go or come back, and when the status changes."""

from __future__ import annotations

import datetime as dt

import pytest

from coitrack.audit.models import Event
from coitrack.certificates.models import CertificateStatus
from coitrack.certificates.schema_io import apply_schema, certificate_to_schema
from coitrack.certificates.services import accept_certificate, reject_certificate
from coitrack.certificates.services.status import _change_status
from coitrack.notifications.models import Notification
from coitrack.review.models import CertificateCheck, CertificateFlag
from coitrack.review.services import check_certificate, resolve_flag
from coitrack.review.services.check import REASON_PREFIX
from coitrack.review.tests.conftest import RENEWAL_POLICY, renewal_data
from coitrack.rules import misinformation as mi
from coitrack.testing import factories

OTHER_INSURED = {"insured_name": "Someone Else Inc"}


def _codes(certificate) -> list[str]:
    return list(CertificateFlag.objects.filter(certificate=certificate, resolved_at__isnull=True)
                .values_list("code", flat=True))


@pytest.fixture
def flagged(reviewer_client, enter, arriving):
    """The arriving certificate entered with another insured's name: one open flag."""
    enter(reviewer_client, arriving, renewal_data(cert=OTHER_INSURED))
    assert _codes(arriving) == [mi.NAMED_INSURED_DIFFERS]
    return arriving


def _edit(certificate, **cert):
    """The certificate's current data, as the edit page would post it, with ``cert`` changed."""
    policy = certificate.policies.get()
    row = {**RENEWAL_POLICY, "id": str(policy.pk)}
    data = renewal_data(cert={"insured_name": certificate.insured_name, **cert}, policies=[row])
    data["policies-INITIAL_FORMS"] = "1"
    return data


def test_correcting_the_flagged_value_removes_the_flag_and_its_reason(
    reviewer_client, enter, flagged
):
    enter(reviewer_client, flagged, _edit(flagged, insured_name="Summit Roofing LLC"))
    assert _codes(flagged) == []
    assert flagged.status == CertificateStatus.NEEDS_REVIEW  # a reviewer decides what next
    assert flagged.status_reason == ""
    removed = Event.objects.get(object_type="certificateflag", action="delete")
    assert removed.note.startswith("No longer found after the data changed: The named insured")


def test_a_flag_found_again_keeps_its_row_and_tells_nobody_twice(
    reviewer_client, enter, flagged, mailoutbox
):
    first = CertificateFlag.objects.get(certificate=flagged)
    sent = len(mailoutbox)
    enter(reviewer_client, flagged, _edit(flagged, producer_phone="518-555-0199"))
    assert list(CertificateFlag.objects.filter(certificate=flagged)) == [first]
    assert len(mailoutbox) == sent


def test_a_resolved_flag_is_not_raised_again(reviewer_client, reviewer_user, enter, flagged):
    flag = CertificateFlag.objects.get(certificate=flagged)
    resolve_flag(flag=flag, actor=reviewer_user, note="The holding company signs for us.")
    check_certificate(flagged, actor=reviewer_user)
    assert CertificateFlag.objects.filter(certificate=flagged).count() == 1
    assert _codes(flagged) == []


def test_an_accepted_certificate_corrected_in_passing_stays_accepted(
    reviewer_client, reviewer_user, enter, flagged, mailoutbox
):
    accept_certificate(certificate=flagged, actor=reviewer_user)
    sent = len(mailoutbox)
    enter(reviewer_client, flagged, _edit(flagged, producer_phone="518-555-0199",
                                          description_of_operations="Roof repairs."))
    assert flagged.status == CertificateStatus.ACCEPTED
    assert len(mailoutbox) == sent


def test_an_accepted_certificate_with_new_misinformation_goes_back_to_review(
    reviewer_client, reviewer_user, enter, arriving, mailoutbox
):
    enter(reviewer_client, arriving, renewal_data())
    accept_certificate(certificate=arriving, actor=reviewer_user)
    data = _edit(arriving)
    data["policies-0-limit_each_occurrence"] = "500,000"
    enter(reviewer_client, arriving, data)
    assert arriving.status == CertificateStatus.NEEDS_REVIEW
    assert _codes(arriving) == [mi.LIMIT_REDUCED_AT_RENEWAL]
    assert len(mailoutbox) == 2  # the owner and the reviewer


def test_an_accepted_certificate_with_only_its_known_flags_stays_accepted(
    reviewer_client, reviewer_user, enter, flagged
):
    accept_certificate(certificate=flagged, actor=reviewer_user)
    data = _edit(flagged)
    data["policies-0-limit_general_aggregate"] = "3,000,000"  # material, but raises nothing new
    enter(reviewer_client, flagged, data)
    assert flagged.status == CertificateStatus.ACCEPTED
    assert _codes(flagged) == [mi.NAMED_INSURED_DIFFERS]


def test_rejected_certificates_are_not_checked(reviewer_user, flagged):
    reject_certificate(certificate=flagged, reason="Wrong vendor.", actor=reviewer_user)
    CertificateFlag.objects.all().delete()
    assert check_certificate(flagged, actor=reviewer_user) == []
    assert not CertificateFlag.objects.exists()


def test_a_rejected_earlier_certificate_is_not_compared(reviewer_client, enter, vendor, previous,
                                                        arriving, reviewer_user):
    reject_certificate(certificate=previous, reason="Forged.", actor=reviewer_user)
    data = renewal_data(policies=[{**RENEWAL_POLICY, "limit_each_occurrence": "500,000"}])
    enter(reviewer_client, arriving, data)
    assert _codes(arriving) == []


def test_only_certificates_that_arrived_earlier_are_compared(reviewer_client, enter, vendor,
                                                             arriving, reviewer_user):
    later = factories.certificate(vendor, effective=dt.date(2026, 1, 1),
                                  expiration=dt.date(2027, 1, 1), policy_number="GL-100",
                                  limits={"each_occurrence": 5_000_000},
                                  received_date=dt.date(2026, 2, 1))
    enter(reviewer_client, arriving, renewal_data())
    assert later.pk > arriving.pk
    assert _codes(arriving) == []


def test_the_readers_reason_is_kept_and_the_flags_follow_it(
    reviewer_user, vendor, previous, arriving, django_capture_on_commit_callbacks
):
    _change_status(arriving, CertificateStatus.NEEDS_REVIEW, "Read automatically: 1 policy.",
                   "system")
    data = certificate_to_schema(previous)
    data.update(certificate_date="2025-12-20",
                insured={"name": "Someone Else Inc", "address": ""})
    data["policies"][0].update(effective_date="2026-01-01", expiration_date="2027-01-01")
    with django_capture_on_commit_callbacks(execute=True):
        apply_schema(certificate=arriving, data=data, actor="system")
    arriving.refresh_from_db()
    assert arriving.status_reason.startswith("Read automatically: 1 policy.\n" + REASON_PREFIX)
    assert 'The named insured "Someone Else Inc"' in arriving.status_reason


def test_the_reader_path_flags_contradicting_dates(
    reviewer_user, previous, arriving, mailoutbox, django_capture_on_commit_callbacks
):
    data = certificate_to_schema(previous)
    data["certificate_date"] = "2025-12-20"
    data["policies"][0].update(effective_date="2026-01-01", expiration_date="2025-06-01")
    with django_capture_on_commit_callbacks(execute=True):
        apply_schema(certificate=arriving, data=data, actor="system")
    arriving.refresh_from_db()
    assert arriving.status == CertificateStatus.NEEDS_REVIEW
    assert _codes(arriving) == [mi.SELF_CONTRADICTING]
    assert "expires on 2025-06-01, on or before its effective date 2026-01-01" in (
        arriving.status_reason)
    assert len(mailoutbox) == 2


def test_saving_nothing_new_runs_no_check(reviewer_client, enter, arriving, flagged):
    checked = CertificateCheck.objects.get(certificate=flagged).checked_at
    reviewer_client.post(f"/certificates/{flagged.pk}/edit/", _edit(flagged))
    assert CertificateCheck.objects.get(certificate=flagged).checked_at == checked


def test_a_failing_check_never_loses_the_saved_data(monkeypatch, reviewer_client, enter,
                                                    arriving, caplog):
    def broken(**kwargs):
        raise RuntimeError("checks crashed")

    monkeypatch.setattr("coitrack.review.services.check.find_flags", broken)
    enter(reviewer_client, arriving, renewal_data(cert=OTHER_INSURED))
    assert arriving.insured_name == "Someone Else Inc"
    assert arriving.policies.count() == 1
    assert "checks crashed" in caplog.text


def test_flags_link_to_the_earlier_certificate(reviewer_client, enter, previous, arriving):
    enter(reviewer_client, arriving, renewal_data(
        policies=[{**RENEWAL_POLICY, "limit_each_occurrence": "500,000"}]))
    flag = CertificateFlag.objects.get(certificate=arriving)
    assert flag.details["previous_certificate_id"] == previous.pk
    page = reviewer_client.get(f"/certificates/{arriving.pk}/").content.decode()
    assert f'href="/certificates/{previous.pk}/"' in page


def test_each_new_flag_is_in_the_certificates_history(reviewer_client, enter, flagged):
    page = reviewer_client.get(f"/certificates/{flagged.pk}/").content.decode()
    assert "system</strong> created certificateflag" in page
    assert "Found when rita saved the data: The named insured" in page


def test_notifications_are_about_this_organization_only(reviewer_client, enter, flagged,
                                                        other_org):
    factories.user("bob", org=other_org)
    assert set(Notification.objects.values_list("organization_id", flat=True)) == {
        flagged.organization_id}
