"""A certificate arrives (its data is entered): each flag sends it to review and tells people.

Every row enters a new certificate of the vendor through the edit page, as a reviewer does, with
one thing wrong, and follows it through: needs review with the reason, the flag stored,
notification rows for the vendor's owner and the reviewers and admins, one e-mail each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from coitrack.certificates.models import CertificateStatus
from coitrack.notifications.models import Notification
from coitrack.requirements.models import Carrier, RequirementTemplate, TemplateAssignment
from coitrack.review.models import CertificateFlag
from coitrack.review.tests.conftest import RENEWAL_POLICY, attach_pdf, renewal_data
from coitrack.rules import misinformation as mi
from coitrack.rules.tests import pdf_samples


def _template(vendor):
    data = {"name": "Roofers", "coverages": [
        {"coverage": "general_liability",
         "limits": {"each_occurrence": 1_000_000, "general_aggregate": 2_000_000}},
        {"coverage": "automobile_liability", "limits": {"combined_single_limit": 1_000_000}},
    ]}
    template = RequirementTemplate.objects.create(organization=vendor.organization,
                                                  name="Roofers", data=data)
    TemplateAssignment.objects.create(organization=vendor.organization, template=template,
                                      vendor=vendor)


def _carrier(vendor):
    Carrier.objects.create(organization=vendor.organization, name="Acme Insurance Company",
                           naic="12345", am_best_rating="A")


AUTO = {"coverage": "automobile_liability", "insurer_letter": "A", "policy_number": "AU-1",
        "effective_date": "2026-01-01", "expiration_date": "2027-01-01",
        "limit_combined_single_limit": "1,000,000"}


@dataclass
class Arrival:
    data: dict
    message: str  # a piece of the flag's message, which also ends up in the status reason
    setup: Callable = lambda vendor, certificate: None
    extra: dict = field(default_factory=dict)


ARRIVALS = {
    mi.NAMED_INSURED_DIFFERS: Arrival(
        renewal_data(cert={"insured_name": "Summit Holdings Inc"}),
        'The named insured "Summit Holdings Inc" does not match'),
    mi.POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS: Arrival(
        renewal_data(cert={"certificate_date": "2025-03-01"}, policies=[{
            **RENEWAL_POLICY, "effective_date": "2025-01-01", "expiration_date": "2026-06-01"}]),
        "policy GL-100 is also on the earlier certificate dated 2025-01-05 for the same term"),
    mi.LIMIT_REDUCED_AT_RENEWAL: Arrival(
        renewal_data(policies=[{**RENEWAL_POLICY, "limit_each_occurrence": "500,000"}]),
        "each occurrence $500,000 (was $1,000,000)"),
    mi.INSURER_CHANGED_MID_TERM: Arrival(
        renewal_data(cert={"certificate_date": "2025-07-01"},
                     insurers=[("A", "Beta Insurance Co", "22222")],
                     policies=[{**RENEWAL_POLICY, "policy_number": "BT-1",
                                "effective_date": "2025-07-01",
                                "expiration_date": "2026-07-01"}]),
        "is now with Beta Insurance Co (NAIC 22222) from 2025-07-01"),
    mi.NAIC_NAME_MISMATCH: Arrival(
        renewal_data(insurers=[("A", "Acme Insurance Co", "54321")]),
        'the carrier table lists "Acme Insurance Company" under NAIC 12345',
        setup=lambda vendor, certificate: _carrier(vendor)),
    mi.CERTIFICATE_DATE_OLDER: Arrival(
        renewal_data(cert={"certificate_date": "2024-12-01"}),
        "dated 2024-12-01, before the previous certificate's date 2025-01-05"),
    mi.SELF_CONTRADICTING: Arrival(
        renewal_data(policies=[{**RENEWAL_POLICY, "limit_each_occurrence": "3,000,000"}]),
        "each occurrence $3,000,000 is above its general aggregate $2,000,000"),
    mi.LIMITS_EXACTLY_AT_MINIMUM: Arrival(
        renewal_data(policies=[RENEWAL_POLICY, AUTO]),
        "Every required limit is exactly at its minimum on every line",
        setup=lambda vendor, certificate: _template(vendor)),
    mi.PDF_EDITED_AFTER_PRODUCTION: Arrival(
        renewal_data(),
        "adds typed text (FreeText) on page 1",
        setup=lambda vendor, certificate: attach_pdf(
            certificate, pdf_samples.with_typed_text(pdf_samples.printed()))),
}


def test_every_flag_has_an_arrival():
    assert set(ARRIVALS) == set(mi.CODES)


@pytest.mark.parametrize("code", list(ARRIVALS))
def test_a_flagged_arrival_goes_to_review_and_tells_the_owner_and_reviewers(
    code, reviewer_client, enter, vendor, arriving, owner, reviewer_user, admin_user, mailoutbox,
    settings
):
    arrival = ARRIVALS[code]
    arrival.setup(vendor, arriving)

    enter(reviewer_client, arriving, arrival.data)

    assert arriving.status == CertificateStatus.NEEDS_REVIEW
    assert arrival.message in arriving.status_reason
    flag = CertificateFlag.objects.get(certificate=arriving)
    assert (flag.code, flag.is_open) == (code, True)
    assert arrival.message in flag.message
    notified = Notification.objects.filter(organization=vendor.organization)
    assert {n.user for n in notified} == {owner, reviewer_user, admin_user}
    assert all(n.url == f"/certificates/{arriving.pk}/" for n in notified)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [owner.email, reviewer_user.email, admin_user.email])
    mail = mailoutbox[0]
    assert mail.subject == (f"Certificate #{arriving.pk} of Summit Roofing LLC needs review · "
                            f"{vendor.organization.name}")
    assert arrival.message in mail.body
    assert f"{settings.PUBLIC_URL}/certificates/{arriving.pk}/" in mail.body
    html = mail.alternatives[0]
    assert html.mimetype == "text/html"
    assert f"/certificates/{arriving.pk}/" in html.content
    assert all(n.emailed_at is not None for n in notified)


def test_a_clean_renewal_stays_received_and_tells_nobody(
    reviewer_client, enter, vendor, arriving, mailoutbox
):
    _template(vendor)  # GL at its minimum, but no automobile line: not "every line"
    _carrier(vendor)
    attach_pdf(arriving, pdf_samples.printed())

    enter(reviewer_client, arriving, renewal_data())

    assert arriving.status == CertificateStatus.RECEIVED
    assert arriving.status_reason == ""
    assert not CertificateFlag.objects.filter(certificate=arriving).exists()
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_the_mail_links_to_the_public_address(
    settings, reviewer_client, enter, arriving, mailoutbox
):
    settings.PUBLIC_URL = "https://coi.example.org"
    enter(reviewer_client, arriving, renewal_data(cert={"insured_name": "Someone Else Inc"}))
    assert f"https://coi.example.org/certificates/{arriving.pk}/" in mailoutbox[0].body
    assert 'href="https://coi.example.org/certificates/' in mailoutbox[0].alternatives[0].content


def test_the_owner_who_reviews_is_told_once(
    reviewer_client, enter, vendor, arriving, reviewer_user, admin_user, mailoutbox
):
    vendor.owner = reviewer_user
    vendor.save()
    enter(reviewer_client, arriving, renewal_data(cert={"insured_name": "Someone Else Inc"}))
    assert sorted(m.to[0] for m in mailoutbox) == sorted([reviewer_user.email, admin_user.email])


def test_several_flags_are_listed_in_one_notification(
    reviewer_client, enter, arriving, admin_user, mailoutbox
):
    data = renewal_data(cert={"insured_name": "Someone Else Inc",
                              "certificate_date": "2024-12-01"})
    enter(reviewer_client, arriving, data)
    codes = list(CertificateFlag.objects.filter(certificate=arriving).values_list("code",
                                                                                  flat=True))
    assert codes == [mi.NAMED_INSURED_DIFFERS, mi.CERTIFICATE_DATE_OLDER]
    assert len(mailoutbox) == 3
    assert "2 things on the certificate of Summit Roofing LLC need a look" in mailoutbox[0].body
    assert "- Named insured differs:" in mailoutbox[0].body
    assert "- Older certificate date:" in mailoutbox[0].body
