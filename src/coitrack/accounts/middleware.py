"""Attach the active organization and membership to each request."""

from __future__ import annotations

from coitrack.accounts.access import active_membership


class ActiveOrganizationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        membership = active_membership(request)
        request.membership = membership
        request.organization = membership.organization if membership else None
        return self.get_response(request)
