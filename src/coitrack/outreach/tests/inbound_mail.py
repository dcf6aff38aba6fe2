"""Test helpers for inbound mail: a vendor with an open request, and e-mails built in code."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid

from coitrack.certificates.tests.samples import image_bytes, pdf_bytes

INBOUND = "certificates@coi.example.org"
__all__ = ["INBOUND", "email", "image_bytes", "pdf_bytes"]


def email(*, to: str | list[str] = INBOUND, sender: str = "dana@summit.example",
          subject: str = "RE: Certificate of insurance needed", text: str = "Attached.",
          files: list[tuple[str, bytes, str]] = (), message_id: str | None = None,
          html: str = "", headers: dict | None = None) -> bytes:
    """An e-mail as a mail program writes it; ``files``: ``(name, bytes, "type/subtype")``."""
    message = EmailMessage()
    message["From"] = f"Dana Reyes <{sender}>"
    message["To"] = ", ".join([to] if isinstance(to, str) else to)
    message["Subject"] = subject
    message["Message-ID"] = message_id or make_msgid(domain="summit.example")
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for name, content, content_type in files:
        maintype, subtype = content_type.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes(policy=SMTP)  # CRLF line ends, as on the wire
