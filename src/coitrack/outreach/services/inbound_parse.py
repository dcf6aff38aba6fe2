"""Reading one received e-mail: whom it was for, who sent it, what it says, what it carries.

Pure Python (the ``email`` package, no Django), so the rules are testable on bytes alone and any
transport (the SMTP receiver, an IMAP poller) can share them.

- **Whom it was for**: replies reach ``<local>+<tag>@<domain>`` of the inbound address. A tag of
  32 characters of lower-case base32 is a reply token (``inbound_addresses.new_reply_token``);
  ``org-<slug>`` is an organization's own address. Tags are looked for in the envelope
  recipients (what the SMTP server was told) and in the To, Cc, Delivered-To, X-Original-To,
  Envelope-To and Resent-To headers; mail systems that lower-case addresses do no harm since
  tokens are lower case.
- **What it carries**: every leaf part that is not the message's text, including attachments of
  forwarded messages; left out are S/MIME and PGP signatures and small inline images with a
  Content-ID (logos of signatures: under :data:`DECORATION_BYTES`; a photographed certificate is
  larger).
- **What it says**: the first lines of the text (the HTML part stripped of its tags if there is no
  plain text), up to the quoted earlier message.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from email.utils import getaddresses, parseaddr
from pathlib import PurePath

MAX_MESSAGE_BYTES = 25 * 1024 * 1024
MAX_ATTACHMENTS = 20
DECORATION_BYTES = 20 * 1024
EXCERPT_LINES = 12
EXCERPT_CHARS = 1500
TOKEN_RE = re.compile(r"[a-z2-7]{32}")
ORG_PREFIX = "org-"
ADDRESS_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To", "Resent-To")
SIGNATURE_TYPES = {"application/pkcs7-signature", "application/x-pkcs7-signature",
                   "application/pgp-signature"}
_QUOTE_START = re.compile(
    r"^(>|on .{3,200} wrote:?$|-{2,} ?original message|_{10,}|from: |sent from my |-- ?$"
    r"|le .{3,200} a écrit|am .{3,200} schrieb)", re.IGNORECASE)


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Parsed:
    dedupe_key: str  # "mid:<Message-ID>", else "sha256:<hash of the bytes>"
    sender: str  # lower-case address of From
    sender_name: str
    subject: str
    recipients: list[str]  # every address it was for (envelope first)
    tokens: list[str]  # reply tokens found in those addresses, in order
    org_slugs: list[str]
    excerpt: str
    attachments: list[Attachment] = field(default_factory=list)
    automatic: bool = False  # an out-of-office or other automatic reply
    complete: bool = True  # False: only the headers were read (too large)


def parse(raw: bytes, *, inbound_address: str, envelope_recipients=(),
          max_bytes: int = MAX_MESSAGE_BYTES) -> Parsed:
    """Read ``raw``; a message over ``max_bytes`` has only its headers read. Never raises for
    malformed mail (the ``email`` package records defects instead)."""
    complete = len(raw) <= max_bytes
    if complete:
        message = message_from_bytes(raw, policy=default_policy)
    else:
        message = BytesHeaderParser(policy=default_policy).parsebytes(raw)
    recipients = _unique([a.lower() for a in envelope_recipients]
                         + addresses_of(message, ADDRESS_HEADERS))
    tags = tags_for(recipients, inbound_address)
    name, sender = parseaddr(_header(message, "From"))
    message_id = _header(message, "Message-ID").strip()[:280]
    return Parsed(
        dedupe_key=f"mid:{message_id}" if message_id else
        f"sha256:{hashlib.sha256(raw).hexdigest()}",
        sender=sender.lower()[:254], sender_name=name[:200],
        subject=" ".join(_header(message, "Subject").split())[:300],
        recipients=recipients,
        tokens=[t for t in tags if TOKEN_RE.fullmatch(t)],
        org_slugs=[t.removeprefix(ORG_PREFIX) for t in tags if t.startswith(ORG_PREFIX)],
        excerpt=excerpt_of(message) if complete else "",
        attachments=attachments_of(message) if complete else [],
        automatic=is_automatic(message),
        complete=complete,
    )


def _header(message: EmailMessage, name: str) -> str:
    try:
        return str(message.get(name, "") or "")
    except Exception:  # a header too broken to decode counts as absent
        return ""


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def addresses_of(message: EmailMessage, headers) -> list[str]:
    values = []
    for name in headers:
        try:
            values += [str(v) for v in message.get_all(name, [])]
        except Exception:
            continue
    return _unique([address.lower() for _, address in getaddresses(values)])


def tags_for(addresses: list[str], inbound_address: str) -> list[str]:
    """The ``+tag`` of each address at the inbound mailbox, in order, without repeats."""
    local, _, domain = inbound_address.lower().rpartition("@")
    if not local:
        return []
    tags = []
    for address in addresses:
        mailbox, _, at = address.lower().rpartition("@")
        base, plus, tag = mailbox.partition("+")
        if at == domain and base == local and plus and tag:
            tags.append(tag)
    return _unique(tags)


def accepts(address: str, inbound_address: str) -> bool:
    """Whether mail to ``address`` is for the inbound mailbox (plain or plus-addressed)."""
    local, _, domain = inbound_address.lower().rpartition("@")
    mailbox, _, at = address.lower().strip("<>").rpartition("@")
    return bool(local) and at == domain and mailbox.partition("+")[0] == local


def is_automatic(message: EmailMessage) -> bool:
    auto = _header(message, "Auto-Submitted").strip().lower()
    precedence = _header(message, "Precedence").strip().lower()
    return (auto not in ("", "no") or precedence in ("auto_reply", "bulk", "junk")
            or bool(_header(message, "X-Autoreply") or _header(message, "X-Autorespond")))


def attachments_of(message: EmailMessage) -> list[Attachment]:
    """Every file the message carries (see the module docstring for what is left out)."""
    body_ids = {id(body) for body in (_body(message, ("plain",)), _body(message, ("html",)))
                if body is not None}
    found = []
    for part in message.walk():
        if part.is_multipart() or part.get_content_maintype() == "message":
            continue
        content_type = part.get_content_type()
        filename = part.get_filename()
        if id(part) in body_ids or content_type in SIGNATURE_TYPES:
            continue
        if (part.get_content_maintype() == "text" and not filename
                and part.get_content_disposition() != "attachment"):
            continue  # the text of a forwarded message, or an alternative body
        payload = part.get_payload(decode=True) or b""
        if (part.get_content_maintype() == "image" and part.get("Content-ID")
                and len(payload) < DECORATION_BYTES):
            continue
        found.append(Attachment(name=safe_name(filename, content_type, len(found) + 1),
                                content_type=content_type, content=payload))
    return found


def safe_name(filename: str | None, content_type: str, number: int) -> str:
    """A file name to show and store: no folders, no control characters, at most 200
    characters; ``attachment-<n>.<ext>`` when the sender gave none."""
    name = PurePath(str(filename or "").replace("\\", "/")).name
    name = "".join(c for c in name if c.isprintable()).strip()
    if not name:
        extension = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg",
                     "image/tiff": ".tif"}.get(content_type, "")
        name = f"attachment-{number}{extension}"
    if len(name) > 200:
        suffix = PurePath(name).suffix[:10]
        name = name[: 200 - len(suffix)] + suffix
    return name


def _body(message: EmailMessage, preference: tuple[str, ...]) -> EmailMessage | None:
    try:
        return message.get_body(preferencelist=preference)
    except Exception:  # a structure too broken to have a body
        return None


def excerpt_of(message: EmailMessage) -> str:
    """The first lines of what the sender wrote, without the quoted earlier message."""
    body = _body(message, ("plain", "html"))
    if body is None:
        return ""
    try:
        text = body.get_content()
    except Exception:  # an unknown charset: read it as UTF-8 with replacements
        text = (body.get_payload(decode=True) or b"").decode("utf-8", "replace")
    if not isinstance(text, str):
        return ""
    if body.get_content_subtype() == "html":
        text = html_to_text(text)
    lines: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if _QUOTE_START.match(line):
            break
        if line or (lines and lines[-1]):
            lines.append(line)
        if sum(1 for x in lines if x) >= EXCERPT_LINES:
            break
    return "\n".join(lines).strip()[:EXCERPT_CHARS]


def html_to_text(source: str) -> str:
    source = re.sub(r"(?is)<(style|script|head)\b.*?</\1\s*>", " ", source)
    source = re.sub(r"(?is)<blockquote\b.*", " ", source)  # the quoted earlier message
    source = re.sub(r"(?i)<br\s*/?>|</(p|div|tr|li|h\d)\s*>", "\n", source)
    return html.unescape(re.sub(r"(?s)<[^>]*>", "", source))
