"""The outbox: e-mails are rows written with the change that causes them, sent by the worker.

Queuing (:func:`queue`) happens inside the caller's transaction: a rolled-back change sends
nothing, a committed one cannot lose its message. Delivery (:func:`deliver_due`) claims each due
row with a conditional UPDATE (pending/retrying -> sending), so two workers never send the same
row; then it talks to the mail server:

- accepted: ``sent``;
- refused for good (a 5xx answer: unknown mailbox, rejected sender...): ``rejected``, shown on the
  vendor's communications log, never retried;
- anything else (server down, timeout, 4xx): ``retrying`` with a growing pause
  (:data:`BACKOFF`), and ``failed`` after the last attempt.

A worker that dies between the server accepting a message and the row being marked sent leaves it
``sending``; after :data:`STALE_AFTER` it is tried again. That is the one case that can deliver a
second copy (no protocol can rule it out with SMTP); the copy has the same ``Message-ID``, which
mail programs use to show it once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import smtplib
import socket
from collections.abc import Iterable

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from coitrack.outreach.models import LogKind, MessageStatus, OutboxMessage
from coitrack.outreach.services.log import log

logger = logging.getLogger(__name__)

BACKOFF = (dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=15),
           dt.timedelta(hours=1), dt.timedelta(hours=3), dt.timedelta(hours=8),
           dt.timedelta(hours=24))
MAX_ATTEMPTS = len(BACKOFF) + 1
STALE_AFTER = dt.timedelta(minutes=15)
DUE = (MessageStatus.PENDING, MessageStatus.RETRYING)


def queue(*, organization, dedupe_key: str, to: Iterable[str], subject: str, text: str,
          html: str = "", kind: str, vendor=None, request=None, audience: str = "vendor",
          cc: Iterable[str] = (), reply_to: str = "", now=None, kick: bool = True,
          attachments: Iterable[tuple[str, str, bytes]] = (),
          ) -> OutboxMessage | None:
    """Write one message to send (in the caller's transaction) and have it delivered after
    commit (``kick=False``: the caller asks once for many). Returns ``None`` when a message
    with ``dedupe_key`` exists already (nothing is written: that step was taken before).

    ``attachments``: ``(file name, content type, bytes)`` each; the bytes are written to the
    default storage now (under ``outbox/``) and attached at every delivery attempt."""
    now = now or timezone.now()
    if OutboxMessage.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    message = OutboxMessage.objects.create(
        organization=organization, vendor=vendor, request=request, kind=kind,
        audience=audience, dedupe_key=dedupe_key, to=sorted(set(to)), cc=sorted(set(cc)),
        reply_to=reply_to, subject=subject, text_body=text, html_body=html,
        next_attempt_at=now, attachments=_store_attachments(dedupe_key, attachments))
    if kick:
        kick_delivery()
    return message


def _store_attachments(dedupe_key: str, attachments) -> list[dict]:
    stored = []
    folder = hashlib.sha256(dedupe_key.encode()).hexdigest()[:24]
    for name, content_type, content in attachments:
        safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "attachment"
        path = default_storage.save(f"outbox/{folder}/{safe}", ContentFile(content))
        stored.append({"name": safe, "content_type": content_type, "path": path,
                       "size": len(content)})
    return stored


def kick_delivery() -> None:
    """Ask a worker to deliver what is due once the current transaction commits."""
    from coitrack.outreach.tasks import deliver_outbox

    deliver_outbox.enqueue()


def deliver_due(*, now=None, limit: int = 500) -> int:
    """Deliver up to ``limit`` due messages; return how many the mail server accepted."""
    now = now or timezone.now()
    OutboxMessage.objects.filter(
        status=MessageStatus.SENDING, claimed_at__lt=now - STALE_AFTER
    ).update(status=MessageStatus.RETRYING, next_attempt_at=now)
    ids = list(OutboxMessage.objects.filter(status__in=DUE, next_attempt_at__lte=now)
               .order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    sent = 0
    for pk in ids:
        if _claim(pk, now):
            sent += deliver_one(pk, now=now)
    return sent


def _claim(pk: int, now) -> bool:
    return bool(OutboxMessage.objects.filter(
        pk=pk, status__in=DUE, next_attempt_at__lte=now
    ).update(status=MessageStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1))


def deliver_one(pk: int, *, now=None) -> bool:
    """Send one claimed (``sending``) message and record the outcome. Never raises for
    mail-server trouble. Returns whether the server accepted it."""
    now = now or timezone.now()
    message = OutboxMessage.objects.select_related("vendor", "request").get(pk=pk)
    if message.status != MessageStatus.SENDING:
        return False
    try:
        email = _email(message)
        email.send()
    except Exception as error:  # every failure is recorded on the row
        _failed(message, error, now)
        return False
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(pk=pk, status=MessageStatus.SENDING).update(
            status=MessageStatus.SENT, sent_at=timezone.now(), last_error="",
            message_id=email.extra_headers.get("Message-ID", ""))
        if updated and message.vendor_id:
            log(vendor=message.vendor, request=message.request, message=message,
                kind=LogKind.MESSAGE_SENT,
                detail=f"{message.subject} - to {', '.join(message.to + message.cc)}")
        if updated and message.request_id:
            from coitrack.webhooks.services import request_sent

            request_sent(message)  # "request.sent" to the organization's webhooks
    return True


def message_id(message: OutboxMessage) -> str:
    """The same Message-ID for every attempt of one row."""
    domain = settings.PUBLIC_URL.split("//")[-1].split("/")[0].split(":")[0] or "coitrack"
    return f"<outbox-{message.pk}-{message.organization_id}@{domain}>"


def _email(message: OutboxMessage) -> EmailMultiAlternatives:
    text, html = message.text_body, message.html_body
    if OutboxMessage.PORTAL_LINK_MARK in text or OutboxMessage.PORTAL_LINK_MARK in html:
        from coitrack.outreach.services.portal import issue_link

        link = issue_link(vendor=message.vendor, request=message.request)
        text = text.replace(OutboxMessage.PORTAL_LINK_MARK, link)
        html = html.replace(OutboxMessage.PORTAL_LINK_MARK, link)
    reply_to = message.reply_to
    if settings.INBOUND_ADDRESS and message.vendor_id:
        # Replies come back to this vendor's own address (services/inbound_addresses.py).
        from coitrack.outreach.services.inbound_addresses import reply_address

        reply_to = reply_address(vendor=message.vendor, request=message.request)
    text = text.replace(OutboxMessage.REPLY_TO_MARK, reply_to)
    html = html.replace(OutboxMessage.REPLY_TO_MARK, reply_to)
    email = EmailMultiAlternatives(
        subject=message.subject, body=text, to=message.to, cc=message.cc,
        reply_to=[reply_to] if reply_to else None,
        headers={"Message-ID": message_id(message)})
    if html:
        email.attach_alternative(html, "text/html")
    for item in message.attachments or []:
        with default_storage.open(item["path"], "rb") as handle:
            email.attach(item["name"], handle.read(), item["content_type"])
    return email


def is_permanent(error: Exception) -> bool:
    """Whether the mail server refused the message for good (a 5xx answer)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code < 600
    return False


def _describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{who}: {code} {_text(text)}"
                         for who, (code, text) in error.recipients.items())
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    if isinstance(error, (ConnectionError, socket.timeout, OSError)):
        return f"mail server unreachable ({error.__class__.__name__}: {error})"
    return f"{error.__class__.__name__}: {error}"


def _text(value) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def _failed(message: OutboxMessage, error: Exception, now) -> None:
    detail = _describe(error)[:1000]
    if is_permanent(error):
        status, kind, next_at = MessageStatus.REJECTED, LogKind.MESSAGE_REJECTED, now
    elif message.attempts >= MAX_ATTEMPTS:
        status, kind, next_at = MessageStatus.FAILED, LogKind.MESSAGE_FAILED, now
    else:
        pause = BACKOFF[min(message.attempts, len(BACKOFF)) - 1]
        status, kind, next_at = MessageStatus.RETRYING, LogKind.MESSAGE_RETRY, now + pause
    logger.warning("Outbox message %s: %s (%s)", message.pk, detail, status)
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(pk=message.pk, status=MessageStatus.SENDING).update(
            status=status, last_error=detail, next_attempt_at=next_at)
        if updated and message.vendor_id:
            log(vendor=message.vendor, request=message.request, message=message, kind=kind,
                detail=f"{message.subject} - to {', '.join(message.to)}: {detail}")


def pending_count(organization) -> int:
    return OutboxMessage.objects.filter(organization=organization).filter(
        Q(status__in=DUE) | Q(status=MessageStatus.SENDING)).count()
