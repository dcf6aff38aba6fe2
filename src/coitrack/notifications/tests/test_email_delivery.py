"""Notification e-mails through the outbox to a real SMTP server (aiosmtpd); the e-mail
delivery follows the outbox row: sent, retrying while the server is down, failed when refused.

The flagged certificate is entered through the edit page, as a reviewer does; what the server
receives is what a person's mailbox would.
"""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.utils import timezone

from coitrack.certificates.models import CertificateStatus
from coitrack.notifications.models import Delivery, Notification
from coitrack.outreach.services.outbox import deliver_due
from coitrack.review.tests.conftest import renewal_data
from coitrack.testing.smtp import SmtpServer, mailers

pytestmark = pytest.mark.django_db
OTHER_INSURED = {"insured_name": "Someone Else Inc"}


@pytest.fixture
def smtp(settings):
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    server = SmtpServer()
    server.start()
    settings.MAILERS = mailers(server.port)
    settings.PUBLIC_URL = "https://coi.example.org"
    yield server
    server.stop()


def _email_states() -> dict[str, str]:
    return {d.notification.user.username: d.state for d in Delivery.objects.filter(
        transport=Delivery.Transport.EMAIL).select_related("notification__user", "message")}


def test_the_flag_mail_reaches_a_real_smtp_server(smtp, reviewer_client, enter, arriving,
                                                  owner, reviewer_user):
    enter(reviewer_client, arriving, renewal_data(cert=OTHER_INSURED))  # runs after commit
    deliver_due()

    received = {tuple(to): message for to, message in smtp.messages}
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
    assert _email_states() == {"olga": "sent", "rita": "sent"}
    assert all(n.emailed_at is not None for n in Notification.objects.all())


def test_a_mail_server_that_is_down_leaves_the_mail_retrying_and_the_request_unharmed(
        smtp, reviewer_client, enter, arriving, owner):
    smtp.stop()
    response = enter(reviewer_client, arriving, renewal_data(cert=OTHER_INSURED))
    deliver_due()

    assert response.status_code == 302
    assert arriving.status == CertificateStatus.NEEDS_REVIEW
    delivery = Delivery.objects.get(transport="email", notification__user=owner)
    assert delivery.state == "retrying"
    assert "mail server unreachable" in delivery.last_error
    assert Notification.objects.get(user=owner).emailed_at is None

    smtp.start()
    deliver_due(now=timezone.now() + dt.timedelta(minutes=2))  # after the first pause
    delivery.refresh_from_db()
    assert delivery.state == "sent"
    assert [to for to, _ in smtp.messages].count([owner.email]) == 1


def test_an_address_the_server_refuses_is_a_failed_delivery(smtp, reviewer_client, enter,
                                                             arriving, owner):
    smtp.inbox.refuse.add(owner.email)
    enter(reviewer_client, arriving, renewal_data(cert=OTHER_INSURED))
    deliver_due()
    assert _email_states() == {"olga": "failed", "rita": "sent"}


def test_the_list_shows_how_each_email_went(smtp, reviewer_client, enter, arriving):
    enter(reviewer_client, arriving, renewal_data(cert=OTHER_INSURED))
    deliver_due()
    page = reviewer_client.get("/notifications/").content.decode()
    assert "E-mail: sent" in page
