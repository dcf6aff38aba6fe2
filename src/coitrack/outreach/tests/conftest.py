"""Outreach test fixtures: a real SMTP server, and a world whose days can be simulated."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest
import time_machine

from coitrack.accounts.models import Role
from coitrack.certificates.services.summary import refresh_vendor_summary
from coitrack.compliance.services.evaluation import evaluate_vendor
from coitrack.outreach.services.outbox import deliver_due
from coitrack.outreach.services.tick import tick
from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
from coitrack.testing import factories
from coitrack.testing.smtp import SmtpServer, mailers
from coitrack.vendors.models import ContactRole

ZONE = ZoneInfo("America/New_York")
GL_TEMPLATE = {
    "name": "Contractor",
    "certificate_holder": {"name": "Harbor Point Properties LLC",
                           "address": "1 Harbor Way, Boston MA 02110", "match": "normalized"},
    "coverages": [{"coverage": "general_liability",
                   "limits": {"each_occurrence": 1000000}, "additional_insured": True}],
}


@pytest.fixture
def smtp(settings):
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    server = SmtpServer()
    server.start()
    settings.MAILERS = mailers(server.port)
    settings.PUBLIC_URL = "https://coi.example.org"
    yield server
    server.stop()


@dataclass
class Sent:
    day: dt.date
    kind: str
    to: tuple[str, ...]
    subject: str
    text: str


@dataclass
class World:
    """One organization (New York time), one vendor with a contact, an agent and an owner,
    a template requiring general liability, and a clock that can be moved day by day."""

    org: object
    vendor: object
    owner: object
    smtp: SmtpServer
    on_commit: object
    sent: list[Sent] = field(default_factory=list)

    def at(self, day: dt.date, hour: int = 10):
        return dt.datetime.combine(day, dt.time(hour), tzinfo=ZONE)

    def certificate(self, *, expiration: dt.date, effective: dt.date | None = None,
                    additional_insured: bool = True, status: str = "accepted"):
        cert = factories.certificate(
            self.vendor, status=status, expiration=expiration,
            effective=effective or expiration - dt.timedelta(days=365))
        cert.holder_name = "Harbor Point Properties LLC"
        cert.holder_address = "1 Harbor Way, Boston MA 02110"
        cert.save()
        cert.policies.update(additional_insured=additional_insured)
        refresh_vendor_summary(self.vendor)
        evaluate_vendor(self.vendor)
        self.vendor.refresh_from_db()
        return cert

    def answer(self, *, expiration: dt.date, additional_insured: bool = True):
        """The vendor sends a certificate (through the portal): it awaits review."""
        from coitrack.certificates.models import CertificateSource
        from coitrack.outreach.services.answers import certificate_received

        cert = factories.certificate(
            self.vendor, status="received", expiration=expiration,
            effective=expiration - dt.timedelta(days=365), received_date=dt.date.today())
        cert.holder_name = "Harbor Point Properties LLC"
        cert.holder_address = "1 Harbor Way, Boston MA 02110"
        cert.source = CertificateSource.PORTAL
        cert.save()
        cert.policies.update(additional_insured=additional_insured)
        certificate_received(certificate=cert, actor="vendor portal")
        return cert

    def accept(self, cert) -> None:
        """A reviewer accepts ``cert``; what follows the commit runs."""
        from coitrack.certificates.services.status import accept_certificate

        with self.on_commit(execute=True):
            accept_certificate(certificate=cert, actor=self.owner)
        self.vendor.refresh_from_db()

    def run(self, start: dt.date, days: int, *, on_day=None, hours=(10,)) -> list[Sent]:
        """Simulate ``days`` days from ``start``: each day at ``hours`` (local) the clock
        moves there, ``on_day(day)`` may act, then the tick and the outbox run."""
        for offset in range(days):
            day = start + dt.timedelta(days=offset)
            for hour in hours:
                with time_machine.travel(self.at(day, hour), tick=False):
                    if on_day is not None:
                        on_day(day)
                    tick()
                    deliver_due()
            self._collect(day)
        return self.sent

    def _collect(self, day: dt.date) -> None:
        for to, email in self.smtp.messages[len(self.sent):]:
            self.sent.append(Sent(day, _kind(email["Subject"]), tuple(sorted(to)),
                                  email["Subject"], email.get_body(("plain",)).get_content()))

    def sequence(self) -> list[tuple[int, str, str]]:
        """``(days since the first message's day, kind, audience)`` of everything sent."""
        return [(s.day, s.kind, "agent" if "agent@" in " ".join(s.to) else "vendor")
                for s in self.sent]


def _kind(subject: str) -> str:
    if subject.startswith("Reminder"):
        return "reminder"
    if subject.startswith("Insurance expired"):
        return "followup"
    if "needs corrections" in subject:
        return "fix"
    if subject.startswith("Certificate of insurance request"):
        return "agent"
    return "request"


def in_app_only(user, org) -> None:
    """``user`` hears of every notification in the app only (no staff e-mail in the outbox)."""
    from coitrack.accounts.models import Membership
    from coitrack.notifications import events
    from coitrack.notifications.models import NotificationPreference

    membership = Membership.objects.get(user=user, organization=org)
    NotificationPreference.objects.bulk_create([
        NotificationPreference(membership=membership, kind=key, channel=events.IN_APP,
                               scope=events.MINE) for key in events.KINDS])


@pytest.fixture
def world(db, smtp, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "coitrack.core.task_backend.HueyTaskBackend"}}
    org = factories.organization("Harbor Point Properties")
    org.time_zone = "America/New_York"
    org.save()
    owner = factories.user("olivia", org=org, role=Role.REVIEWER)
    in_app_only(owner, org)  # the SMTP server sees only the conversation with the vendor
    vendor = factories.vendor(org, "Summit Roofing LLC", owner=owner)
    factories.contact(vendor, name="Dana Reyes", email="dana@summit.example",
                      role=ContactRole.VENDOR, is_primary=True)
    factories.contact(vendor, name="Al Agent", email="agent@broker.example",
                      role=ContactRole.AGENT)
    template = RequirementTemplate.objects.create(organization=org, name=GL_TEMPLATE["name"],
                                                  data=GL_TEMPLATE)
    TemplateAssignment.objects.create(organization=org, template=template, vendor=vendor)
    return World(org=org, vendor=vendor, owner=owner, smtp=smtp,
                 on_commit=django_capture_on_commit_callbacks)
