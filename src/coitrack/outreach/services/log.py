"""The vendor's communications log: one row per message, link opening, upload or reply."""

from __future__ import annotations

from django.utils import timezone

from coitrack.outreach.models import CommunicationLog


def log(*, vendor, kind: str, detail: str = "", request=None, message=None,
        at=None) -> CommunicationLog:
    """Append one line to ``vendor``'s communications log (in the caller's transaction)."""
    return CommunicationLog.objects.create(
        organization_id=vendor.organization_id, vendor=vendor, request=request,
        message=message, kind=kind, detail=detail[:2000], at=at or timezone.now())


def log_rows(rows: list[CommunicationLog]) -> None:
    """Append many lines at once (the tick writes thousands)."""
    CommunicationLog.objects.bulk_create(rows, batch_size=500)
