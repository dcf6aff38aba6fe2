"""E-mail through a real SMTP server (aiosmtpd), and a mail server that is down.

The flagged certificate is entered through the edit page, as a reviewer does; what the server
receives is what a person's mailbox would.
"""

from __future__ import annotations

import socket
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller

from coitrack.certificates.models import CertificateStatus
from coitrack.notifications.models import Notification
from coitrack.review.tests.conftest import renewal_data

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler keeping every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content,
                                                                    policy=default_policy)))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _smtp(settings, port: int) -> None:
    settings.MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
    }}


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    _smtp(settings, port)
    yield inbox
    controller.stop()


def test_the_flag_mail_reaches_a_real_smtp_server(
    smtp_server, settings, reviewer_client, enter, arriving, owner, reviewer_user
):
    settings.PUBLIC_URL = "https://coi.example.org"
    enter(reviewer_client, arriving, renewal_data(cert={"insured_name": "Someone Else Inc"}))

    received = {tuple(to): message for to, message in smtp_server.messages}
    assert set(received) == {(owner.email,), (reviewer_user.email,)}
    message = received[(owner.email,)]
    assert message["Subject"].startswith(f"Certificate #{arriving.pk} of Summit Roofing LLC "
                                         "needs review")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    link = f"https://coi.example.org/certificates/{arriving.pk}/"
    assert f"Open it in coitrack: {link}" in text
    assert 'The named insured "Someone Else Inc" does not match' in text
    assert f'href="{link}"' in html
    assert all(n.emailed_at is not None for n in Notification.objects.all())


def test_a_mail_server_that_is_down_does_not_break_the_request(
    settings, reviewer_client, enter, arriving, owner, caplog
):
    _smtp(settings, _free_port())  # nothing listens there: connections are refused

    response = enter(reviewer_client, arriving,
                     renewal_data(cert={"insured_name": "Someone Else Inc"}))

    assert response.status_code == 302
    assert arriving.status == CertificateStatus.NEEDS_REVIEW
    notifications = Notification.objects.all()
    assert {n.user for n in notifications} >= {owner}
    assert all(n.emailed_at is None for n in notifications)
    assert "could not be e-mailed" in caplog.text
