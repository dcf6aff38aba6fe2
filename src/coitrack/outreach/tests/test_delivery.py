"""Delivery through a real SMTP server: sent once, retried when the server is down, rejections
kept visible, and ticks that run twice or at the same time never queue a second copy."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from coitrack.outreach.models import LogKind, MessageStatus, OutboxMessage, Request
from coitrack.outreach.services import outbox
from coitrack.outreach.services.tick import tick

pytestmark = pytest.mark.django_db

DAY = dt.date(2027, 3, 11)  # a Thursday; the policy below expires 30 days later


@pytest.fixture
def due(world):
    world.certificate(expiration=DAY + dt.timedelta(days=30))
    return world


def test_a_due_request_reaches_the_vendor_once_with_a_working_portal_link(due, client):
    with time_machine.travel(due.at(DAY), tick=False):
        tick()
        tick()  # a second pass changes nothing
        assert outbox.deliver_due() == 1
        assert outbox.deliver_due() == 0
    [(to, email)] = due.smtp.messages
    assert to == ["dana@summit.example"]
    text = email.get_body(("plain",)).get_content()
    link = next(w for w in text.split() if w.startswith("https://coi.example.org/portal/"))
    assert email["Message-ID"].startswith("<outbox-")
    path = link.removeprefix("https://coi.example.org")
    with time_machine.travel(due.at(DAY), tick=False):
        assert client.get(path).status_code == 200


def test_a_mail_server_that_is_down_gets_the_message_once_it_is_back(due):
    due.smtp.stop()
    with time_machine.travel(due.at(DAY), tick=False):
        tick()
        assert outbox.deliver_due() == 0
    message = OutboxMessage.objects.get()
    assert message.status == MessageStatus.RETRYING and message.attempts == 1
    assert "unreachable" in message.last_error
    assert message.next_attempt_at == due.at(DAY) + outbox.BACKOFF[0]
    with time_machine.travel(due.at(DAY) + dt.timedelta(seconds=30), tick=False):
        assert outbox.deliver_due() == 0  # the pause is not over: not even tried
    due.smtp.start()
    with time_machine.travel(due.at(DAY) + dt.timedelta(minutes=2), tick=False):
        assert outbox.deliver_due() == 1
        assert outbox.deliver_due() == 0
    assert len(due.smtp.messages) == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.attempts == 2
    kinds = list(due.vendor.communications.values_list("kind", flat=True))
    assert LogKind.MESSAGE_RETRY in kinds and LogKind.MESSAGE_SENT in kinds


def test_the_pause_between_attempts_grows_and_delivery_gives_up_at_last(due):
    due.smtp.stop()
    moment = due.at(DAY)
    with time_machine.travel(moment, tick=False):
        tick()
    for attempt in range(outbox.MAX_ATTEMPTS):
        with time_machine.travel(moment, tick=False):
            outbox.deliver_due()
        message = OutboxMessage.objects.get()
        assert message.attempts == attempt + 1
        moment = message.next_attempt_at
    assert message.status == MessageStatus.FAILED
    assert due.vendor.communications.filter(kind=LogKind.MESSAGE_FAILED).count() == 1


def test_a_permanent_rejection_is_not_retried_and_shows_on_the_vendor(due):
    due.smtp.inbox.refuse.add("dana@summit.example")
    with time_machine.travel(due.at(DAY), tick=False):
        tick()
        outbox.deliver_due()
    with time_machine.travel(due.at(DAY) + dt.timedelta(days=1), tick=False):
        assert outbox.deliver_due() == 0
    message = OutboxMessage.objects.get()
    assert message.status == MessageStatus.REJECTED and message.attempts == 1
    assert "550" in message.last_error
    rejected = due.vendor.communications.get(kind=LogKind.MESSAGE_REJECTED)
    assert "dana@summit.example" in rejected.detail and "550" in rejected.detail
    assert due.smtp.messages == []


def test_a_tick_that_lost_the_race_sends_nothing(due):
    """Two processes load the same due request; the first takes the step, the second's
    conditional update finds the step gone and queues nothing."""
    from coitrack.outreach.services import tick as tick_module

    with time_machine.travel(due.at(DAY), tick=False):
        tick()  # opens the request; its first step is due now... and taken
        request = Request.objects.get()
        stale = Request.objects.select_related("vendor").get(pk=request.pk)
        stale.step -= 1  # what a second process loaded before the first one committed
        stale.last_sent_on = None
        report = tick_module.TickReport()
        from coitrack.chasing.schedule import Schedule
        from coitrack.compliance.services.clock import organization_zone
        from coitrack.outreach.services.owed import owed_by_vendor

        owed = owed_by_vendor([due.vendor.pk], today=DAY, horizon=30)[due.vendor.pk]
        batch = tick_module._Batch()
        tick_module._advance(stale, Schedule(), owed, {"vendor": ["dana@summit.example"]},
                             {}, organization_zone(due.org), DAY, due.at(DAY), report, batch,
                             due.org)
    assert report.messages == 0 and batch.messages == [] and batch.logs == []
    assert OutboxMessage.objects.count() == 1


def test_the_same_step_cannot_be_queued_twice():
    """The dedupe key is unique in the database: a second row for one step is refused."""
    from django.db import IntegrityError, transaction

    from coitrack.testing import factories

    org = factories.organization()
    fields = {"organization": org, "kind": "request", "dedupe_key": "request:1:step:1:vendor",
              "to": ["a@example.org"], "subject": "s", "text_body": "t",
              "next_attempt_at": dt.datetime(2027, 1, 1, tzinfo=dt.UTC)}
    OutboxMessage.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        OutboxMessage.objects.create(**fields)


def test_with_an_inbound_address_the_request_tells_where_to_reply(due, settings):
    settings.INBOUND_ADDRESS = "certificates@coi.example.org"
    with time_machine.travel(due.at(DAY), tick=False):
        tick()
        outbox.deliver_due()
    [(_, email)] = due.smtp.messages
    reply_to = email["Reply-To"]
    assert reply_to.startswith("certificates+") and reply_to.endswith("@coi.example.org")
    text = email.get_body(("plain",)).get_content()
    assert f"reply with the certificate attached ({reply_to})" in " ".join(text.split())
    assert "[[" not in text and "[[" not in email.get_body(("html",)).get_content()
    assert "certificates+" not in OutboxMessage.objects.get().text_body  # no token stored


def test_switching_automatic_requests_off_holds_open_requests(due):
    from coitrack.outreach.models import ScheduleSettings

    with time_machine.travel(due.at(DAY), tick=False):
        tick()  # opened and first request queued
    ScheduleSettings.objects.create(organization=due.org, parameters={"enabled": False})
    with time_machine.travel(due.at(DAY + dt.timedelta(days=7)), tick=False):
        tick()
    assert OutboxMessage.objects.count() == 1  # no reminder
    request = Request.objects.get()
    assert request.is_open and request.next_action_at.date() == DAY + dt.timedelta(days=8)
