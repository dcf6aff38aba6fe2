"""Events are emitted where they happen, in that change's transaction, to the endpoints that
follow them (and only those, and only the organization's own)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import transaction

from coitrack.certificates.services.status import accept_certificate, mark_needs_review
from coitrack.compliance.services.evaluation import evaluate_vendor
from coitrack.outreach.models import Request
from coitrack.outreach.services import outbox
from coitrack.outreach.services.requests import record_answer
from coitrack.outreach.tests.conftest import smtp  # noqa: F401 - a real SMTP server, by name
from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
from coitrack.testing import factories
from coitrack.webhooks.models import WebhookDelivery, WebhookEndpoint
from coitrack.webhooks.services import deliver_due, emit
from coitrack.webhooks.signing import new_secret

NOW = dt.datetime(2027, 3, 11, 12, 0, tzinfo=dt.UTC)


def sent(event: str) -> list[dict]:
    return [json.loads(d.body) for d in WebhookDelivery.objects.filter(event=event)
            .order_by("pk")]


def open_request(vendor) -> Request:
    return Request.objects.create(organization=vendor.organization, vendor=vendor,
                                  reason="manual", opened_at=NOW, opened_on=NOW.date(),
                                  next_action_at=NOW)


def test_accepting_a_certificate_emits_certificate_accepted(org, endpoint, vendor, admin_user):
    cert = factories.certificate(vendor, status="needs_review")
    accept_certificate(certificate=cert, actor=admin_user)
    [event] = sent("certificate.accepted")
    assert event["data"]["certificate"]["id"] == cert.pk
    assert event["data"]["certificate"]["status"] == "accepted"
    assert event["data"]["previous_status"] == "needs_review"
    assert event["data"]["certificate"]["url"] == f"https://coi.example.org/certificates/{cert.pk}/"
    assert event["data"]["vendor"]["name"] == "Summit Roofing LLC"


def test_sending_a_certificate_to_review_emits_certificate_needs_review(org, endpoint, vendor,
                                                                       admin_user):
    cert = factories.certificate(vendor, status="received")
    mark_needs_review(certificate=cert, reason="The holder is wrong.", actor=admin_user)
    [event] = sent("certificate.needs_review")
    assert event["data"]["certificate"]["reason"] == "The holder is wrong."
    assert not sent("certificate.accepted")


def test_a_compliance_status_change_emits_vendor_status_changed(org, endpoint, vendor):
    factories.certificate(vendor)  # general liability 2026-01-01 to 2027-01-01
    template = RequirementTemplate.objects.create(
        organization=org, name="GL", data={"name": "GL",
                                           "coverages": [{"coverage": "general_liability"}]})
    TemplateAssignment.objects.create(organization=org, template=template, vendor=vendor)
    evaluate_vendor(vendor, as_of=dt.date(2026, 6, 1))
    evaluate_vendor(vendor, as_of=dt.date(2026, 6, 2))  # unchanged: nothing
    evaluate_vendor(vendor, as_of=dt.date(2027, 1, 5))
    changes = [(e["data"]["previous_status"], e["data"]["status"])
               for e in sent("vendor.status_changed")]
    assert changes == [("no_requirements", "compliant"), ("compliant", "expired")]
    assert sent("vendor.status_changed")[0]["data"]["vendor"]["id"] == vendor.pk


def test_a_message_about_a_request_accepted_by_the_mail_server_emits_request_sent(
        org, endpoint, vendor, smtp):  # noqa: F811 - the fixture imported above
    request = open_request(vendor)
    outbox.queue(organization=org, vendor=vendor, request=request, dedupe_key="r1",
                 to=["dana@summit.example"], subject="Certificate needed", text="Hello",
                 kind="request", kick=False)
    outbox.queue(organization=org, vendor=vendor, dedupe_key="n1", to=["x@summit.example"],
                 subject="No request", text="Hello", kind="notification", kick=False)
    assert outbox.deliver_due() == 2
    [event] = sent("request.sent")
    assert event["data"]["request"]["id"] == request.pk
    assert event["data"]["message"]["subject"] == "Certificate needed"
    assert event["data"]["message"]["sent_at"]


def test_a_message_the_mail_server_refuses_emits_nothing(org, endpoint, vendor, smtp):  # noqa: F811
    smtp.stop()
    outbox.queue(organization=org, vendor=vendor, request=open_request(vendor),
                 dedupe_key="r1", to=["dana@summit.example"], subject="Certificate needed",
                 text="Hello", kind="request", kick=False)
    outbox.deliver_due()
    assert not sent("request.sent")


def test_a_vendors_answer_emits_request_answered(org, endpoint, vendor):
    request = open_request(vendor)
    record_answer(vendor=vendor, channel="upload", detail="coi.pdf", now=NOW)
    [event] = sent("request.answered")
    assert event["data"]["request"]["id"] == request.pk
    assert event["data"]["request"]["status"] == "answered"
    assert (event["data"]["channel"], event["data"]["detail"]) == ("upload", "coi.pdf")


def test_an_answer_without_an_open_request_emits_nothing(org, endpoint, vendor):
    record_answer(vendor=vendor, channel="reply", detail="hello", now=NOW)
    assert not sent("request.answered")


def test_only_endpoints_following_the_event_receive_it(org, vendor, admin_user, receiver):
    follows = WebhookEndpoint.objects.create(organization=org, url=receiver.url, secret="a",
                                             events=["certificate.accepted"])
    WebhookEndpoint.objects.create(organization=org, url=receiver.url, secret="b",
                                   events=["request.sent"])
    WebhookEndpoint.objects.create(organization=org, url=receiver.url, secret="c",
                                   events=["certificate.accepted"], active=False)
    accept_certificate(certificate=factories.certificate(vendor, status="received"),
                       actor=admin_user)
    assert list(WebhookDelivery.objects.values_list("endpoint", flat=True)) == [follows.pk]


def test_another_organizations_endpoint_hears_nothing(org, other_org, vendor, admin_user,
                                                      receiver):
    WebhookEndpoint.objects.create(organization=other_org, url=receiver.url,
                                   secret=new_secret(), events=["certificate.accepted"])
    accept_certificate(certificate=factories.certificate(vendor, status="received"),
                       actor=admin_user)
    assert not WebhookDelivery.objects.exists()


def test_a_rolled_back_change_emits_nothing(org, endpoint, vendor, admin_user):
    with pytest.raises(RuntimeError), transaction.atomic():
        accept_certificate(certificate=factories.certificate(vendor, status="received"),
                           actor=admin_user)
        raise RuntimeError("the surrounding change fails")
    assert not WebhookDelivery.objects.exists()


def test_one_event_has_one_id_across_endpoints(org, endpoint, receiver):
    second = WebhookEndpoint.objects.create(organization=org, url=receiver.url, secret="s2",
                                            events=["request.answered"])
    rows = emit(org, "request.answered", {"x": 1})
    assert {r.endpoint_id for r in rows} == {endpoint.pk, second.pk}
    assert len({r.event_id for r in rows}) == 1


def test_an_accepted_certificate_reaches_the_receiver_after_commit(
        org, endpoint, vendor, admin_user, receiver, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        accept_certificate(certificate=factories.certificate(vendor, status="received"),
                           actor=admin_user)
    assert [r.headers["Coitrack-Event"] for r in receiver.received] == ["certificate.accepted"]
    assert deliver_due() == 0
