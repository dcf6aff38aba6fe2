"""Notifications: one row per person told about something, what each person chose to be told,
and a record of every attempt to tell them (one :class:`Delivery` per transport).

Kinds, channels and scopes are defined in ``notifications/events.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from coitrack.notifications import events


class Kind:
    """Kept for callers of the first version; the registry is ``events.KINDS``."""

    CERTIFICATE_FLAGGED = events.CERTIFICATE_NEEDS_REVIEW
    CERTIFICATE_NEEDS_REVIEW = events.CERTIFICATE_NEEDS_REVIEW


class Channel(models.TextChoices):
    IN_APP = events.IN_APP, "In the app"
    EMAIL = events.EMAIL, "In the app and by e-mail"
    DIGEST = events.DIGEST, "Digest only"
    OFF = events.OFF, "Off"


class Scope(models.TextChoices):
    ALL = events.ALL, "All vendors"
    MINE = events.MINE, "Only vendors I own"


class Notification(models.Model):
    """Something one member of an organization should know, with a link to where to act.

    ``url`` is a path inside coitrack (``/certificates/12/``); e-mails make it absolute with
    ``settings.PUBLIC_URL``. ``channel`` is the member's choice when it was written: a
    ``digest`` row is born read (it never rings the bell) and waits for the member's next digest.
    ``vendor`` is what it is about, if one vendor (a summary of many has none).
    """

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=50)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.IN_APP)
    vendor = models.ForeignKey("vendors.Vendor", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The bell counts a user's unread rows on every page: an index-only count.
            models.Index(fields=["user", "organization", "read_at"], name="notification_unread"),
            models.Index(fields=["user", "organization", "-created_at"],
                         name="notification_newest"),
            models.Index(fields=["user", "organization", "created_at"],
                         condition=Q(channel="digest"), name="notification_digest"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def kind_label(self) -> str:
        return events.label(self.kind)

    @property
    def emailed_at(self):
        """When the mail server accepted this notification's e-mail (``None``: not yet, or
        never). Follows the outbox row (one query; lists prefetch ``deliveries__message``)."""
        for delivery in self.deliveries.all():
            if delivery.transport == Delivery.Transport.EMAIL and delivery.message_id:
                return delivery.message.sent_at
        return None


class Delivery(models.Model):
    """One attempt to tell one notification through one transport.

    In-app deliveries are ``delivered`` when the row is written. E-mail and digest deliveries are
    ``queued`` with their outbox message (or ``skipped``: the member has no address); from then
    on the outbox row is the truth (its attempts, retries and last error), and :attr:`state`
    reads it, so no second copy of the status can drift.
    """

    class Transport(models.TextChoices):
        IN_APP = "in_app", "In the app"
        EMAIL = "email", "E-mail"
        DIGEST = "digest", "Digest e-mail"

    class Status(models.TextChoices):
        DELIVERED = "delivered", "Delivered"
        QUEUED = "queued", "Queued"
        SKIPPED = "skipped", "Skipped"
        FAILED = "failed", "Failed"

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE,
                                     related_name="deliveries")
    transport = models.CharField(max_length=16, choices=Transport.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    at = models.DateTimeField()
    error = models.TextField(blank=True)
    message = models.ForeignKey("outreach.OutboxMessage", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["notification", "transport"],
                                               name="one_delivery_per_transport")]

    def __str__(self) -> str:
        return f"{self.transport} of notification {self.notification_id}: {self.state}"

    @property
    def state(self) -> str:
        """``delivered``, ``queued``, ``retrying``, ``sent``, ``failed`` or ``skipped``; an
        e-mail's follows its outbox row."""
        if self.message_id is None:
            return self.status
        status = self.message.status
        if status in ("sent",):
            return "sent"
        if status in ("rejected", "failed", "cancelled"):
            return "failed"
        return "retrying" if status == "retrying" else "queued"

    @property
    def last_error(self) -> str:
        return self.message.last_error if self.message_id else self.error


class NotificationPreference(models.Model):
    """A member's choice for one kind (no row: the role's default, ``events``)."""

    membership = models.ForeignKey("accounts.Membership", on_delete=models.CASCADE,
                                   related_name="notification_preferences")
    kind = models.CharField(max_length=50)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    scope = models.CharField(max_length=4, choices=Scope.choices, default=Scope.MINE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["membership", "kind"],
                                               name="one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.channel}, {self.scope} ({self.membership_id})"


class DigestSettings(models.Model):
    """When a member's digest goes out, in the organization's time zone (no row: daily at 7)."""

    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"

    membership = models.OneToOneField("accounts.Membership", on_delete=models.CASCADE,
                                      related_name="digest_settings")
    frequency = models.CharField(max_length=6, choices=Frequency.choices,
                                 default=Frequency.DAILY)
    hour = models.PositiveSmallIntegerField(default=7)  # local hour, 0-23
    weekday = models.PositiveSmallIntegerField(default=0)  # weekly: 0 = Monday

    def __str__(self) -> str:
        return f"{self.frequency} digest at {self.hour}:00 ({self.membership_id})"


class Digest(models.Model):
    """One member's digest for one period (``period``: the local day it is for, the week's
    digest day when weekly). Unique per member and period: a period is digested once, however
    often and by however many workers the job runs."""

    membership = models.ForeignKey("accounts.Membership", on_delete=models.CASCADE,
                                   related_name="+")
    period = models.DateField()
    frequency = models.CharField(max_length=6)
    since = models.DateTimeField()
    until = models.DateTimeField()
    notification_count = models.PositiveIntegerField(default=0)
    message = models.ForeignKey("outreach.OutboxMessage", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period", "-id"]
        constraints = [models.UniqueConstraint(fields=["membership", "period"],
                                               name="one_digest_per_period")]

    def __str__(self) -> str:
        return f"{self.frequency} digest of {self.period} ({self.membership_id})"
