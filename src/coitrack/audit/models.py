"""The append-only audit trail: one event for every change, by a user or by the system."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Action(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"
    STATUS = "status", "Status changed"
    MERGE = "merge", "Merged"
    UPLOAD = "upload", "File uploaded"
    SUPERSEDE = "supersede", "Superseded"


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit events cannot be deleted")


class Event(models.Model):
    """Who did what to which object, with each changed field's before and after.

    ``vendor`` and ``certificate`` link the event to the pages that show it (a contact's change is
    shown on its vendor's page). They are plain ids, not foreign keys, so an event outlives what
    it describes and nothing can cascade-delete history.
    """

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200)  # "Ann Smith", "system", "vendor portal"
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=50)  # "vendor", "contact", "certificate", ...
    object_id = models.BigIntegerField()
    object_repr = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)  # {"field": [before, after]}
    note = models.TextField(blank=True)
    vendor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    certificate_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organization", "object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.get_action_display().lower()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be deleted")
