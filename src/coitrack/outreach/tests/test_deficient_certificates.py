"""A newly accepted certificate that falls short opens a request listing exactly what to fix,
including a renewal that only falls short once it starts."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from coitrack.outreach.models import Reason, Request
from coitrack.outreach.services.outbox import deliver_due
from coitrack.outreach.services.tick import tick

pytestmark = pytest.mark.django_db

DAY = dt.date(2027, 3, 11)  # a Thursday


def _accept_new(world, *, effective, expiration, additional_insured):
    with time_machine.travel(world.at(DAY), tick=False):
        cert = world.answer(expiration=expiration, additional_insured=additional_insured)
        cert.policies.update(effective_date=effective)
        world.accept(cert)
        tick()
        deliver_due()


def test_an_accepted_certificate_without_the_additional_insured_starts_a_request(world):
    _accept_new(world, effective=DAY - dt.timedelta(days=5), expiration=DAY.replace(year=2028),
                additional_insured=False)
    request = Request.objects.get(vendor=world.vendor)
    assert request.reason == Reason.DEFICIENT
    [(to, email)] = world.smtp.messages
    text = " ".join(email.get_body(("plain",)).get_content().split())
    assert to == ["dana@summit.example"]
    assert "additional insured is required, but ADDL INSD is not marked" in text


def test_an_early_renewal_that_falls_short_starts_a_request_before_it_begins(world):
    world.certificate(expiration=DAY + dt.timedelta(days=60))  # covered until then
    _accept_new(world, effective=DAY + dt.timedelta(days=60),
                expiration=DAY + dt.timedelta(days=425), additional_insured=False)
    world.vendor.refresh_from_db()
    assert world.vendor.compliance_status == "compliant"  # the old policy still covers today
    request = Request.objects.get(vendor=world.vendor)
    assert request.reason == Reason.DEFICIENT and request.is_open
    [(_, email)] = world.smtp.messages
    assert "ADDL INSD is not marked" in email.get_body(("plain",)).get_content()


def test_an_accepted_certificate_that_meets_the_requirements_starts_nothing(world):
    _accept_new(world, effective=DAY - dt.timedelta(days=5), expiration=DAY.replace(year=2028),
                additional_insured=True)
    assert not Request.objects.exists()
    assert world.smtp.messages == []


def test_merging_moves_the_communications_and_closes_the_duplicates_request(world):
    from coitrack.outreach.models import CloseReason, CommunicationLog, PortalLink
    from coitrack.outreach.services.portal import issue_link
    from coitrack.testing import factories
    from coitrack.vendors.services.merge import merge_vendors

    duplicate = factories.vendor(world.org, "Summit Roofing")
    factories.contact(duplicate, email="office@summit.example")
    from coitrack.outreach.services.requests import request_now

    request = request_now(vendor=duplicate, actor=world.owner)
    issue_link(vendor=duplicate, request=request)
    merge_vendors(organization=world.org, survivor=world.vendor, duplicate=duplicate,
                  actor=world.owner)
    request.refresh_from_db()
    assert request.close_reason == CloseReason.MERGED and request.vendor_id == world.vendor.pk
    assert not CommunicationLog.objects.filter(vendor=duplicate).exists()
    assert CommunicationLog.objects.filter(vendor=world.vendor).exists()
    assert not PortalLink.objects.filter(vendor=duplicate, revoked_at__isnull=True).exists()
