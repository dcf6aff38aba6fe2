"""Bearer-token authentication, scope check and rate limit of every API operation.

A request is let through with ``request.organization`` set to the token's organization (every
router scopes its queries with it) and ``request.api_token`` to the token row. The session
cookie is never consulted: the API knows only tokens, so a signed-in browser cannot be made to
call it (no CSRF exposure) and the organization can only come from the token.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from coitrack.api import ratelimit, services
from coitrack.api.errors import ApiError
from coitrack.api.models import ApiToken

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class TokenAuth(HttpBearer):
    """``Authorization: Bearer coi_...``; write methods need a token with the write scope."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = services.authenticate(token.strip())
        if api_token is None:
            return None  # ninja answers 401 (errors.py gives it the error shape)
        request.organization = api_token.organization
        request.api_token = api_token
        wait = ratelimit.hit(api_token.pk)
        if wait is not None:
            raise ApiError(429, f"More than {ratelimit.per_minute()} requests this minute; "
                                f"try again in {wait} seconds.",
                           headers={"Retry-After": str(wait)})
        if request.method not in SAFE_METHODS and not api_token.can_write:
            raise ApiError(403, "This token may only read; changes need a token with the "
                                "write scope.")
        return api_token


def actor(request: HttpRequest) -> str:
    """Who the audit trail names for a change made through the API."""
    return request.api_token.actor_label
