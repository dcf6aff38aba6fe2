"""The words of outreach e-mails: built-in templates, an organization's own, and rendering.

A message is three Django templates (subject, text, HTML) rendered with :class:`MessageContext`.
The organization may replace any kind's wording (``MessageTemplate``); what it writes is
rendered by a separate template engine with no access to the app's templates, tags or settings,
only to the variables below, and with HTML escaping on in the HTML part.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from django.template import Context, Engine, TemplateSyntaxError

from coitrack.outreach.models import MessageTemplate, OutboxMessage

KINDS = {
    "request": "Request (first message)",
    "reminder": "Reminder",
    "followup": "Follow-up after expiry",
    "fix": "What to fix (the answer fell short)",
    "agent": "To the insurance agent",
}
PARTS = ("subject", "text", "html")
VARIABLES = {
    "organization_name": "Your organization's name",
    "vendor_name": "The vendor's name",
    "contact_name": "The vendor contact's name (or empty)",
    "items": "What is missing, in the vendor's words (a list)",
    "agent_items": "What to fix, in the agent's words (a list)",
    "portal_link": "The no-login upload link",
    "expiration": "The earliest expiration date concerned (MM/DD/YYYY, or empty)",
    "reminder_number": "How many messages this request has sent before this one",
    "holder": "The certificate holder to show (name, address)",
    "reply_to": "The address replies with attachments go to",
}
_DIR = Path(__file__).parent / "templates" / "outreach" / "messages"
_ENGINE = Engine(autoescape=True, string_if_invalid="", libraries={}, builtins=[
    "django.template.defaulttags", "django.template.defaultfilters"])
_TEXT_ENGINE = Engine(autoescape=False, string_if_invalid="", libraries={}, builtins=[
    "django.template.defaulttags", "django.template.defaultfilters"])


@dataclass(slots=True)
class MessageContext:
    organization_name: str
    vendor_name: str
    contact_name: str = ""
    items: list[str] = field(default_factory=list)
    agent_items: list[str] = field(default_factory=list)
    expiration: str = ""
    reminder_number: int = 0
    holder: str = ""
    reply_to: str = ""
    portal_link: str = OutboxMessage.PORTAL_LINK_MARK


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    text: str
    html: str


def builtin_source(kind: str) -> dict[str, str]:
    """The built-in subject/text/html source of ``kind``."""
    return {part: (_DIR / f"{kind}.{part}").read_text(encoding="utf-8") for part in PARTS}


def source_for(organization, kind: str, *, custom: dict[str, MessageTemplate] | None = None
               ) -> dict[str, str]:
    """The organization's wording of ``kind`` if it has one, else the built-in one.
    ``custom``: the organization's templates by kind, when already read."""
    if custom is None:
        row = MessageTemplate.objects.filter(organization=organization, kind=kind).first()
    else:
        row = custom.get(kind)
    if row is None:
        return builtin_source(kind)
    return {"subject": row.subject, "text": row.text, "html": row.html}


def check_source(source: dict[str, str]) -> dict[str, str]:
    """``{part: error}`` for each part that is not a valid template (empty when all are)."""
    errors = {}
    for part in PARTS:
        engine = _ENGINE if part == "html" else _TEXT_ENGINE
        try:
            engine.from_string(source.get(part, ""))
        except TemplateSyntaxError as error:
            errors[part] = str(error)
    return errors


@lru_cache(maxsize=256)
def _compiled(source: str, html: bool):
    # The tick renders thousands of messages from a handful of sources: compile each once.
    return (_ENGINE if html else _TEXT_ENGINE).from_string(source)


def render(source: dict[str, str], context: MessageContext) -> Rendered:
    """Render one message. Raises ``TemplateSyntaxError`` for bad source (checked on save)."""
    values = asdict(context)
    subject = _compiled(source["subject"], False).render(Context(values))
    text = _compiled(source["text"], False).render(Context(values))
    html = _compiled(source["html"], True).render(Context(values))
    return Rendered(" ".join(subject.split())[:300], text.strip() + "\n", html)


def sample_context(organization) -> MessageContext:
    """Example values for the preview of the message editor."""
    return MessageContext(
        organization_name=organization.name, vendor_name="Summit Roofing LLC",
        contact_name="Dana Reyes",
        items=["General liability policy GL-2231 expires on 12/31/2026: send the renewal.",
               "General liability additional insured is not marked."],
        agent_items=["General liability: issue the renewal certificate for policy GL-2231 "
                     "(ends 12/31/2026).",
                     f"General liability: name {organization.name} as additional insured - "
                     "mark ADDL INSD and attach the endorsement (CG 20 10 / CG 20 37)."],
        expiration=dt.date(2026, 12, 31).strftime("%m/%d/%Y"), reminder_number=1,
        holder=organization.name, reply_to="certificates@example.org",
        portal_link="https://coitrack.example.org/portal/EXAMPLE-LINK/",
    )
