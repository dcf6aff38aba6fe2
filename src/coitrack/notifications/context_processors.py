"""The bell's unread count, for the top bar of every page."""

from __future__ import annotations

from collections.abc import Callable

from coitrack.notifications.services import unread_count


def notifications(request) -> dict[str, Callable[[], int]]:
    """``unread_notifications``: a callable the template calls, so the count (one indexed query)
    is made only on pages that show it, and at most once per request."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    counted: list[int] = []

    def count() -> int:
        if not counted:
            counted.append(unread_count(organization=membership.organization, user=request.user))
        return counted[0]

    return {"unread_notifications": count}
