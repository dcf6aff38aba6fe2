"""Attach the active organization and membership to each request, in its time zone."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone

from coitrack.accounts.access import active_membership


class ActiveOrganizationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        membership = active_membership(request)
        request.membership = membership
        request.organization = membership.organization if membership else None
        zone = _zone(request.organization.time_zone) if request.organization else None
        if zone is None:
            return self.get_response(request)
        # Templates and forms show times in the organization's zone; the thread's zone is reset
        # afterwards so the next request on this thread starts from the default.
        timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
