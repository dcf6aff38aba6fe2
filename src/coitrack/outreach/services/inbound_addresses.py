"""The addresses replies come back to: one per outgoing e-mail, and one per organization.

A reply address is ``<local>+<token>@<domain>`` of ``COITRACK_INBOUND_ADDRESS``. The token is a
portal link of its own (``PortalLink``, only its SHA-256 stored, same lifetime and revocation as
the link in the e-mail's body), so ``portal.resolve`` is the one way to turn it back into a vendor
and request. It is 20 random bytes (160 bits) in lower-case base32, not the portal URL's
base64: mail systems may change the case of an address, and the whole address must fit the 64
characters a mailbox name may have. The same token opens the portal too; whoever holds the reply
address holds the e-mail that carries the portal link anyway.

``<local>+org-<slug>@<domain>`` is an organization's own address (for agents who write a new
e-mail rather than reply): slugs are not secret, so what arrives there only ever waits in that
organization's inbox for a reviewer.
"""

from __future__ import annotations

import base64
import secrets

from django.conf import settings
from django.utils import timezone

from coitrack.outreach.models import PortalLink
from coitrack.outreach.services.inbound_parse import ORG_PREFIX
from coitrack.outreach.services.portal import LIFETIME, hash_token


def new_reply_token() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode().lower()


def _plus(tag: str) -> str:
    local, _, domain = settings.INBOUND_ADDRESS.rpartition("@")
    return f"{local}+{tag}@{domain}"


def reply_address(*, vendor, request=None) -> str:
    """Mint a reply token for ``vendor`` (and ``request``) and return its address; ``""`` when
    no inbound address is configured."""
    if not settings.INBOUND_ADDRESS:
        return ""
    token = new_reply_token()
    PortalLink.objects.create(
        organization_id=vendor.organization_id, vendor=vendor, request=request,
        token_hash=hash_token(token), expires_at=timezone.now() + LIFETIME)
    return _plus(token)


def organization_address(organization) -> str:
    """The organization's own inbound address; ``""`` when none is configured or the slug is
    too long for a mailbox name (64 characters)."""
    if not settings.INBOUND_ADDRESS:
        return ""
    address = _plus(ORG_PREFIX + organization.slug)
    return address if len(address.rpartition("@")[0]) <= 64 else ""
