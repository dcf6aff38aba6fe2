"""No-login portal links: random tokens, stored hashed, expiring, revocable, one vendor each.

A token is 32 random bytes (256 bits) in URL-safe base64; only its SHA-256 is stored, so the
database alone never yields a working link. :func:`issue_link` is called when an e-mail is sent
(see ``outbox``); :func:`resolve` is the portal's one way in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from coitrack.outreach.models import PortalLink

LIFETIME = dt.timedelta(days=60)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_link(*, vendor, request=None, lifetime: dt.timedelta = LIFETIME) -> str:
    """Create a link for ``vendor`` (and ``request``); return its absolute URL."""
    token = secrets.token_urlsafe(32)
    PortalLink.objects.create(
        organization_id=vendor.organization_id, vendor=vendor, request=request,
        token_hash=hash_token(token), expires_at=timezone.now() + lifetime)
    return settings.PUBLIC_URL.rstrip("/") + reverse("outreach:portal", args=[token])


def resolve(token: str, *, now=None) -> PortalLink | None:
    """The live link of ``token`` (with its vendor and organization), or ``None`` when the
    token is unknown, tampered with, expired or revoked, or its vendor merged or deactivated."""
    if not token or len(token) > 100:
        return None
    now = now or timezone.now()
    link = (PortalLink.objects.select_related("vendor", "organization", "request")
            .filter(token_hash=hash_token(token)).first())
    if link is None or link.revoked_at is not None or link.expires_at <= now:
        return None
    vendor = link.vendor
    if vendor.merged_into_id is not None or vendor.status != "active":
        return None
    return link


def record_opening(link: PortalLink, *, now=None) -> bool:
    """Count one opening; return whether it is the first (the log records only that one)."""
    now = now or timezone.now()
    first = PortalLink.objects.filter(pk=link.pk, first_opened_at__isnull=True).update(
        first_opened_at=now)
    PortalLink.objects.filter(pk=link.pk).update(last_opened_at=now,
                                                 open_count=F("open_count") + 1)
    return bool(first)


def revoke_links(*, request=None, vendor=None, now=None) -> int:
    """Revoke every live link of ``request`` (or of ``vendor``)."""
    now = now or timezone.now()
    links = PortalLink.objects.filter(revoked_at__isnull=True)
    links = links.filter(request=request) if request is not None else links.filter(vendor=vendor)
    return links.update(revoked_at=now)
