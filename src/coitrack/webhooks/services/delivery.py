"""Delivering webhook rows: claimed by a conditional UPDATE, signed, POSTed, the outcome stored.

Like the e-mail outbox (``outreach.services.outbox``): :func:`deliver_due` lists due rows and
claims each one with ``UPDATE ... WHERE status IN (pending, retrying) AND next_attempt_at <= now``
(-> ``sending``), so two workers or two sweeps never send the same row; only the one whose
UPDATE matched sends. Outcomes (``transport.judge``):

- 2xx: ``delivered``; the endpoint's ``consecutive_failures`` goes back to 0;
- 408, 429, 5xx, timeout, connection error: ``retrying`` after :data:`BACKOFF` (1 min, 5 min,
  30 min, 2 h, 6 h), ``failed`` after the last attempt;
- any other answer, or a refused address: ``failed`` at once (retrying would not help).

A delivery that ends ``failed`` counts one more consecutive failure on its endpoint; at
:data:`DISABLE_AFTER` the endpoint is disabled and the organization's admins are told
(``endpoints.disable``). A worker that dies mid-request leaves its row ``sending``; after
:data:`STALE_AFTER` the sweep makes it due again (the one case that can deliver an event twice;
receivers recognize it by its ``Coitrack-Delivery`` id).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from coitrack.webhooks import signing, transport
from coitrack.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

BACKOFF = (dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=30),
           dt.timedelta(hours=2), dt.timedelta(hours=6))
MAX_ATTEMPTS = len(BACKOFF) + 1
DISABLE_AFTER = 10  # deliveries failed for good in a row
STALE_AFTER = dt.timedelta(minutes=5)  # far beyond the 10 s timeout
DUE = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)
USER_AGENT = "coitrack-webhooks/1"


def deliver_due(*, now=None, limit: int = 500) -> int:
    """Deliver up to ``limit`` due rows of active endpoints; return how many were delivered.
    Idempotent, and safe to run in several workers at once."""
    now = now or timezone.now()
    WebhookDelivery.objects.filter(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_AFTER,
    ).update(status=DeliveryStatus.RETRYING, next_attempt_at=now)
    delivered = 0
    for pk in due_ids(now=now, limit=limit):
        if claim(pk, now=now):
            delivered += deliver_one(pk, now=now)
    return delivered


def due_ids(*, now, limit: int = 500) -> list[int]:
    """Ids of rows due at ``now`` whose endpoint is active, oldest first."""
    return list(WebhookDelivery.objects.filter(
        status__in=DUE, next_attempt_at__lte=now, endpoint__active=True,
    ).order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])


def claim(pk: int, *, now) -> bool:
    """Take row ``pk`` for sending; False when another worker took it (or it is not due)."""
    return bool(WebhookDelivery.objects.filter(
        pk=pk, status__in=DUE, next_attempt_at__lte=now,
    ).update(status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1))


def headers_for(delivery: WebhookDelivery, secret: str, *, timestamp: int) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Coitrack-Event": delivery.event,
        "Coitrack-Delivery": str(delivery.event_id),
        signing.HEADER: signing.sign(delivery.body, secret, timestamp),
    }


def deliver_one(pk: int, *, now=None) -> bool:
    """POST one claimed (``sending``) row and store the outcome; never raises for network
    trouble. Returns whether the endpoint accepted it (2xx)."""
    now = now or timezone.now()
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=pk)
    if delivery.status != DeliveryStatus.SENDING:
        return False
    endpoint = delivery.endpoint
    body = delivery.body.encode()
    sent_at = timezone.now()
    result = transport.post(
        endpoint.url, body,
        headers_for(delivery, endpoint.secret, timestamp=int(sent_at.timestamp())),
        allow_private=settings.WEBHOOKS_ALLOW_PRIVATE, timeout=transport.TIMEOUT)
    outcome = transport.judge(result)
    if outcome == transport.RETRY and delivery.attempts < MAX_ATTEMPTS:
        status, next_at = DeliveryStatus.RETRYING, now + BACKOFF[delivery.attempts - 1]
    elif outcome == transport.DELIVERED:
        status, next_at = DeliveryStatus.DELIVERED, None
    else:
        status, next_at = DeliveryStatus.FAILED, None
    if status != DeliveryStatus.DELIVERED:
        logger.warning("Webhook delivery %s to %s: %s (%s)", pk, endpoint.url, result.error,
                       status)
    with transaction.atomic():
        updated = WebhookDelivery.objects.filter(pk=pk, status=DeliveryStatus.SENDING).update(
            status=status, next_attempt_at=next_at, last_attempt_at=sent_at,
            last_status_code=result.status, last_error=result.error[:1000],
            response_excerpt=result.excerpt,
            delivered_at=sent_at if status == DeliveryStatus.DELIVERED else None)
        if updated and status == DeliveryStatus.DELIVERED:
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=0)
        elif updated and status == DeliveryStatus.FAILED:
            _count_failure(endpoint, result.error)
    return bool(updated) and status == DeliveryStatus.DELIVERED


def _count_failure(endpoint: WebhookEndpoint, error: str) -> None:
    from coitrack.webhooks.services.endpoints import disable

    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1)
    failures = WebhookEndpoint.objects.values_list("consecutive_failures", flat=True).get(
        pk=endpoint.pk)
    if failures >= DISABLE_AFTER:
        disable(endpoint, reason=(f"{failures} deliveries in a row failed; the last: "
                                  f"{error}")[:300], actor="system")
