"""Replies by e-mail: each message is filed with its vendor by the token in its reply address,
or kept for a reviewer; limits, refusals and repeats (``services/inbound.py``)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.storage import default_storage

from coitrack.accounts.models import Role
from coitrack.audit.models import Event
from coitrack.certificates.models import Certificate, CertificateSource, Document
from coitrack.certificates.tests.samples import bomb_png
from coitrack.notifications.models import Notification
from coitrack.outreach.models import (
    CommunicationLog,
    InboundMatch,
    InboundMessage,
    InboundStatus,
    LogKind,
    PortalLink,
    RequestStatus,
)
from coitrack.outreach.services import inbound_parse
from coitrack.outreach.services.inbound import QUARANTINE_DAYS, receive_message
from coitrack.outreach.services.inbound_addresses import organization_address, reply_address
from coitrack.outreach.services.requests import request_now
from coitrack.outreach.tests.inbound_mail import INBOUND, email, image_bytes, pdf_bytes
from coitrack.testing import factories
from coitrack.vendors.models import ContactRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def vendor(org, settings):
    settings.INBOUND_ADDRESS = INBOUND
    vendor = factories.vendor(org, "Summit Roofing LLC")
    factories.contact(vendor, name="Dana Reyes", email="dana@summit.example",
                      role=ContactRole.VENDOR, is_primary=True)
    return vendor


@pytest.fixture
def request_(vendor, reviewer_user):
    return request_now(vendor=vendor, actor=reviewer_user)


def replies(vendor) -> list[str]:
    return list(CommunicationLog.objects.filter(vendor=vendor, kind=LogKind.REPLY)
                .order_by("pk").values_list("detail", flat=True))


def stored(prefix: str) -> list[str]:
    try:
        folders = default_storage.listdir(prefix)[0]
    except FileNotFoundError:
        return []
    return [f for folder in folders for f in default_storage.listdir(f"{prefix}/{folder}")[1]]


def test_a_reply_address_is_the_inbound_mailbox_plus_a_32_character_token(vendor, request_):
    address = reply_address(vendor=vendor, request=request_)
    local, _, domain = address.partition("@")
    assert domain == "coi.example.org" and local.startswith("certificates+")
    token = local.removeprefix("certificates+")
    assert inbound_parse.TOKEN_RE.fullmatch(token) and len(local) <= 64
    link = PortalLink.objects.get(vendor=vendor, request=request_)
    assert token not in link.token_hash  # only the hash is kept


def test_a_reply_with_a_pdf_becomes_an_email_certificate_that_answers_the_request(
        vendor, request_):
    received = receive_message(email(to=reply_address(vendor=vendor, request=request_),
                                     files=[("COI 2027.pdf", pdf_bytes(), "application/pdf")]))
    message = received.message
    assert message.status == InboundStatus.FILED and message.matched_by == InboundMatch.TOKEN
    certificate = Certificate.objects.get(vendor=vendor)
    assert message.certificate == certificate and message.vendor == vendor
    assert certificate.source == CertificateSource.EMAIL
    assert [d.original_name for d in certificate.documents.all()] == ["COI 2027.pdf"]
    request_.refresh_from_db()
    assert request_.status == RequestStatus.ANSWERED
    assert any("received by e-mail: COI 2027.pdf" in line for line in replies(vendor))
    assert Event.objects.filter(object_type="certificate", object_id=certificate.pk,
                                actor_label="e-mail from dana@summit.example").exists()


def test_several_attachments_make_one_certificate(vendor, request_):
    receive_message(email(to=reply_address(vendor=vendor), files=[
        ("coi.pdf", pdf_bytes(marker="a"), "application/pdf"),
        ("endorsement.pdf", pdf_bytes(marker="b"), "application/pdf")]))
    assert Certificate.objects.get(vendor=vendor).documents.count() == 2


def test_the_certificate_is_received_on_the_organizations_local_day(vendor, org):
    org.time_zone = "America/New_York"
    org.save()
    # 02:00 UTC on March 2 is still March 1 in New York.
    with time_machine.travel(dt.datetime(2027, 3, 2, 2, 0, tzinfo=dt.UTC), tick=False):
        address = reply_address(vendor=vendor)
        receive_message(email(to=address, files=[("c.pdf", pdf_bytes(), "application/pdf")]))
    assert Certificate.objects.get(vendor=vendor).received_date == dt.date(2027, 3, 1)


def test_a_reply_without_attachment_logs_its_first_lines_and_chasing_goes_on(vendor, request_):
    text = "Our agent will send it Friday.\n\nOn Mon, Mar 1, 2027 Harbor wrote:\n> Please send"
    message = receive_message(email(to=reply_address(vendor=vendor), text=text)).message
    assert message.status == InboundStatus.FILED and message.certificate is None
    assert message.excerpt == "Our agent will send it Friday."
    [line] = replies(vendor)
    assert line.startswith("Reply by e-mail from dana@summit.example")
    assert "Our agent will send it Friday." in line and "Please send" not in line
    request_.refresh_from_db()
    assert request_.status == RequestStatus.OPEN


def test_an_automatic_reply_is_logged_as_such(vendor):
    receive_message(email(to=reply_address(vendor=vendor), text="I am out of the office.",
                          headers={"Auto-Submitted": "auto-replied"}))
    assert replies(vendor)[0].startswith("Automatic reply from dana@summit.example")


def test_the_same_message_delivered_twice_is_filed_once(vendor):
    raw = email(to=reply_address(vendor=vendor),
                files=[("coi.pdf", pdf_bytes(), "application/pdf")])
    first = receive_message(raw)
    again = receive_message(raw)
    assert not first.duplicate and again.duplicate and again.message == first.message
    assert InboundMessage.objects.count() == 1 and Certificate.objects.count() == 1


def test_the_same_message_id_with_other_bytes_counts_once(vendor):
    address = reply_address(vendor=vendor)
    receive_message(email(to=address, message_id="<same@summit.example>", text="one"))
    assert receive_message(email(to=address, message_id="<same@summit.example>",
                                 text="two")).duplicate
    assert len(replies(vendor)) == 1


def test_an_altered_token_goes_to_the_unmatched_inbox_of_the_senders_organization(vendor):
    address = reply_address(vendor=vendor)
    token = address.split("+")[1].split("@")[0]
    altered = address.replace(token, ("b" if token[0] == "a" else "a") + token[1:])
    message = receive_message(email(to=altered, files=[
        ("coi.pdf", pdf_bytes(), "application/pdf")])).message
    assert message.status == InboundStatus.UNMATCHED
    assert message.organization == vendor.organization and message.suggested_vendor == vendor
    assert message.matched_by == InboundMatch.SENDER
    assert "not valid" in message.reason
    assert not Certificate.objects.exists() and not replies(vendor)
    assert message.raw and default_storage.exists(message.raw)
    assert message.attachments == [{"name": "coi.pdf", "content_type": "application/pdf",
                                    "size": len(pdf_bytes()), "problem": ""}]


@pytest.mark.parametrize("how", ["expired", "revoked"])
def test_an_expired_or_revoked_token_goes_to_unmatched_suggesting_its_vendor(vendor, how):
    address = reply_address(vendor=vendor)
    if how == "expired":
        PortalLink.objects.update(expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    else:
        PortalLink.objects.update(revoked_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    message = receive_message(email(to=address, sender="someone@else.example", files=[
        ("coi.pdf", pdf_bytes(), "application/pdf")])).message
    assert message.status == InboundStatus.UNMATCHED
    assert message.matched_by == InboundMatch.STALE_TOKEN
    assert message.organization == vendor.organization and message.suggested_vendor == vendor
    assert ("revoked" if how == "revoked" else "expired") in message.reason
    assert not Certificate.objects.exists()


def test_reviewers_are_told_of_an_unmatched_email(vendor, reviewer_user, viewer_user):
    receive_message(email(to=INBOUND, subject="COI for Summit"))
    assert Notification.objects.filter(user=reviewer_user, kind="inbound_unmatched").count() == 1
    assert not Notification.objects.filter(user=viewer_user).exists()


def test_mail_to_the_organizations_address_waits_in_its_inbox(vendor, org, other_org):
    address = organization_address(other_org)
    message = receive_message(email(to=address, sender="new@agency.example")).message
    assert message.organization == other_org and message.matched_by == InboundMatch.ORG_ADDRESS
    assert message.status == InboundStatus.UNMATCHED and message.suggested_vendor is None


def test_a_sender_known_in_two_organizations_goes_to_quarantine(vendor, other_org, caplog):
    twin = factories.vendor(other_org, "Summit Roofing LLC")
    factories.contact(twin, email="dana@summit.example", role=ContactRole.VENDOR)
    message = receive_message(email(to=INBOUND)).message
    assert message.organization is None and message.status == InboundStatus.UNMATCHED
    assert "kept in quarantine" in caplog.text


def test_quarantined_mail_is_deleted_after_30_days(vendor):
    with time_machine.travel(dt.datetime(2027, 3, 1, tzinfo=dt.UTC), tick=False):
        old = receive_message(email(to=INBOUND, sender="spam@nowhere.example")).message
    assert default_storage.exists(old.raw)
    later = dt.datetime(2027, 3, 1, tzinfo=dt.UTC) + dt.timedelta(days=QUARANTINE_DAYS, hours=1)
    with time_machine.travel(later, tick=False):
        receive_message(email(to=INBOUND, sender="spam@nowhere.example", text="again"))
    assert not InboundMessage.objects.filter(pk=old.pk).exists()
    assert not default_storage.exists(old.raw)


@pytest.mark.parametrize(("name", "content", "content_type", "reason"), [
    ("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf", "a Windows program"),
    ("scan.png", bomb_png(), "image/png", "megapixel limit"),
    ("coi.pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\n", "application/pdf", "damaged"),
])
def test_a_hostile_attachment_is_refused_with_its_reason_and_nothing_is_stored(
        vendor, request_, name, content, content_type, reason):
    documents, blobs_before = Document.objects.count(), stored("documents")
    message = receive_message(email(to=reply_address(vendor=vendor),
                                    files=[(name, content, content_type)])).message
    assert message.status == InboundStatus.REFUSED and reason in message.reason
    assert message.attachments[0]["problem"] and reason in message.attachments[0]["problem"]
    assert Document.objects.count() == documents and stored("documents") == blobs_before
    assert not Certificate.objects.exists()
    assert any("not filed as a certificate" in line and reason in line
               for line in replies(vendor))
    request_.refresh_from_db()
    assert request_.status == RequestStatus.OPEN


def test_a_good_pdf_is_filed_and_a_bad_file_beside_it_is_listed_as_refused(vendor):
    message = receive_message(email(to=reply_address(vendor=vendor), files=[
        ("coi.pdf", pdf_bytes(), "application/pdf"),
        ("notes.docx", b"PK\x03\x04" + b"\x00" * 100, "application/octet-stream")])).message
    assert message.status == InboundStatus.FILED and message.certificate is not None
    assert [row["problem"] != "" for row in message.attachments] == [False, True]
    assert "notes.docx" in message.reason


def test_a_message_over_the_size_limit_is_refused_whole(vendor, request_, monkeypatch):
    monkeypatch.setattr("coitrack.outreach.services.inbound.MAX_MESSAGE_BYTES", 50_000)
    monkeypatch.setattr("coitrack.outreach.services.inbound.parse", _small_parse)
    raw = email(to=reply_address(vendor=vendor),
                files=[("big.png", image_bytes(size=(400, 400), color="red") + b"\0" * 60_000,
                        "image/png")])
    message = receive_message(raw).message
    assert message.status == InboundStatus.REFUSED and "over the" in message.reason
    assert message.attachments == [] and message.raw == ""
    assert not Certificate.objects.exists() and not Document.objects.exists()
    assert any("refused" in line for line in replies(vendor))


def _small_parse(raw, **kwargs):
    return inbound_parse.parse(raw, max_bytes=50_000, **kwargs)


def test_more_than_20_files_are_refused_whole(vendor):
    files = [(f"c{i}.pdf", pdf_bytes(marker=str(i)), "application/pdf") for i in range(21)]
    message = receive_message(email(to=reply_address(vendor=vendor), files=files)).message
    assert message.status == InboundStatus.REFUSED and "21 files" in message.reason
    assert not Certificate.objects.exists()


def test_a_reply_for_two_vendors_at_once_waits_for_a_reviewer(vendor, org):
    other = factories.vendor(org, "Other Roofing")
    message = receive_message(email(to=[reply_address(vendor=vendor),
                                        reply_address(vendor=other)], files=[
        ("coi.pdf", pdf_bytes(), "application/pdf")])).message
    assert message.status == InboundStatus.UNMATCHED and message.organization == org
    assert "several vendors" in message.reason


def test_a_reply_to_a_deactivated_vendor_waits_for_a_reviewer(vendor, reviewer_user):
    address = reply_address(vendor=vendor)
    vendor.status = "inactive"
    vendor.save()
    message = receive_message(email(to=address)).message
    assert message.status == InboundStatus.UNMATCHED
    assert "no longer active" in message.reason


def test_the_envelope_recipient_counts_when_the_headers_do_not_show_it(vendor):
    address = reply_address(vendor=vendor)
    message = receive_message(email(to="undisclosed-recipients:;"),
                              recipients=[address]).message
    assert message.status == InboundStatus.FILED and message.vendor == vendor


def test_a_role_other_than_reviewer_is_not_told(vendor, org):
    admin = factories.user("ada", org=org, role=Role.ADMIN)
    receive_message(email(to=INBOUND))
    assert Notification.objects.filter(user=admin).count() == 1
