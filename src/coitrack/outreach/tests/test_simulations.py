"""120-day simulations: the exact sequence of messages for typical vendors.

Each day at 10:00 New York time the tick and the outbox run; what the SMTP server receives is
the record. Default schedule: first request 30 days before expiry, reminders every 7 days (at
most 3), the agent copied after 3 unanswered messages, follow-ups from the expiration day every
7 days (at most 4), unresponsive after 45 days, business days only, 09:00-17:00.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coitrack.outreach.models import CloseReason, LogKind, Request

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2027, 3, 1)
EXPIRES = dt.date(2027, 4, 10)  # a Saturday, 40 days after MONDAY


def d(month: int, day: int) -> dt.date:
    return dt.date(2027, month, day)


def test_a_vendor_that_never_answers(world):
    world.certificate(expiration=EXPIRES)
    world.run(MONDAY, 120)
    assert world.sequence() == [
        (d(3, 11), "request", "vendor"),      # 30 days before expiry
        (d(3, 18), "reminder", "vendor"),
        (d(3, 25), "reminder", "vendor"),
        (d(4, 1), "reminder", "vendor"),      # 3 unanswered before it: the agent is copied
        (d(4, 1), "agent", "agent"),
        (d(4, 12), "followup", "vendor"),     # expired Saturday: the next business day
        (d(4, 12), "agent", "agent"),
        (d(4, 19), "followup", "vendor"),
        (d(4, 19), "agent", "agent"),
        (d(4, 26), "followup", "vendor"),
        (d(4, 26), "agent", "agent"),
        (d(5, 3), "followup", "vendor"),
        (d(5, 3), "agent", "agent"),
    ]
    request = Request.objects.get(vendor=world.vendor)
    assert request.is_open and request.escalated_at and request.unresponsive_at
    assert request.unresponsive_at.date() == d(4, 26)  # 45 days after 3/11 is a Sunday
    kinds = list(request.log.order_by("at", "pk").values_list("kind", flat=True))
    assert kinds.count(LogKind.ESCALATED) == 1 and kinds.count(LogKind.UNRESPONSIVE) == 1
    assert world.owner.notifications.filter(kind="vendor_unresponsive").count() == 1
    assert world.owner.notifications.filter(kind="request_escalated").count() == 1
    assert CloseReason  # closes only in the other scenarios


def _closed(world) -> Request:
    request = Request.objects.get(vendor=world.vendor)
    assert not request.is_open
    return request


def test_a_vendor_that_answers_late(world):
    world.certificate(expiration=EXPIRES)
    renewal = {}

    def on_day(day):
        if day == d(4, 14):  # after the first follow-up
            renewal["cert"] = world.answer(expiration=d(4, 10).replace(year=2028))
        if day == d(4, 15):
            world.accept(renewal["cert"])

    world.run(MONDAY, 120, on_day=on_day)
    assert world.sequence() == [
        (d(3, 11), "request", "vendor"),
        (d(3, 18), "reminder", "vendor"),
        (d(3, 25), "reminder", "vendor"),
        (d(4, 1), "reminder", "vendor"),
        (d(4, 1), "agent", "agent"),
        (d(4, 12), "followup", "vendor"),
        (d(4, 12), "agent", "agent"),
    ]
    request = _closed(world)
    assert request.close_reason == CloseReason.COMPLIANT
    assert request.closed_at.date() == d(4, 15)
    assert request.unresponsive_at is None  # answered before 45 days


def test_a_vendor_that_sends_a_deficient_certificate_then_a_fixed_one(world):
    world.certificate(expiration=EXPIRES)
    sent = {}

    def on_day(day):
        if day == d(3, 15):  # a renewal without the additional insured
            sent["first"] = world.answer(expiration=d(4, 10).replace(year=2028),
                                         additional_insured=False)
        if day == d(3, 16):
            world.accept(sent["first"])
        if day == d(4, 2):
            sent["fixed"] = world.answer(expiration=d(4, 10).replace(year=2028))
        if day == d(4, 5):
            world.accept(sent["fixed"])

    world.run(MONDAY, 120, on_day=on_day)
    assert world.sequence() == [
        (d(3, 11), "request", "vendor"),
        (d(3, 16), "fix", "vendor"),          # the accepted renewal lacks additional insured
        (d(3, 23), "reminder", "vendor"),
        (d(3, 30), "reminder", "vendor"),
    ]
    fix = world.sent[1].text
    assert "additional insured" in fix.lower()
    assert "expires on" not in fix  # the renewal arrived: only the real gap is asked for
    request = _closed(world)
    assert request.close_reason == CloseReason.COMPLIANT
    assert request.closed_at.date() == d(4, 5)


def test_a_vendor_whose_project_ends(world):
    from coitrack.testing import factories
    from coitrack.vendors.models import VendorProject

    project = factories.project(world.org, "Pier 4 renovation", start_date=d(1, 1),
                                end_date=d(4, 20))
    VendorProject.objects.create(vendor=world.vendor, project=project)
    world.certificate(expiration=EXPIRES)
    world.run(MONDAY, 120)
    assert world.sequence() == [
        (d(3, 11), "request", "vendor"),
        (d(3, 18), "reminder", "vendor"),
        (d(3, 25), "reminder", "vendor"),
        (d(4, 1), "reminder", "vendor"),
        (d(4, 1), "agent", "agent"),
        (d(4, 12), "followup", "vendor"),
        (d(4, 12), "agent", "agent"),
        (d(4, 19), "followup", "vendor"),
        (d(4, 19), "agent", "agent"),
    ]
    request = _closed(world)
    assert request.close_reason == CloseReason.PROJECTS_ENDED
    assert request.closed_at.date() == d(4, 21)  # the project's last day was 4/20
