"""What people can be told about: the event kinds, their channels and scopes (pure, no Django).

Each :class:`EventKind` says what it is about (its label and help on the settings page), whether
it concerns one vendor (``about_vendor``), which roles may follow it for *every* vendor
(``follow_all``: the people who act on it there), and the default choice of each role.

A member's choice per kind is a channel and a scope:

- channel ``in_app`` (the bell and the list), ``email`` (the bell and an e-mail), ``digest``
  (listed, no bell, no e-mail now: in the next daily or weekly digest) or ``off``;
- scope ``all`` (every vendor) or ``mine`` (only the vendors the member owns). ``all`` counts only
  for roles in ``follow_all``; anyone else follows only their own vendors (a viewer cannot act on
  another vendor's flagged certificate). Kinds not about a vendor go to the roles in
  ``follow_all``, whatever their scope.

Defaults: owners get their vendors' events by e-mail (every role can own vendors); reviewers and
admins also get every certificate that needs review and every unmatched e-mail by e-mail, as
they did before preferences existed, and choose in-app or digest if that is too much.
"""

from __future__ import annotations

from dataclasses import dataclass

IN_APP, EMAIL, DIGEST, OFF = "in_app", "email", "digest", "off"
CHANNELS = (
    (IN_APP, "In the app"),
    (EMAIL, "In the app and by e-mail"),
    (DIGEST, "Digest only"),
    (OFF, "Off"),
)
ALL, MINE = "all", "mine"
SCOPES = ((ALL, "All vendors"), (MINE, "Only vendors I own"))

ADMIN, REVIEWER, VIEWER = "admin", "reviewer", "viewer"
STAFF = frozenset({ADMIN, REVIEWER})


@dataclass(frozen=True, slots=True)
class Choice:
    """One member's choice for one kind."""

    channel: str
    scope: str

    @property
    def is_off(self) -> bool:
        return self.channel == OFF


@dataclass(frozen=True, slots=True)
class EventKind:
    key: str
    label: str
    help: str
    about_vendor: bool
    follow_all: frozenset[str]
    defaults: dict[str, Choice]

    def default_for(self, role: str) -> Choice:
        return self.defaults.get(role, Choice(OFF, MINE))

    def may_follow_all(self, role: str) -> bool:
        return role in self.follow_all


def _defaults(staff: Choice, viewer: Choice) -> dict[str, Choice]:
    return {ADMIN: staff, REVIEWER: staff, VIEWER: viewer}


CERTIFICATE_NEEDS_REVIEW = "certificate_needs_review"
VENDOR_NON_COMPLIANT = "vendor_non_compliant"
VENDOR_EXPIRED = "vendor_expired"
PORTAL_UPLOAD = "portal_upload"
VENDOR_UNRESPONSIVE = "vendor_unresponsive"
REQUEST_ESCALATED = "request_escalated"
INBOUND_UNMATCHED = "inbound_unmatched"
WEBHOOK_DISABLED = "webhook_disabled"

_OWN_BY_EMAIL = Choice(EMAIL, MINE)

KINDS: dict[str, EventKind] = {kind.key: kind for kind in (
    EventKind(CERTIFICATE_NEEDS_REVIEW, "Certificate needs review",
              "A certificate contradicts the vendor's record (misinformation flags), or the "
              "reader was unsure of some values.",
              about_vendor=True, follow_all=STAFF,
              defaults=_defaults(Choice(EMAIL, ALL), _OWN_BY_EMAIL)),
    EventKind(VENDOR_NON_COMPLIANT, "Vendor became non-compliant",
              "A vendor's evaluation turned non-compliant (a limit, endorsement or coverage "
              "falls short).",
              about_vendor=True, follow_all=STAFF | {VIEWER},
              defaults=_defaults(_OWN_BY_EMAIL, _OWN_BY_EMAIL)),
    EventKind(VENDOR_EXPIRED, "Vendor expired",
              "A vendor's required insurance expired.",
              about_vendor=True, follow_all=STAFF | {VIEWER},
              defaults=_defaults(_OWN_BY_EMAIL, _OWN_BY_EMAIL)),
    EventKind(PORTAL_UPLOAD, "Vendor uploaded through the portal",
              "A vendor sent a certificate through its upload link, with what it still misses "
              "as far as the reading tells.",
              about_vendor=True, follow_all=STAFF | {VIEWER},
              defaults=_defaults(_OWN_BY_EMAIL, _OWN_BY_EMAIL)),
    EventKind(VENDOR_UNRESPONSIVE, "Vendor unresponsive",
              "A vendor has not answered the certificate requests for too long.",
              about_vendor=True, follow_all=STAFF | {VIEWER},
              defaults=_defaults(_OWN_BY_EMAIL, _OWN_BY_EMAIL)),
    EventKind(REQUEST_ESCALATED, "Request escalated to the agent",
              "A vendor stayed silent, so its insurance agent is now copied.",
              about_vendor=True, follow_all=STAFF | {VIEWER},
              defaults=_defaults(_OWN_BY_EMAIL, _OWN_BY_EMAIL)),
    EventKind(INBOUND_UNMATCHED, "E-mail needs a vendor",
              "An e-mail arrived that could not be filed with a vendor by itself.",
              about_vendor=False, follow_all=STAFF,
              defaults=_defaults(Choice(EMAIL, ALL), Choice(OFF, MINE))),
    EventKind(WEBHOOK_DISABLED, "Webhook endpoint disabled",
              "An endpoint kept failing, so coitrack stopped sending it events (Settings > "
              "Webhooks).",
              about_vendor=False, follow_all=frozenset({ADMIN}),
              defaults={ADMIN: Choice(EMAIL, ALL)}),
)}


def kind(key: str) -> EventKind:
    """The registered kind ``key``; ``KeyError`` names it when unknown (a programming error)."""
    try:
        return KINDS[key]
    except KeyError:
        raise KeyError(f"unknown notification kind {key!r}") from None


def kinds_for(role: str) -> list[EventKind]:
    """The kinds a member of ``role`` can receive at all (shown on their settings page)."""
    return [k for k in KINDS.values() if k.about_vendor or role in k.follow_all]


def concerns(event: EventKind, choice: Choice, *, role: str, owns: bool) -> bool:
    """Whether a member with ``role`` and ``choice`` is told about one event of ``event``'s kind
    (``owns``: the member owns the event's vendor)."""
    if choice.is_off:
        return False
    if not event.about_vendor:
        return role in event.follow_all
    if owns:
        return True
    return choice.scope == ALL and role in event.follow_all


def label(key: str) -> str:
    """A kind's label; unknown keys (rows of kinds since removed) read as themselves."""
    found = KINDS.get(key)
    return found.label if found else key.replace("_", " ").capitalize()
