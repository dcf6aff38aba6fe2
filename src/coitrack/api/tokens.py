"""API token strings: how they are made, recognized and stored. Plain Python, no Django.

A token is ``coi_`` followed by 43 URL-safe characters (256 random bits). Only its SHA-256 is
stored, so a database leak reveals no usable token; the first characters (``prefix``) are kept
in clear so people can tell their tokens apart in the Settings list.
"""

from __future__ import annotations

import hashlib
import secrets

PREFIX = "coi_"
PREFIX_SHOWN = 8  # characters after "coi_" kept in clear for the list
MAX_LENGTH = 200  # anything longer is not a token of ours; refused before hashing


def new_token() -> str:
    """A fresh random token (shown once to the person who created it)."""
    return PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The stored form of ``token``: its SHA-256, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def shown_prefix(token: str) -> str:
    """What the token list shows of a token: ``coi_AbCdEfGh``."""
    return token[: len(PREFIX) + PREFIX_SHOWN]


def looks_like_token(value: str) -> bool:
    """Cheap shape check before any database lookup."""
    return value.startswith(PREFIX) and len(value) <= MAX_LENGTH
