"""Webhook endpoints of an organization and one delivery row per event and endpoint."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models

from coitrack.webhooks import events


class WebhookEndpoint(models.Model):
    """A URL of the organization's that receives the events it follows, signed with ``secret``.

    ``secret`` is kept in clear because it signs every request; admins can read and rotate it
    (Settings > Webhooks). ``consecutive_failures`` counts deliveries that failed for good in a
    row; at ``services.delivery.DISABLE_AFTER`` the endpoint is disabled (``active`` False,
    ``disabled_at`` and ``disabled_reason`` set) until an admin enables it again.
    """

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="webhook_endpoints")
    url = models.CharField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    events = models.JSONField(default=list)  # event names, see webhooks/events.py
    secret = models.CharField(max_length=100)
    active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["organization", "active"], name="webhook_endpoint_live")]

    def __str__(self) -> str:
        return f"webhook endpoint {self.url}"

    @property
    def event_labels(self) -> list[str]:
        return [events.label(name) for name in self.events]


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Sending"
    RETRYING = "retrying", "Failed, will retry"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"


class WebhookDelivery(models.Model):
    """One event for one endpoint: written in the transaction of the change (an outbox), sent by
    the worker. ``body`` is the exact JSON sent and signed (text, so every attempt sends the
    same bytes on every database). ``attempts`` counts the attempts of the current round (a
    redelivery starts a new round)."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+")
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE,
                                 related_name="deliveries")
    event = models.CharField(max_length=50)
    event_id = models.UUIDField()
    body = models.TextField()
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=1000, blank=True)
    response_excerpt = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["endpoint", "event_id"],
                                               name="webhook_delivery_once")]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due"),
            models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_log"),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.event_id} to endpoint {self.endpoint_id}"

    @property
    def payload(self) -> dict:
        return json.loads(self.body)

    @property
    def pretty_body(self) -> str:
        return json.dumps(self.payload, indent=2, ensure_ascii=False)

    @property
    def event_label(self) -> str:
        return events.label(self.event)
