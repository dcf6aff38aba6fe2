"""The SMTP receiver, against real servers: an outreach e-mail goes out through one (aiosmtpd),
the vendor's reply comes back through ours (``coitrack inbound_smtp``), sent with smtplib."""

from __future__ import annotations

import logging
import smtplib

import pytest
from django.core.management import CommandError, call_command

from coitrack.certificates.models import Certificate, CertificateSource
from coitrack.outreach.models import InboundMessage, InboundStatus, RequestStatus
from coitrack.outreach.services import inbound_smtp
from coitrack.outreach.services.inbound_smtp import InboundSmtpServer
from coitrack.outreach.services.outbox import deliver_due, queue
from coitrack.outreach.services.requests import request_now
from coitrack.outreach.tests.inbound_mail import INBOUND, email, pdf_bytes
from coitrack.testing import factories
from coitrack.testing.smtp import SmtpServer, free_port, mailers
from coitrack.vendors.models import ContactRole

# The receiver processes each message in its own thread: the data must be committed to be seen.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def outgoing(settings):
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    server = SmtpServer()
    server.start()
    settings.MAILERS = mailers(server.port)
    settings.INBOUND_ADDRESS = INBOUND
    yield server
    server.stop()


@pytest.fixture
def receiver(settings):
    settings.INBOUND_ADDRESS = INBOUND
    server = InboundSmtpServer(inbound_address=INBOUND, port=free_port())
    server.start()
    yield server
    server.stop()


def send(receiver, raw: bytes, to: list[str]) -> None:
    with smtplib.SMTP("127.0.0.1", receiver.controller.port, timeout=10) as client:
        client.sendmail("dana@summit.example", to, raw)


@pytest.fixture
def vendor(org):
    vendor = factories.vendor(org, "Summit Roofing LLC")
    factories.contact(vendor, name="Dana Reyes", email="dana@summit.example",
                      role=ContactRole.VENDOR, is_primary=True)
    return vendor


def test_a_reply_with_a_pdf_to_an_outreach_email_files_a_certificate_and_answers_the_request(
        outgoing, receiver, vendor, reviewer_user):
    request = request_now(vendor=vendor, actor=reviewer_user)
    queue(organization=vendor.organization, vendor=vendor, request=request, kind="request",
          dedupe_key="test:1", to=["dana@summit.example"], subject="Certificate needed",
          text="Please send your certificate.")
    deliver_due()
    [(_, sent)] = outgoing.messages
    reply_to = sent["Reply-To"].addresses[0].addr_spec
    assert reply_to.startswith("certificates+") and reply_to.endswith("@coi.example.org")

    send(receiver, email(to=reply_to, subject=f"RE: {sent['Subject']}",
                         files=[("COI.pdf", pdf_bytes(), "application/pdf")]), [reply_to])

    certificate = Certificate.objects.get(vendor=vendor)
    assert certificate.source == CertificateSource.EMAIL
    request.refresh_from_db()
    assert request.status == RequestStatus.ANSWERED
    assert InboundMessage.objects.get().certificate == certificate


def test_without_an_inbound_address_emails_carry_no_reply_address(outgoing, vendor, settings):
    settings.INBOUND_ADDRESS = ""
    queue(organization=vendor.organization, vendor=vendor, kind="request", dedupe_key="t:2",
          to=["dana@summit.example"], subject="Certificate needed", text="Please.")
    deliver_due()
    [(_, sent)] = outgoing.messages
    assert sent["Reply-To"] is None


def test_the_same_message_sent_twice_is_recorded_once(receiver, vendor):
    raw = email(to=INBOUND, text="Where do I send it?")
    send(receiver, raw, [INBOUND])
    send(receiver, raw, [INBOUND])
    assert InboundMessage.objects.get().status == InboundStatus.UNMATCHED


def test_only_the_inbound_mailbox_is_accepted(receiver):
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        send(receiver, email(to="someone@elsewhere.example"), ["someone@elsewhere.example"])
    assert refused.value.recipients["someone@elsewhere.example"][0] == 550
    assert not InboundMessage.objects.exists()


def test_a_message_over_the_size_limit_is_refused_by_the_protocol(monkeypatch, settings):
    monkeypatch.setattr(inbound_smtp, "MAX_MESSAGE_BYTES", 100_000)
    settings.INBOUND_ADDRESS = INBOUND
    server = InboundSmtpServer(inbound_address=INBOUND, port=free_port())
    server.start()
    try:
        big = email(files=[("big.pdf", pdf_bytes() + b"%" * 200_000, "application/pdf")])
        with pytest.raises((smtplib.SMTPSenderRefused, smtplib.SMTPDataError)) as refused:
            send(server, big, [INBOUND])
        assert refused.value.smtp_code == 552
    finally:
        server.stop()
    assert not InboundMessage.objects.exists()


def test_trouble_on_our_side_asks_the_sending_server_to_try_again(settings):
    def broken(raw, recipients):
        raise OSError("storage unreachable")

    settings.INBOUND_ADDRESS = INBOUND
    server = InboundSmtpServer(inbound_address=INBOUND, port=free_port(), receive=broken)
    server.start()
    try:
        with pytest.raises(smtplib.SMTPDataError) as refused:
            send(server, email(), [INBOUND])
        assert refused.value.smtp_code == 451
    finally:
        server.stop()


def test_the_command_needs_an_inbound_address(settings):
    settings.INBOUND_ADDRESS = ""
    with pytest.raises(CommandError, match="COITRACK_INBOUND_ADDRESS"):
        call_command("inbound_smtp", "--port", "2599")
