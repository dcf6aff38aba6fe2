"""Where events are published: a portal upload (with what it still misses) and a reading the
reader was unsure of. (Flags: review/tests; unresponsive and escalated: outreach simulations;
status changes: test_status_changes.py.)"""

from __future__ import annotations

import pytest

from coitrack.accounts.models import Role
from coitrack.certificates.models import Certificate, CertificateEvidence
from coitrack.certificates.services.reading import _tell_if_unclear
from coitrack.notifications import events
from coitrack.notifications.models import Notification
from coitrack.outreach.models import OutboxMessage
from coitrack.outreach.tests.test_portal import (  # noqa: F401 - the clock fixture
    ORG_NAME,
    PDF,
    clock,
    link_path,
    portal_vendor,
    upload,
)
from coitrack.testing import factories


@pytest.fixture
def portal_owner(db, clock):  # noqa: F811 - the fixture above
    org = factories.organization(ORG_NAME)
    owner = factories.user("olga", org=org, role=Role.VIEWER)
    vendor = portal_vendor(org, additional_insured=True)  # the synthetic COI lacks it
    vendor.owner = owner
    vendor.save()
    return org, owner, vendor


def test_a_deficient_portal_upload_tells_the_owner_what_it_misses(client, portal_owner):
    _org, owner, vendor = portal_owner
    upload(client, link_path(vendor), ("coi.pdf", PDF))
    note = Notification.objects.get(kind=events.PORTAL_UPLOAD)
    cert = Certificate.objects.get()
    assert note.user == owner and note.vendor == vendor
    assert note.title == f"{vendor.legal_name} uploaded a certificate that falls short"
    assert "through the portal: coi.pdf" in note.body
    assert "additional insured" in note.body.lower()
    assert note.url == f"/certificates/{cert.pk}/"
    assert OutboxMessage.objects.filter(to=[owner.email], kind="notification").count() == 1


def test_an_unclear_reading_tells_that_the_certificate_needs_review(org, reviewer_user):
    vendor = factories.vendor(org, "Summit Roofing LLC")
    cert = factories.certificate(vendor, status="needs_review")
    evidence = CertificateEvidence(certificate=cert, organization=org, values={
        "insured.name": {"flag": "low_confidence"}, "policies[0].policy_number": {}})
    _tell_if_unclear(cert, evidence)
    note = Notification.objects.get(user=reviewer_user)
    assert note.kind == events.CERTIFICATE_NEEDS_REVIEW
    assert "unsure of 1 value in the file and left it empty (insured.name)" in note.body


def test_a_clear_reading_tells_nobody(org, reviewer_user):
    vendor = factories.vendor(org, "Summit Roofing LLC")
    cert = factories.certificate(vendor, status="needs_review")
    _tell_if_unclear(cert, CertificateEvidence(certificate=cert, organization=org,
                                               values={"insured.name": {}}))
    assert not Notification.objects.exists()
