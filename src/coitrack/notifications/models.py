"""Notifications: one row per person told about something, read in the app and sent by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Kind:
    """What a notification is about; later issues add their own kinds (a string each)."""

    CERTIFICATE_FLAGGED = "certificate_flagged"


class Notification(models.Model):
    """Something one member of an organization should know, with a link to where to act.

    ``url`` is a path inside coitrack (``/certificates/12/``); e-mails make it absolute with
    ``settings.PUBLIC_URL``. ``emailed_at`` stays empty while the e-mail has not been delivered to
    the mail server (no address, or the server failed).
    """

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=50)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The bell counts a user's unread rows on every page: an index-only count.
            models.Index(fields=["user", "organization", "read_at"], name="notification_unread"),
            models.Index(fields=["user", "organization", "-created_at"],
                         name="notification_newest"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
