"""The digest: one e-mail per member and period with their "digest only" notifications and a
summary of their vendors (counts by status, what expires soon).

:func:`send_due_digests` runs every 15 minutes (``tasks.py``). A member is considered when they
chose ``digest`` for at least one kind. Their period is the latest digest moment that has
passed in the organization's time zone: each day at ``hour`` (daily), or each ``weekday`` at
``hour`` (weekly). A :class:`Digest` row per member and period (unique) is the claim: a second
run, or a second worker, finds it and does nothing. It covers the member's digest rows written
since the previous digest (the first covers one period back). With nothing to tell, the period
is recorded with no e-mail; otherwise the e-mail goes through the outbox
(``digest:<digest id>``) and every notification in it gets a ``digest`` Delivery.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone

from coitrack.accounts.models import Membership
from coitrack.compliance.services.clock import organization_zone
from coitrack.notifications import events
from coitrack.notifications.models import (
    Delivery,
    Digest,
    DigestSettings,
    Notification,
    NotificationPreference,
)
from coitrack.notifications.services.transports import absolute_url, defuse

EXPIRING_DAYS = 30
SHOWN = 10  # expiring vendors named in the digest; the rest are counted


def period_for(rhythm: DigestSettings, local_now: dt.datetime) -> tuple[dt.date, dt.datetime]:
    """The latest digest moment at or before ``local_now``: ``(its local date, the moment)``."""
    moment = local_now.replace(hour=rhythm.hour, minute=0, second=0, microsecond=0)
    if rhythm.frequency == DigestSettings.Frequency.WEEKLY:
        moment -= dt.timedelta(days=(moment.weekday() - rhythm.weekday) % 7)
        if moment > local_now:
            moment -= dt.timedelta(days=7)
    elif moment > local_now:
        moment -= dt.timedelta(days=1)
    return moment.date(), moment


def send_due_digests(*, now: dt.datetime | None = None) -> int:
    """Write (and queue the e-mail of) every digest that is due; return how many e-mails."""
    now = now or timezone.now()
    ids = set(NotificationPreference.objects.filter(channel=events.DIGEST)
              .values_list("membership_id", flat=True))
    sent = 0
    for membership in (Membership.objects.filter(pk__in=ids, user__is_active=True)
                       .select_related("organization", "user", "digest_settings")):
        sent += send_digest(membership, now=now)
    return sent


def send_digest(membership: Membership, *, now: dt.datetime) -> int:
    """This member's digest for the period due at ``now``, once; 1 when an e-mail was queued."""
    try:
        rhythm = membership.digest_settings
    except DigestSettings.DoesNotExist:
        rhythm = DigestSettings(membership=membership)
    zone = organization_zone(membership.organization)
    period, moment = period_for(rhythm, now.astimezone(zone))
    if Digest.objects.filter(membership=membership, period=period).exists():
        return 0
    previous = Digest.objects.filter(membership=membership).order_by("-until").first()
    length = dt.timedelta(days=7 if rhythm.frequency == DigestSettings.Frequency.WEEKLY else 1)
    since = previous.until if previous else moment - length
    try:
        with transaction.atomic():
            digest = Digest.objects.create(membership=membership, period=period,
                                           frequency=rhythm.frequency, since=since, until=now)
            return _fill(digest, membership, now)
    except IntegrityError:  # another worker took this period first
        return 0


def _fill(digest: Digest, membership: Membership, now: dt.datetime) -> int:
    from coitrack.outreach.models import Audience
    from coitrack.outreach.services.outbox import queue

    notifications = list(Notification.objects.filter(
        organization=membership.organization, user=membership.user, channel=events.DIGEST,
        created_at__gt=digest.since, created_at__lte=digest.until,
    ).order_by("kind", "created_at", "pk"))
    digest.notification_count = len(notifications)
    address = (membership.user.email or "").strip()
    if not notifications or not address:
        digest.save(update_fields=["notification_count"])
        return 0
    context = {"organization": membership.organization, "digest": digest,
               "groups": _grouped(notifications), "summary": summary_for(membership, now),
               "all_link": absolute_url("/notifications/"),
               "settings_link": absolute_url("/notifications/settings/")}
    word = "Weekly" if digest.frequency == DigestSettings.Frequency.WEEKLY else "Daily"
    digest.message = queue(
        organization=membership.organization, vendor=None, audience=Audience.STAFF,
        dedupe_key=f"digest:{digest.pk}", to=[address], kind="digest", now=now,
        subject=f"{word} digest: {len(notifications)} notification"
                f"{'s' if len(notifications) != 1 else ''} · {membership.organization.name}",
        text=defuse(render_to_string("notifications/email/digest.txt", context)),
        html=defuse(render_to_string("notifications/email/digest.html", context)))
    digest.save(update_fields=["notification_count", "message"])
    Delivery.objects.bulk_create([
        Delivery(notification=n, transport=Delivery.Transport.DIGEST,
                 status=Delivery.Status.QUEUED, at=now, message=digest.message)
        for n in notifications], ignore_conflicts=True)
    return 1


@dataclass
class Group:
    label: str
    notifications: list[Notification]


def _grouped(notifications: list[Notification]) -> list[Group]:
    groups: dict[str, Group] = {}
    for n in notifications:
        groups.setdefault(n.kind, Group(events.label(n.kind), [])).notifications.append(n)
    for group in groups.values():
        for n in group.notifications:
            n.link = absolute_url(n.url) if n.url else ""
    return list(groups.values())


@dataclass
class Summary:
    scope_label: str
    by_status: list[tuple[str, int]]
    expiring: list[tuple[str, dt.date]]
    expiring_count: int
    days: int = EXPIRING_DAYS


def summary_for(membership: Membership, now: dt.datetime) -> Summary:
    """The member's vendors by compliance status, and those expiring within
    :data:`EXPIRING_DAYS`: every active vendor for reviewers and admins who follow all vendors
    of some kind, else the vendors they own."""
    from coitrack.vendors.models import Vendor, VendorStatus

    vendors = Vendor.objects.filter(organization=membership.organization,
                                    merged_into__isnull=True, status=VendorStatus.ACTIVE)
    follows_all = NotificationPreference.objects.filter(
        membership=membership, scope=events.ALL).exists() and membership.role in events.STAFF
    if not follows_all:
        vendors = vendors.filter(owner=membership.user)
    labels = dict(Vendor._meta.get_field("compliance_status").choices)
    counts = dict(vendors.values_list("compliance_status").annotate(n=Count("pk")))
    by_status = [(label, counts[key]) for key, label in labels.items() if counts.get(key)]
    today = now.astimezone(organization_zone(membership.organization)).date()
    soon = vendors.filter(next_expiration__gte=today,
                          next_expiration__lte=today + dt.timedelta(days=EXPIRING_DAYS))
    return Summary(scope_label="all vendors" if follows_all else "the vendors you own",
                   by_status=by_status,
                   expiring=list(soon.order_by("next_expiration", "legal_name")
                                 .values_list("legal_name", "next_expiration")[:SHOWN]),
                   expiring_count=soon.count())
