"""Receiving e-mail: file each reply with its vendor, or keep it for a reviewer.

:func:`receive_message` takes the bytes of one message (from any transport: the SMTP receiver
``inbound_smtp``, an IMAP poller) and decides, in this order:

1. **Seen before** (same Message-ID, else same bytes): nothing happens; the earlier record is
   returned. Two deliveries at the same moment meet the unique ``dedupe_key``; one wins.
2. **A live reply token** among the recipients (``inbound_addresses``; resolved with
   ``portal.resolve``) and all live tokens name one vendor: the message is *filed* with that
   vendor. Its acceptable attachments (PDF, PNG, JPEG, TIFF that pass the upload checks) become
   **one certificate** with source "e-mail" through ``upload_certificate`` (which logs the reply
   and pauses the open request), received on the organization's local date. Refused attachments
   are listed with their reasons, on the record and on the vendor's communications log; nothing
   of them is stored. A message with no certificate gets its first lines logged as a reply (an
   automatic reply says so), without pausing the request.
3. Otherwise the message is **unmatched** and kept (its bytes in storage, ``inbound/…eml``) for a
   reviewer of the organization it most likely belongs to:
   an expired or revoked token's organization (suggesting its vendor, or the vendor it was merged
   into); else the organization whose ``+org-<slug>`` address it was sent to; else the only
   organization where the sender is a vendor contact (suggesting that vendor when it is the only
   one). Reviewers are notified. Mail that fits none of these is kept in **quarantine** (no
   organization; nobody in the app sees it; logged) and deleted after :data:`QUARANTINE_DAYS`.
   Tokens and senders are weighed this way because only a token is a secret: a From address or a
   slug can be forged, so they only ever route to a person who decides.

A message over :data:`~inbound_parse.MAX_MESSAGE_BYTES` or with more than
:data:`~inbound_parse.MAX_ATTACHMENTS` files is *refused*: recorded with the reason (and logged on
the vendor when the token is live), nothing of its content stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from coitrack.accounts.models import Organization
from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.certificates import blobs
from coitrack.certificates.models import CertificateSource
from coitrack.certificates.services.upload import UploadFailed, upload_certificate
from coitrack.certificates.uploads import UploadRejected, format_limit, inspect_upload
from coitrack.compliance.services.clock import local_today
from coitrack.outreach.models import (
    InboundMatch,
    InboundMessage,
    InboundStatus,
    LogKind,
    PortalLink,
    Request,
)
from coitrack.outreach.services.inbound_parse import (
    MAX_ATTACHMENTS,
    MAX_MESSAGE_BYTES,
    Attachment,
    Parsed,
    parse,
)
from coitrack.outreach.services.log import log
from coitrack.outreach.services.portal import hash_token, resolve
from coitrack.vendors.models import Contact

logger = logging.getLogger(__name__)

QUARANTINE_DAYS = 30


@dataclass(frozen=True)
class Received:
    message: InboundMessage
    duplicate: bool = False


@dataclass
class Route:
    """Where a message goes: ``link`` set -> filed with its vendor; else kept for a reviewer of
    ``organization`` (none: quarantine), with ``reason`` saying why it could not be filed."""

    link: PortalLink | None = None
    organization: Organization | None = None
    suggested: object | None = None
    matched_by: str = InboundMatch.NONE
    reason: str = ""


def receive_message(raw: bytes, *, recipients: Sequence[str] = (), now=None) -> Received:
    """File or keep one received message (see the module docstring). ``recipients``: the
    envelope recipients when the transport knows them. Raises only for trouble of our own
    (database, storage), so a transport can ask the sender to try again later."""
    now = now or timezone.now()
    parsed = parse(raw, inbound_address=settings.INBOUND_ADDRESS,
                   envelope_recipients=recipients)
    existing = InboundMessage.objects.filter(dedupe_key=parsed.dedupe_key).first()
    if existing is not None:
        return Received(existing, duplicate=True)
    route = route_of(parsed)
    refusal = refusal_of(raw, parsed)
    try:
        if route.link is not None:
            message = _file(parsed, raw, route, refusal, now)
        else:
            message = _keep(parsed, raw, route, refusal, now)
    except IntegrityError:
        existing = InboundMessage.objects.filter(dedupe_key=parsed.dedupe_key).first()
        if existing is None:
            raise
        return Received(existing, duplicate=True)
    purge_quarantine(now=now)
    return Received(message)


def refusal_of(raw: bytes, parsed: Parsed) -> str:
    if not parsed.complete or len(raw) > MAX_MESSAGE_BYTES:
        return (f"The message is {format_limit(len(raw))}, over the "
                f"{format_limit(MAX_MESSAGE_BYTES)} accepted by e-mail.")
    if len(parsed.attachments) > MAX_ATTACHMENTS:
        return (f"The message carries {len(parsed.attachments)} files; at most "
                f"{MAX_ATTACHMENTS} are accepted by e-mail.")
    return ""


def route_of(parsed: Parsed) -> Route:
    """Decide where ``parsed`` goes (see the module docstring, steps 2 and 3)."""
    live = [link for link in (resolve(token) for token in parsed.tokens) if link is not None]
    vendors = {link.vendor_id for link in live}
    if len(vendors) == 1:
        return Route(link=live[0], organization=live[0].organization,
                     matched_by=InboundMatch.TOKEN)
    if live:
        orgs = {link.organization_id for link in live}
        return Route(organization=live[0].organization if len(orgs) == 1 else None,
                     matched_by=InboundMatch.TOKEN,
                     reason="It was sent to the reply addresses of several vendors.")
    stale = (PortalLink.objects.select_related("vendor__merged_into", "organization")
             .filter(token_hash__in=[hash_token(t) for t in parsed.tokens]).first())
    if stale is not None:
        vendor = stale.vendor.merged_into or stale.vendor
        why = ("it was revoked" if stale.revoked_at else "it has expired"
               if stale.expires_at <= timezone.now() else f"{stale.vendor} is no longer active")
        return Route(organization=stale.organization, suggested=vendor,
                     matched_by=InboundMatch.STALE_TOKEN,
                     reason=f"The reply address belongs to {stale.vendor}, but {why}.")
    unknown = ("The reply address is not valid (unknown or altered). " if parsed.tokens
               else "")
    org = Organization.objects.filter(slug__in=parsed.org_slugs).first()
    if org is not None:
        return Route(organization=org, suggested=_sender_vendor(parsed.sender, org),
                     matched_by=InboundMatch.ORG_ADDRESS,
                     reason=unknown + "It was sent to the organization's address, not to a "
                                      "vendor's reply address.")
    contacts = list(Contact.objects.filter(
        email__iexact=parsed.sender, vendor__merged_into__isnull=True).select_related(
        "vendor__organization").order_by("vendor_id")) if parsed.sender else []
    orgs = {c.vendor.organization_id for c in contacts}
    if len(orgs) == 1:
        vendor_ids = {c.vendor_id for c in contacts}
        suggested = contacts[0].vendor if len(vendor_ids) == 1 else None
        return Route(organization=contacts[0].vendor.organization, suggested=suggested,
                     matched_by=InboundMatch.SENDER,
                     reason=unknown + f"It has no reply address; the sender is a contact of "
                                      f"{suggested or f'{len(vendor_ids)} vendors'}.")
    return Route(reason=unknown + ("It has no reply address, and the sender is a contact in "
                                   "no organization, or in several."))


def _sender_vendor(sender: str, organization):
    contacts = Contact.objects.filter(email__iexact=sender, vendor__organization=organization,
                                      vendor__merged_into__isnull=True) if sender else []
    vendor_ids = {c.vendor_id for c in contacts}
    return contacts[0].vendor if len(vendor_ids) == 1 else None


def check_attachments(attachments: list[Attachment]) -> tuple[list[Attachment], list[dict]]:
    """``(acceptable attachments, one row per attachment for the record)``; a row's ``problem``
    is the upload check's sentence, empty when the file can become a certificate."""
    accepted, rows = [], []
    for item in attachments:
        try:
            inspect_upload(io.BytesIO(item.content), name=item.name,
                           max_bytes=settings.MAX_UPLOAD_BYTES)
            problem = ""
            accepted.append(item)
        except UploadRejected as error:
            problem = str(error)
        rows.append({"name": item.name, "content_type": item.content_type[:100],
                     "size": len(item.content), "problem": problem})
    return accepted, rows


def actor_of(sender: str) -> str:
    return f"e-mail from {sender or 'an unknown sender'}"


def _fields(parsed: Parsed, raw: bytes, now) -> dict:
    return {"dedupe_key": parsed.dedupe_key, "received_at": now, "sender": parsed.sender,
            "sender_name": parsed.sender_name, "recipients": parsed.recipients[:50],
            "subject": parsed.subject, "excerpt": parsed.excerpt, "size": len(raw)}


def _file(parsed: Parsed, raw: bytes, route: Route, refusal: str, now) -> InboundMessage:
    link = route.link
    vendor, org = link.vendor, link.organization
    actor = actor_of(parsed.sender)
    with transaction.atomic():
        open_request = Request.objects.filter(vendor=vendor, closed_at__isnull=True).first()
        message = InboundMessage.objects.create(
            **_fields(parsed, raw, now), organization=org, status=InboundStatus.FILED,
            matched_by=InboundMatch.TOKEN, vendor=vendor, request=open_request or link.request)
        record(organization=org, actor=actor, action=Action.CREATE, obj=message,
               note=f"Received at the reply address of {vendor}", vendor_id=vendor.pk)
        if refusal:
            message.status, message.reason = InboundStatus.REFUSED, refusal
            log(vendor=vendor, request=open_request, kind=LogKind.REPLY, at=now,
                detail=f"E-mail from {parsed.sender} refused: {refusal}")
        else:
            file_with_vendor(message, parsed, vendor=vendor, actor=actor,
                             received_date=local_today(org, now=now), now=now)
        message.save()
    return message


def file_with_vendor(message: InboundMessage, parsed: Parsed, *, vendor, actor,
                     received_date: dt.date, now) -> None:
    """Make ``parsed``'s acceptable attachments one e-mail certificate of ``vendor``, log what
    was refused, and log the text when no certificate came of it. Sets ``message.attachments``,
    ``certificate``, ``status`` (filed, or refused when every file was) and ``reason``; the
    caller saves it, in its transaction."""
    accepted, rows = check_attachments(parsed.attachments)
    message.attachments = rows
    request = Request.objects.filter(vendor=vendor, closed_at__isnull=True).first()
    notes = []
    if accepted:
        try:
            result = upload_certificate(
                vendor=vendor, files=[(a.name, io.BytesIO(a.content)) for a in accepted],
                received_date=received_date, source=CertificateSource.EMAIL, actor=actor)
        except UploadFailed as error:
            notes.append(str(error))
        else:
            message.certificate = result.certificate
            if result.certificate is None:
                notes.append("Every attachment was already on file (certificate "
                              f"#{result.duplicates[0].certificate.pk}).")
    problems = [f"{row['problem']}" for row in rows if row["problem"]] + notes
    if problems:
        log(vendor=vendor, request=request, kind=LogKind.REPLY, at=now,
            detail=f"E-mail from {parsed.sender}: not filed as a certificate: "
                   + " ".join(problems))
    if message.certificate is None:
        what = "Automatic reply" if parsed.automatic else "Reply by e-mail"
        text = parsed.excerpt or "(no text)"
        log(vendor=vendor, request=request, kind=LogKind.REPLY, at=now,
            detail=f"{what} from {parsed.sender}: {parsed.subject}\n{text}")
    if message.certificate is None and any(row["problem"] for row in rows):
        message.status, message.reason = InboundStatus.REFUSED, " ".join(problems)
    elif problems:
        message.reason = " ".join(problems)


def raw_name(raw: bytes) -> str:
    digest = hashlib.sha256(raw).hexdigest()
    return f"inbound/{digest[:2]}/{digest}.eml"


def _keep(parsed: Parsed, raw: bytes, route: Route, refusal: str, now) -> InboundMessage:
    org = route.organization
    name, created = "", False
    rows = [] if refusal else check_attachments(parsed.attachments)[1]
    if not refusal:
        name = raw_name(raw)
        created = blobs.store(name, raw)
    try:
        with transaction.atomic():
            message = InboundMessage.objects.create(
                **_fields(parsed, raw, now), organization=org, attachments=rows, raw=name,
                status=InboundStatus.REFUSED if refusal else InboundStatus.UNMATCHED,
                matched_by=route.matched_by, suggested_vendor=route.suggested,
                reason=" ".join(filter(None, [refusal, route.reason])))
            if org is not None:
                record(organization=org, actor=actor_of(parsed.sender), action=Action.CREATE,
                       obj=message, note=message.reason)
                if not refusal:
                    _tell_reviewers(message)
    except BaseException:
        if created:
            blobs.delete_quietly([name])
        raise
    if org is None:
        logger.warning("Inbound e-mail %s from %s kept in quarantine: %s", message.pk,
                       parsed.sender, message.reason)
    return message


def _tell_reviewers(message: InboundMessage) -> None:
    """Publish "e-mail needs a vendor" to the organization's reviewers and admins."""
    from django.urls import reverse

    from coitrack.notifications import events
    from coitrack.notifications.services import publish

    publish(events.INBOUND_UNMATCHED, message.organization,
            title=f"An e-mail needs a vendor: {message.subject}"[:200],
            body=f"From {message.sender}. {message.reason}",
            url=reverse("outreach:inbox_detail", args=[message.pk]))


def purge_quarantine(*, now=None) -> int:
    """Delete quarantined messages (no organization) older than :data:`QUARANTINE_DAYS`."""
    now = now or timezone.now()
    old = InboundMessage.objects.filter(organization__isnull=True,
                                        received_at__lt=now - dt.timedelta(days=QUARANTINE_DAYS))
    names = [n for n in old.values_list("raw", flat=True) if n]
    count, _ = old.delete()
    blobs.delete_quietly(names)
    return count
