"""Signing webhook payloads and checking a signature (pure: no Django; receivers may copy it).

The header, Stripe style::

    Coitrack-Signature: t=1767225600,v1=5257a869e7ec...(64 hex digits)

``v1`` is the hex HMAC-SHA256, keyed with the endpoint's secret (the whole string, ``whsec_``
included, as UTF-8), of ``f"{t}.{body}"``: the Unix time of the attempt, a dot, and the request
body exactly as received. The timestamp is signed with the body, so a captured request cannot be
replayed later than ``tolerance`` seconds. A header may carry several ``v1`` values (reserved for
rotating secrets); one matching is enough.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

HEADER = "Coitrack-Signature"
SCHEME = "v1"
TOLERANCE = 300  # seconds


class SignatureError(ValueError):
    """The signature does not prove the payload came from coitrack now; the message says why."""


def new_secret() -> str:
    """A fresh endpoint secret (256 random bits)."""
    return "whsec_" + secrets.token_urlsafe(32)


def _as_bytes(value: bytes | str) -> bytes:
    return value.encode() if isinstance(value, str) else value


def signature(secret: str, timestamp: int, body: bytes | str) -> str:
    """The hex HMAC-SHA256 of ``f"{timestamp}.{body}"`` keyed with ``secret``."""
    message = str(int(timestamp)).encode() + b"." + _as_bytes(body)
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign(body: bytes | str, secret: str, timestamp: int | None = None) -> str:
    """The ``Coitrack-Signature`` header value for ``body`` at ``timestamp`` (now if None)."""
    t = int(time.time()) if timestamp is None else int(timestamp)
    return f"t={t},{SCHEME}={signature(secret, t, body)}"


def verify(payload: bytes | str, header: str, secret: str, tolerance: int = TOLERANCE,
           now: float | None = None) -> int:
    """Check ``header`` against ``payload`` (the raw body) and ``secret``; return its timestamp.

    Raises :class:`SignatureError` when the header is missing or malformed, the timestamp is
    more than ``tolerance`` seconds from ``now`` (either way), or no ``v1`` signature matches.
    Compares in constant time.
    """
    if not header:
        raise SignatureError(f"No {HEADER} header.")
    timestamp, candidates = None, []
    for item in header.split(","):
        key, _, value = item.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == SCHEME and value:
            candidates.append(value)
    if timestamp is None or not candidates:
        raise SignatureError(f"Malformed {HEADER} header: expected t=<unix time>,v1=<hex>.")
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        raise SignatureError(f"Timestamp {timestamp} is outside the {tolerance} s tolerance.")
    expected = signature(secret, timestamp, payload)
    if not any(hmac.compare_digest(expected, c) for c in candidates):
        raise SignatureError("No signature matches the payload and secret.")
    return timestamp
