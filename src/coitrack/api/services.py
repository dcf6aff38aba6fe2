"""Creating, revoking and recognizing API tokens. Settings views and the API's auth call these.

Creating and revoking are audited on the organization's trail in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coitrack.api import tokens
from coitrack.api.models import ApiToken, Scope
from coitrack.audit.models import Action
from coitrack.audit.services import record

# last_used_at is written at most this often per token: a GET must not become a write each time.
LAST_USED_EVERY = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class CreatedToken:
    """The new row, and the token itself: shown to its creator once, never stored."""

    api_token: ApiToken
    token: str


def create_token(*, organization, actor, name: str, scope: str,
                 expires_at: dt.datetime | None = None) -> CreatedToken:
    """Create a token for ``organization``. Raises ValidationError, creating nothing, for an
    empty name, an unknown scope or an expiry in the past."""
    name = " ".join((name or "").split())
    errors = {}
    if not name:
        errors["name"] = "Name the token after the program that will use it."
    elif len(name) > ApiToken._meta.get_field("name").max_length:
        errors["name"] = "Use at most 100 characters."
    if scope not in Scope.values:
        errors["scope"] = "Choose read only, or read and write."
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = "The expiry must be in the future."
    if errors:
        raise ValidationError(errors)
    token = tokens.new_token()
    with transaction.atomic():
        api_token = ApiToken.objects.create(
            organization=organization, name=name, scope=scope,
            token_hash=tokens.token_hash(token), prefix=tokens.shown_prefix(token),
            created_by=None if isinstance(actor, str) else actor, expires_at=expires_at,
        )
        record(organization=organization, actor=actor, action=Action.CREATE, obj=api_token,
               changes={"name": [None, name], "scope": [None, scope],
                        "expires_at": [None, expires_at.isoformat() if expires_at else None]})
    return CreatedToken(api_token=api_token, token=token)


def revoke_token(*, organization, actor, api_token: ApiToken) -> ApiToken:
    """Revoke a token: it stops working at once. Refused (ValidationError) when it is already
    revoked or belongs to another organization."""
    with transaction.atomic():
        row = ApiToken.objects.select_for_update().filter(
            pk=api_token.pk, organization=organization).first()
        if row is None:
            raise ValidationError("This token does not exist in this organization.")
        if row.revoked_at is not None:
            raise ValidationError("This token was already revoked.")
        row.revoked_at = timezone.now()
        row.revoked_by = None if isinstance(actor, str) else actor
        row.save(update_fields=["revoked_at", "revoked_by"])
        record(organization=organization, actor=actor, action=Action.STATUS, obj=row,
               changes={"status": ["active", "revoked"]})
    return row


def token_state(api_token: ApiToken, *, now: dt.datetime | None = None) -> str:
    """``active``, ``revoked`` or ``expired``."""
    if api_token.revoked_at is not None:
        return "revoked"
    if api_token.expires_at is not None and api_token.expires_at <= (now or timezone.now()):
        return "expired"
    return "active"


def authenticate(token: str, *, now: dt.datetime | None = None) -> ApiToken | None:
    """The live token row for ``token`` (with its organization), or None.

    Revoked and expired tokens are None, exactly like unknown ones. Records when it was last
    used (at most once a minute, with a conditional UPDATE so concurrent requests write once).
    """
    if not tokens.looks_like_token(token):
        return None
    now = now or timezone.now()
    row = (ApiToken.objects.select_related("organization")
           .filter(token_hash=tokens.token_hash(token)).first())
    if row is None or token_state(row, now=now) != "active":
        return None
    if row.last_used_at is None or row.last_used_at < now - LAST_USED_EVERY:
        stale = ApiToken.objects.filter(pk=row.pk, last_used_at=row.last_used_at)
        stale.update(last_used_at=now)
        row.last_used_at = now
    return row
