"""Telling people: notification rows for the app's bell, and one e-mail each after commit.

:func:`notify` is what other apps call. Rows are written in the caller's transaction; e-mails
go out only once it commits (a rolled-back change tells nobody), one message per person, each
sent on its own so that one bad address or a failing mail server never stops the others nor
the request: the failure is logged and ``emailed_at`` stays empty. (A retrying outbox is a
later issue; the empty ``emailed_at`` is what it will pick up.)

Marking notifications read is the reader's own business, so it is not written to the audit
trail (it changes nothing the organization shares).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from coitrack.accounts.models import Membership, Organization, Role
from coitrack.notifications.models import Notification

logger = logging.getLogger(__name__)


def notify(
    *,
    organization: Organization,
    users: Iterable,
    kind: str,
    title: str,
    body: str,
    url: str,
) -> list[Notification]:
    """Write one notification per distinct user who is a member of ``organization``.

    Users given twice are told once; users who are not (or no longer) members are skipped.
    E-mails are sent after the surrounding transaction commits (see the module docstring).
    Returns the rows written.
    """
    wanted = {user.pk for user in users if user is not None and user.pk is not None}
    members = list(
        Membership.objects.filter(organization=organization, user_id__in=wanted)
        .order_by("user_id").values_list("user_id", flat=True)
    )
    with transaction.atomic():
        rows = Notification.objects.bulk_create([
            Notification(organization=organization, user_id=user_id, kind=kind,
                         title=title[:200], body=body, url=url[:500])
            for user_id in members
        ])
        ids = [row.pk for row in rows]
        if ids:
            transaction.on_commit(lambda: send_emails(ids), robust=True)
    return rows


def reviewers_and_admins(organization: Organization) -> list:
    """The organization's members who review certificates (reviewers and admins)."""
    return list(get_user_model().objects.filter(
        memberships__organization=organization,
        memberships__role__in=[Role.REVIEWER, Role.ADMIN],
    ).order_by("pk"))


def absolute_url(path: str) -> str:
    """``path`` on the address people use (``COITRACK_PUBLIC_URL``), for e-mails."""
    return settings.PUBLIC_URL.rstrip("/") + path if path.startswith("/") else path


def send_emails(notification_ids: list[int]) -> int:
    """E-mail each notification to its user; return how many the mail server accepted.

    A user without an e-mail address gets none. A failure is logged and leaves ``emailed_at``
    empty; it never raises.
    """
    sent = 0
    notifications = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True
    ).select_related("user", "organization")
    for notification in notifications:
        address = (notification.user.email or "").strip()
        if not address:
            continue
        try:
            _message(notification, address).send()
        except Exception:  # SMTP errors, refused connections, timeouts, bad addresses...
            logger.exception("Notification %s could not be e-mailed to %s", notification.pk,
                             address)
            continue
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def _message(notification: Notification, address: str) -> EmailMultiAlternatives:
    context = {
        "notification": notification,
        "organization": notification.organization,
        "user": notification.user,
        "link": absolute_url(notification.url) if notification.url else "",
        "all_link": absolute_url("/notifications/"),
    }
    message = EmailMultiAlternatives(
        subject=f"{notification.title} · {notification.organization.name}",
        body=render_to_string("notifications/email/notification.txt", context),
        to=[address],
    )
    message.attach_alternative(
        render_to_string("notifications/email/notification.html", context), "text/html"
    )
    return message


def mark_read(*, notification: Notification, user) -> bool:
    """Mark one of ``user``'s notifications read; False when it already was (or is not theirs)."""
    return bool(Notification.objects.filter(
        pk=notification.pk, user=user, read_at__isnull=True
    ).update(read_at=timezone.now()))


def mark_all_read(*, organization: Organization, user) -> int:
    """Mark every unread notification of ``user`` in ``organization`` read; return how many."""
    return Notification.objects.filter(
        organization=organization, user=user, read_at__isnull=True
    ).update(read_at=timezone.now())


def unread_count(*, organization: Organization, user) -> int:
    return Notification.objects.filter(
        organization=organization, user=user, read_at__isnull=True
    ).count()
