"""``?limit=&offset=`` pagination with the total count, the same for every list."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from ninja import Path, Query

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000_000  # beyond any real list; keeps the database's integers in range
MAX_ID = 2**63 - 1  # the largest id a database column holds; larger ones would not bind


def limit_param() -> Any:
    return Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="At most this many items.")


def offset_param() -> Any:
    return Query(0, ge=0, le=MAX_OFFSET, description="Skip this many items first.")


def id_param(what: str) -> Any:
    return Path(..., ge=1, le=MAX_ID, description=f"The {what}'s id.")


def optional_id_query(what: str) -> Any:
    return Query(None, ge=1, le=MAX_ID, description=f"Only those of this {what}.")


def page(queryset: QuerySet, *, limit: int, offset: int, convert) -> dict:
    """``{"count", "limit", "offset", "items"}``: ``items`` are ``convert(row)`` of the slice."""
    return {
        "count": queryset.count(),
        "limit": limit,
        "offset": offset,
        "items": [convert(row) for row in queryset[offset:offset + limit]],
    }
