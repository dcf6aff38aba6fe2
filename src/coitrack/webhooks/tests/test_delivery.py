"""Delivery to a real HTTP receiver on 127.0.0.1: signed payloads, retries with backoff after
5xx and timeouts, permanent failures, disabling after repeated failures, and sweeps that run at
the same time never sending one event twice."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.utils import timezone

from coitrack.accounts.models import Role
from coitrack.notifications.models import Notification
from coitrack.testing import factories
from coitrack.webhooks import signing, transport
from coitrack.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from coitrack.webhooks.services import delivery, emit

T0 = dt.datetime(2027, 3, 11, 12, 0, tzinfo=dt.UTC)


def emit_one(org, data=None):
    [row] = emit(org, "certificate.accepted", data or {"certificate": {"id": 7}}, now=T0)
    return row


def at(moment):
    return time_machine.travel(moment, tick=False)


def test_a_delivered_event_arrives_signed_with_its_headers_and_verifies(org, endpoint,
                                                                      receiver):
    row = emit_one(org, {"vendor": {"name": "Café Lumière"}})
    with at(T0):
        assert delivery.deliver_due() == 1
        now = timezone.now().timestamp()
    [got] = receiver.received
    assert got.path == "/hooks/coitrack"
    assert got.headers["Content-Type"] == "application/json"
    assert got.headers["Coitrack-Event"] == "certificate.accepted"
    assert got.headers["Coitrack-Delivery"] == str(row.event_id)
    assert signing.verify(got.body, got.headers["Coitrack-Signature"], endpoint.secret,
                          now=now) == int(now)
    payload = json.loads(got.body)
    assert payload["id"] == str(row.event_id) and payload["type"] == "certificate.accepted"
    assert payload["created"] == "2027-03-11T12:00:00Z"
    assert payload["organization"] == {"id": org.pk, "name": org.name}
    assert payload["data"] == {"vendor": {"name": "Café Lumière"}}
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_status_code) == (DeliveryStatus.DELIVERED, 1, 200)
    assert row.response_excerpt == "ok" and row.delivered_at is not None


def test_a_delivered_event_is_not_sent_again(org, endpoint, receiver):
    emit_one(org)
    with at(T0):
        assert delivery.deliver_due() == 1
        assert delivery.deliver_due() == 0
    assert len(receiver.received) == 1


def test_a_500_is_retried_after_the_pause_and_then_delivered_once(org, endpoint, receiver):
    receiver.answers = [(500, b"database down")]
    row = emit_one(org)
    with at(T0):
        assert delivery.deliver_due() == 0
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_status_code) == (DeliveryStatus.RETRYING, 1, 500)
    assert row.next_attempt_at == T0 + dt.timedelta(minutes=1)
    assert row.last_error == "HTTP 500 Internal Server Error"
    assert row.response_excerpt == "database down"
    with at(T0 + dt.timedelta(seconds=30)):
        assert delivery.deliver_due() == 0  # the pause is not over: not even tried
    assert len(receiver.received) == 1
    with at(T0 + dt.timedelta(minutes=1)):
        assert delivery.deliver_due() == 1
        assert delivery.deliver_due() == 0
    row.refresh_from_db()
    assert (row.status, row.attempts) == (DeliveryStatus.DELIVERED, 2)
    assert receiver.received[0].body == receiver.received[1].body  # the same bytes
    assert WebhookDelivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == 1


def test_retries_back_off_1m_5m_30m_2h_6h_then_the_delivery_fails(org, endpoint, receiver):
    receiver.default = (503, b"")
    row = emit_one(org)
    moment, pauses = T0, []
    for _ in range(delivery.MAX_ATTEMPTS):
        with at(moment):
            delivery.deliver_due()
        row.refresh_from_db()
        if row.status == DeliveryStatus.RETRYING:
            pauses.append(row.next_attempt_at - moment)
            moment = row.next_attempt_at
    assert pauses == [dt.timedelta(minutes=1), dt.timedelta(minutes=5),
                      dt.timedelta(minutes=30), dt.timedelta(hours=2), dt.timedelta(hours=6)]
    assert (row.status, row.attempts) == (DeliveryStatus.FAILED, 6)
    assert len(receiver.received) == 6
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 1 and endpoint.active


@pytest.mark.parametrize("status", [408, 429])
def test_timeout_and_rate_limit_answers_are_retried(org, endpoint, receiver, status):
    receiver.answers = [(status, b"")]
    row = emit_one(org)
    with at(T0):
        delivery.deliver_due()
    row.refresh_from_db()
    assert row.status == DeliveryStatus.RETRYING


def test_no_answer_in_time_is_retried(org, endpoint, receiver, monkeypatch):
    monkeypatch.setattr(transport, "TIMEOUT", 0.3)
    receiver.answers = [("sleep", 1.0)]
    row = emit_one(org)
    with at(T0):
        delivery.deliver_due()
    row.refresh_from_db()
    assert row.status == DeliveryStatus.RETRYING
    assert row.last_error == "No answer within 0.3 s." and row.last_status_code is None


def test_a_receiver_that_is_down_is_retried(org, receiver, settings):
    closed = WebhookEndpoint.objects.create(organization=org, url="http://127.0.0.1:9/x",
                                            events=["certificate.accepted"], secret="s")
    [row] = emit(org, "certificate.accepted", {}, now=T0, endpoints=[closed])
    with at(T0):
        delivery.deliver_due()
    row.refresh_from_db()
    assert row.status == DeliveryStatus.RETRYING
    assert row.last_error.startswith("Connection failed")


def test_a_410_fails_at_once_without_retrying(org, endpoint, receiver):
    receiver.default = (410, b"gone")
    row = emit_one(org)
    with at(T0):
        delivery.deliver_due()
    with at(T0 + dt.timedelta(days=1)):
        delivery.deliver_due()
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_status_code) == (DeliveryStatus.FAILED, 1, 410)
    assert len(receiver.received) == 1


def test_a_redirect_is_not_followed_and_fails_the_delivery(org, endpoint, receiver):
    receiver.answers = [(302, b"", {"Location": f"{receiver.url}/elsewhere"})]
    row = emit_one(org)
    with at(T0):
        delivery.deliver_due()
    row.refresh_from_db()
    assert (row.status, row.last_status_code) == (DeliveryStatus.FAILED, 302)
    assert [r.path for r in receiver.received] == ["/hooks/coitrack"]


def test_only_the_first_4_kb_of_the_answer_are_kept(org, endpoint, receiver):
    receiver.default = (200, b"x" * 100_000)
    row = emit_one(org)
    with at(T0):
        delivery.deliver_due()
    row.refresh_from_db()
    assert len(row.response_excerpt) == transport.EXCERPT_BYTES


def test_ten_failed_deliveries_in_a_row_disable_the_endpoint_and_tell_the_admins(
        org, endpoint, receiver, admin_user):
    reviewer = factories.user("rita", org=org, role=Role.REVIEWER)
    receiver.default = (410, b"gone")
    for _ in range(delivery.DISABLE_AFTER - 1):
        emit_one(org)
    with at(T0):
        delivery.deliver_due()
    endpoint.refresh_from_db()
    assert endpoint.active and endpoint.consecutive_failures == 9
    emit_one(org)
    waiting = emit_one(org)  # sent after the tenth failure: never
    with at(T0):
        assert delivery.deliver_due() == 0
    endpoint.refresh_from_db()
    assert not endpoint.active and endpoint.disabled_at is not None
    assert endpoint.disabled_reason.startswith("10 deliveries in a row failed; the last: "
                                               "HTTP 410")
    assert len(receiver.received) == 10
    waiting.refresh_from_db()
    assert waiting.status == DeliveryStatus.FAILED
    assert waiting.last_error == "Not sent: the endpoint was disabled."
    note = Notification.objects.get(kind="webhook_disabled")
    assert note.user == admin_user and note.url == f"/settings/webhooks/{endpoint.pk}/"
    assert not Notification.objects.filter(user=reviewer).exists()
    assert emit(org, "certificate.accepted", {}) == []  # nothing new is written for it


def test_a_success_resets_the_failure_count(org, endpoint, receiver):
    receiver.answers = [(410, b""), (410, b""), (200, b"")]
    for _ in range(3):
        emit_one(org)
    with at(T0):
        delivery.deliver_due()
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0


def test_two_sweeps_at_once_never_deliver_one_event_twice(org, endpoint, receiver):
    """Sweep A lists the due rows, sweep B delivers them meanwhile; A's claims then match no
    row, so A sends nothing."""
    rows = [emit_one(org) for _ in range(3)]
    with at(T0):
        listed_by_a = delivery.due_ids(now=timezone.now())
        assert delivery.deliver_due() == 3  # sweep B
        taken_by_a = [pk for pk in listed_by_a if delivery.claim(pk, now=timezone.now())]
    assert sorted(listed_by_a) == sorted(r.pk for r in rows) and taken_by_a == []
    assert len(receiver.received) == 3
    assert len({r.headers["Coitrack-Delivery"] for r in receiver.received}) == 3


def test_a_row_claimed_by_another_worker_is_left_alone_until_it_is_stale(org, endpoint,
                                                                       receiver):
    row = emit_one(org)
    with at(T0):
        assert delivery.claim(row.pk, now=timezone.now())  # a worker that then died
        assert delivery.deliver_due() == 0
    with at(T0 + delivery.STALE_AFTER + dt.timedelta(seconds=1)):
        assert delivery.deliver_due() == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (DeliveryStatus.DELIVERED, 2)
    assert len(receiver.received) == 1


def test_a_rotated_secret_signs_the_retries(org, endpoint, receiver):
    from coitrack.webhooks.services.endpoints import rotate_secret

    receiver.answers = [(500, b"")]
    emit_one(org)
    with at(T0):
        delivery.deliver_due()
    rotate_secret(endpoint, actor="system")
    with at(T0 + dt.timedelta(minutes=1)):
        delivery.deliver_due()
        now = timezone.now().timestamp()
    retry = receiver.received[1]
    signing.verify(retry.body, retry.headers["Coitrack-Signature"], endpoint.secret, now=now)
