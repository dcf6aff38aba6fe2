"""A member's own notifications: the unread count and marking read.

Marking read is the reader's own business, so it is not written to the audit trail (it changes
nothing the organization shares). Digest rows are born read, so they never ring the bell.
"""

from __future__ import annotations

from django.utils import timezone

from coitrack.accounts.models import Organization
from coitrack.notifications.models import Notification


def mark_read(*, notification: Notification, user) -> bool:
    """Mark one of ``user``'s notifications read; False when it already was (or is not theirs)."""
    return bool(Notification.objects.filter(
        pk=notification.pk, user=user, read_at__isnull=True
    ).update(read_at=timezone.now()))


def mark_all_read(*, organization: Organization, user, kind: str = "") -> int:
    """Mark every unread notification of ``user`` in ``organization`` (of ``kind``, if given)
    read; return how many."""
    unread = Notification.objects.filter(organization=organization, user=user,
                                         read_at__isnull=True)
    if kind:
        unread = unread.filter(kind=kind)
    return unread.update(read_at=timezone.now())


def unread_count(*, organization: Organization, user) -> int:
    return Notification.objects.filter(
        organization=organization, user=user, read_at__isnull=True
    ).count()
