"""Fetching rows for an API request: always within the token's organization, else 404.

Another organization's id answers exactly like an id that does not exist.
"""

from __future__ import annotations

from django.db.models import Model, QuerySet

from coitrack.api.errors import ApiError, not_found


def org_object(request, queryset: QuerySet | type[Model], pk: int, what: str, *,
               field: str = "organization"):
    """The row ``pk`` of ``queryset`` whose ``field`` is the token's organization, or 404."""
    if not isinstance(queryset, QuerySet):
        queryset = queryset.objects.all()
    row = queryset.filter(pk=pk, **{field: request.organization}).first()
    if row is None:
        raise not_found(what)
    return row


def org_reference(request, model: type[Model], pk: int | None, field: str, what: str):
    """A row another object refers to (a vendor's type, a waiver's project): the organization's
    own, else a 422 naming ``field`` (the caller's mistake is a bad value, not a missing URL)."""
    if pk is None:
        return None
    row = model.objects.filter(pk=pk, organization=request.organization).first()
    if row is None:
        raise ApiError(422, f"No such {what} in this organization.",
                       details=[{"field": field, "message": f"No such {what} in this "
                                                        "organization."}])
    return row
