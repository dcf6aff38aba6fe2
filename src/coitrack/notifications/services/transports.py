"""Transports: how a written notification reaches its person. Each records one
:class:`~coitrack.notifications.models.Delivery` per notification it handles.

- :class:`InAppTransport`: the row itself is the bell's and the list's; recorded ``delivered``.
- :class:`EmailTransport`: one outbox message per notification (``outreach.services.outbox``),
  written in the caller's transaction with the dedupe key ``notification:<id>:email`` and
  delivered by the worker with its retries; recorded ``queued`` with the message, whose status
  the delivery then follows. A member without an address is recorded ``skipped``.

A channel maps to transports in :data:`BY_CHANNEL`; a webhook transport would be one more class
with ``key`` and ``deliver`` and one more entry there. Digest rows have no transport at
publishing time: the digest job records theirs (``services/digest.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from coitrack.notifications import events
from coitrack.notifications.models import Delivery, Notification


def absolute_url(path: str) -> str:
    """``path`` on the address people use (``COITRACK_PUBLIC_URL``), for e-mails."""
    return settings.PUBLIC_URL.rstrip("/") + path if path.startswith("/") else path


def defuse(text: str) -> str:
    """Text with the outbox's sending-time marks made inert: a vendor's file name must never
    become a portal link or a reply address in a staff e-mail."""
    from coitrack.outreach.models import OutboxMessage

    for mark in (OutboxMessage.PORTAL_LINK_MARK, OutboxMessage.REPLY_TO_MARK):
        text = text.replace(mark, mark.replace("[[", "[ ["))
    return text


class InAppTransport:
    key = Delivery.Transport.IN_APP

    def deliver(self, notifications: Sequence[Notification], addresses: dict[int, str]) -> int:
        now = timezone.now()
        Delivery.objects.bulk_create([
            Delivery(notification=n, transport=self.key, status=Delivery.Status.DELIVERED,
                     at=now) for n in notifications])
        return len(notifications)


class EmailTransport:
    key = Delivery.Transport.EMAIL

    def deliver(self, notifications: Sequence[Notification], addresses: dict[int, str]) -> int:
        """Queue one e-mail per notification to ``addresses[user_id]``; return how many."""
        from coitrack.outreach.models import Audience
        from coitrack.outreach.services.outbox import kick_delivery, queue

        now = timezone.now()
        deliveries, queued = [], 0
        for notification in notifications:
            address = addresses.get(notification.user_id, "")
            if not address:
                deliveries.append(Delivery(notification=notification, transport=self.key,
                                           status=Delivery.Status.SKIPPED, at=now,
                                           error="The member has no e-mail address."))
                continue
            text, html = render(notification)
            message = queue(
                organization=notification.organization, vendor=None, audience=Audience.STAFF,
                dedupe_key=f"notification:{notification.pk}:email", to=[address],
                subject=f"{notification.title} · {notification.organization.name}"[:300],
                text=text, html=html, kind="notification", now=now, kick=False)
            deliveries.append(Delivery(notification=notification, transport=self.key,
                                       status=Delivery.Status.QUEUED, at=now, message=message))
            queued += message is not None
        Delivery.objects.bulk_create(deliveries)
        if queued:
            kick_delivery()
        return queued


def render(notification: Notification) -> tuple[str, str]:
    """The e-mail's text and HTML bodies."""
    context = {
        "notification": notification,
        "organization": notification.organization,
        "kind_label": events.label(notification.kind),
        "link": absolute_url(notification.url) if notification.url else "",
        "all_link": absolute_url("/notifications/"),
        "settings_link": absolute_url("/notifications/settings/"),
    }
    return (defuse(render_to_string("notifications/email/notification.txt", context)),
            defuse(render_to_string("notifications/email/notification.html", context)))


TRANSPORTS = {t.key: t for t in (InAppTransport(), EmailTransport())}
BY_CHANNEL: dict[str, tuple[str, ...]] = {
    events.IN_APP: (Delivery.Transport.IN_APP,),
    events.EMAIL: (Delivery.Transport.IN_APP, Delivery.Transport.EMAIL),
    events.DIGEST: (),
    events.OFF: (),
}
