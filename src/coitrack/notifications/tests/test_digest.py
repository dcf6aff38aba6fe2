"""The digest: once per member and period, through the outbox, with the period's digest-only
notifications and a summary of the member's vendors."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from coitrack.accounts.models import Membership, Role
from coitrack.notifications import events
from coitrack.notifications.models import Delivery, Digest, DigestSettings
from coitrack.notifications.services import publish
from coitrack.notifications.services.digest import period_for, send_due_digests
from coitrack.notifications.tests.helpers import choose
from coitrack.outreach.models import Audience, OutboxMessage
from coitrack.outreach.services.outbox import deliver_due
from coitrack.testing import factories
from coitrack.testing.smtp import SmtpServer, mailers

NY = ZoneInfo("America/New_York")
MONDAY_8AM = dt.datetime(2026, 3, 2, 8, 0, tzinfo=NY)  # a Monday


def _rhythm(frequency="daily", hour=7, weekday=0) -> DigestSettings:
    return DigestSettings(frequency=frequency, hour=hour, weekday=weekday)


@pytest.mark.parametrize(("rhythm", "now", "period"), [
    (_rhythm(hour=7), dt.datetime(2026, 3, 2, 8, 0), dt.date(2026, 3, 2)),
    (_rhythm(hour=9), dt.datetime(2026, 3, 2, 8, 0), dt.date(2026, 3, 1)),
    (_rhythm("weekly", 7, 0), dt.datetime(2026, 3, 4, 8, 0), dt.date(2026, 3, 2)),
    (_rhythm("weekly", 9, 0), dt.datetime(2026, 3, 2, 8, 0), dt.date(2026, 2, 23)),
    (_rhythm("weekly", 7, 4), dt.datetime(2026, 3, 2, 8, 0), dt.date(2026, 2, 27)),
])
def test_the_period_is_the_latest_digest_moment_that_has_passed(rhythm, now, period):
    assert period_for(rhythm, now)[0] == period


@pytest.fixture
def world(org):
    org.time_zone = "America/New_York"
    org.save()
    owner = factories.user("olga", org=org, role=Role.VIEWER)
    choose(owner, org, events.VENDOR_EXPIRED, events.DIGEST)
    vendor = factories.vendor(org, "Summit Roofing LLC", owner=owner,
                              compliance_status="expired",
                              next_expiration=dt.date(2026, 3, 20))
    return org, owner, vendor


def _expired(org, vendor, when):
    import time_machine

    with time_machine.travel(when, tick=False):
        publish(events.VENDOR_EXPIRED, org, vendor=vendor, title=f"{vendor} expired",
                url=f"/vendors/{vendor.pk}/")


def test_a_digest_goes_out_once_per_period_however_often_the_job_runs(world):
    org, owner, vendor = world
    _expired(org, vendor, MONDAY_8AM - dt.timedelta(hours=5))
    assert send_due_digests(now=MONDAY_8AM) == 1
    assert send_due_digests(now=MONDAY_8AM + dt.timedelta(minutes=15)) == 0
    assert Digest.objects.count() == 1
    message = OutboxMessage.objects.get(kind="digest")
    assert message.to == [owner.email] and message.audience == Audience.STAFF
    assert message.subject == "Daily digest: 1 notification · Harbor Point Properties"


def test_the_digest_lists_the_notifications_and_summarizes_the_vendors(world):
    org, _owner, vendor = world
    _expired(org, vendor, MONDAY_8AM - dt.timedelta(hours=5))
    send_due_digests(now=MONDAY_8AM)
    text = OutboxMessage.objects.get(kind="digest").text_body
    assert "Vendor expired (1)\n- Summit Roofing LLC expired" in text
    assert "Your vendors (the vendors you own)\n- Expired: 1" in text
    assert "Expiring within 30 days: 1\n- Summit Roofing LLC: Mar 20, 2026" in text


def test_each_digested_notification_records_its_delivery(world):
    org, _owner, vendor = world
    _expired(org, vendor, MONDAY_8AM - dt.timedelta(hours=5))
    send_due_digests(now=MONDAY_8AM)
    delivery = Delivery.objects.get(transport=Delivery.Transport.DIGEST)
    assert delivery.message == OutboxMessage.objects.get(kind="digest")
    assert delivery.state == "queued"


def test_nothing_to_tell_is_recorded_without_an_email(world):
    assert send_due_digests(now=MONDAY_8AM) == 0
    assert Digest.objects.get().notification_count == 0
    assert not OutboxMessage.objects.exists()


def test_the_next_digest_covers_only_what_came_after_the_last(world):
    org, _owner, vendor = world
    _expired(org, vendor, MONDAY_8AM - dt.timedelta(hours=5))
    send_due_digests(now=MONDAY_8AM)
    _expired(org, vendor, MONDAY_8AM + dt.timedelta(hours=3))
    assert send_due_digests(now=MONDAY_8AM + dt.timedelta(days=1)) == 1
    assert list(Digest.objects.order_by("period").values_list("notification_count", flat=True)
                ) == [1, 1]


def test_before_the_chosen_hour_the_previous_day_is_due(world):
    org, owner, vendor = world
    DigestSettings.objects.create(membership=Membership.objects.get(user=owner), hour=9)
    _expired(org, vendor, MONDAY_8AM - dt.timedelta(hours=5))
    send_due_digests(now=MONDAY_8AM)
    assert Digest.objects.get().period == dt.date(2026, 3, 1)


def test_members_who_never_chose_a_digest_are_left_alone(org, admin_user):
    assert send_due_digests(now=MONDAY_8AM) == 0
    assert not Digest.objects.exists()


def test_the_digest_reaches_a_real_smtp_server(world, settings):
    org, owner, vendor = world
    server = SmtpServer()
    server.start()
    try:
        settings.MAILERS = mailers(server.port)
        _expired(org, vendor, MONDAY_8AM - dt.timedelta(hours=5))
        send_due_digests(now=MONDAY_8AM)
        deliver_due(now=MONDAY_8AM)
        [(to, message)] = server.messages
        assert to == [owner.email]
        assert "Summit Roofing LLC expired" in message.get_body(("plain",)).get_content()
    finally:
        server.stop()
