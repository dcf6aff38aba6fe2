"""Small helpers of the notification tests."""

from __future__ import annotations

from coitrack.accounts.models import Membership
from coitrack.notifications import events
from coitrack.notifications.models import NotificationPreference


def choose(user, org, kind: str, channel: str, scope: str = events.MINE) -> None:
    """Store ``user``'s choice for ``kind`` in ``org``."""
    membership = Membership.objects.get(user=user, organization=org)
    NotificationPreference.objects.update_or_create(
        membership=membership, kind=kind, defaults={"channel": channel, "scope": scope})
