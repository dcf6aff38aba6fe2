"""Outreach when two vendors are merged (called by ``vendors.services.merge`` in its
transaction): the survivor inherits the duplicate's communications, its portal links stop
working, and its open request is closed (the survivor's own request, or the next tick, takes
over)."""

from __future__ import annotations

from django.utils import timezone

from coitrack.outreach.models import (
    CloseReason,
    CommunicationLog,
    OutboxMessage,
    PortalLink,
    Request,
    RequestStatus,
)


def vendors_merged(*, survivor, duplicate) -> None:
    now = timezone.now()
    for request in Request.objects.filter(vendor=duplicate, closed_at__isnull=True):
        Request.objects.filter(pk=request.pk).update(
            closed_at=now, status=RequestStatus.CLOSED, close_reason=CloseReason.MERGED,
            next_action_at=None, step=request.step + 1)
    PortalLink.objects.filter(vendor=duplicate, revoked_at__isnull=True).update(revoked_at=now)
    # The history moves with the certificates: requests, messages and the log lines.
    Request.objects.filter(vendor=duplicate).update(vendor=survivor)
    OutboxMessage.objects.filter(vendor=duplicate).update(vendor=survivor)
    CommunicationLog.objects.filter(vendor=duplicate).update(vendor=survivor)
