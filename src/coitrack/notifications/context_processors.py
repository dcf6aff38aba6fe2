"""The bell's unread count, for the top bar of every page."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from coitrack.notifications.services import unread_count


def notifications(request) -> dict:
    """``unread_notifications``: counted only when a template shows it (one indexed query)."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    return {"unread_notifications": SimpleLazyObject(
        lambda: unread_count(organization=membership.organization, user=request.user)
    )}
