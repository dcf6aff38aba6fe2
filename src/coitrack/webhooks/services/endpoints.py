"""An organization's endpoints: create, change, enable and disable, rotate the secret, delete,
send a test event, redeliver. Every change is audited in its transaction; the secret never
appears in the audit trail. Bad input raises ``ValidationError`` (by field) and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from coitrack.audit.models import Action
from coitrack.audit.services import diff, record, snapshot
from coitrack.webhooks import addresses, events, signing
from coitrack.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from coitrack.webhooks.services.emit import emit, kick

AUDITED = ["url", "description", "events", "active"]
MAX_ENDPOINTS = 20  # per organization: each event is one request per endpoint


def clean(url: str, description: str, chosen: Iterable[str]) -> tuple[str, str, list[str]]:
    """The cleaned ``(url, description, events)``; ``ValidationError`` by field otherwise."""
    errors: dict[str, str] = {}
    url = (url or "").strip()
    try:
        addresses.check_url(url, allow_private=settings.WEBHOOKS_ALLOW_PRIVATE)
    except addresses.AddressRefused as error:
        errors["url"] = str(error)
    description = " ".join((description or "").split())
    if len(description) > 200:
        errors["description"] = "Use at most 200 characters."
    chosen = list(dict.fromkeys(chosen or []))
    unknown = [e for e in chosen if e not in events.EVENTS]
    if unknown:
        errors["events"] = f"Unknown events: {', '.join(unknown)}."
    elif not chosen:
        errors["events"] = "Choose at least one event."
    if errors:
        raise ValidationError(errors)
    return url, description, [e for e in events.EVENTS if e in chosen]  # the registry's order


def create_endpoint(*, organization, actor, url: str, description: str = "",
                    chosen: Iterable[str]) -> WebhookEndpoint:
    url, description, chosen = clean(url, description, chosen)
    with transaction.atomic():
        if WebhookEndpoint.objects.filter(organization=organization).count() >= MAX_ENDPOINTS:
            raise ValidationError({"url": f"An organization has at most {MAX_ENDPOINTS} "
                                          "endpoints; delete one first."})
        endpoint = WebhookEndpoint.objects.create(
            organization=organization, url=url, description=description, events=chosen,
            secret=signing.new_secret(), created_by=None if isinstance(actor, str) else actor)
        record(organization=organization, actor=actor, action=Action.CREATE, obj=endpoint,
               changes={k: [None, v] for k, v in snapshot(endpoint, AUDITED).items()})
    return endpoint


def update_endpoint(endpoint: WebhookEndpoint, *, actor, url: str, description: str,
                    chosen: Iterable[str]) -> WebhookEndpoint:
    url, description, chosen = clean(url, description, chosen)
    with transaction.atomic():
        before = snapshot(endpoint, AUDITED)
        endpoint.url, endpoint.description, endpoint.events = url, description, chosen
        endpoint.save(update_fields=["url", "description", "events", "updated_at"])
        changes = diff(before, snapshot(endpoint, AUDITED))
        if changes:
            record(organization=endpoint.organization, actor=actor, action=Action.UPDATE,
                   obj=endpoint, changes=changes)
    return endpoint


def rotate_secret(endpoint: WebhookEndpoint, *, actor) -> WebhookEndpoint:
    """A new secret, effective at once for every attempt from now on (retries included)."""
    with transaction.atomic():
        endpoint.secret = signing.new_secret()
        endpoint.save(update_fields=["secret", "updated_at"])
        record(organization=endpoint.organization, actor=actor, action=Action.UPDATE,
               obj=endpoint, note="Signing secret replaced.")
    return endpoint


def enable(endpoint: WebhookEndpoint, *, actor) -> bool:
    """Turn a disabled endpoint back on (its failure count starts again at 0); return whether
    it was off."""
    with transaction.atomic():
        changed = WebhookEndpoint.objects.filter(pk=endpoint.pk, active=False).update(
            active=True, consecutive_failures=0, disabled_at=None, disabled_reason="",
            updated_at=timezone.now())
        if changed:
            record(organization=endpoint.organization, actor=actor, action=Action.STATUS,
                   obj=endpoint, changes={"active": [False, True]})
    endpoint.refresh_from_db()
    return bool(changed)


def disable(endpoint: WebhookEndpoint, *, reason: str, actor) -> bool:
    """Turn ``endpoint`` off (by an admin, or by the worker after repeated failures): nothing
    new is written for it, and its deliveries not yet made fail with a note (an admin can
    redeliver them after enabling it). Only the call that turns it off audits and, when the
    worker did it, tells the organization's admins. Returns whether this call turned it off."""
    now = timezone.now()
    with transaction.atomic():
        changed = WebhookEndpoint.objects.filter(pk=endpoint.pk, active=True).update(
            active=False, disabled_at=now, disabled_reason=reason[:300], updated_at=now)
        if not changed:
            return False
        WebhookDelivery.objects.filter(endpoint=endpoint, status__in=(
            DeliveryStatus.PENDING, DeliveryStatus.RETRYING)).update(
            status=DeliveryStatus.FAILED, next_attempt_at=None,
            last_error="Not sent: the endpoint was disabled.")
        record(organization=endpoint.organization, actor=actor, action=Action.STATUS,
               obj=endpoint, changes={"active": [True, False]}, note=reason)
        if actor == "system":
            _tell_admins(endpoint, reason)
    endpoint.refresh_from_db()
    return True


def _tell_admins(endpoint: WebhookEndpoint, reason: str) -> None:
    from coitrack.notifications import events as kinds
    from coitrack.notifications.services import publish

    publish(kinds.WEBHOOK_DISABLED, endpoint.organization,
            title=f"Webhook endpoint disabled: {endpoint.url}"[:200],
            body=(f"coitrack stopped sending events to {endpoint.url}. {reason}\n"
                  "Fix the receiver, then enable the endpoint again in Settings > Webhooks."),
            url=reverse("webhooks:detail", args=[endpoint.pk]))


def delete_endpoint(endpoint: WebhookEndpoint, *, actor) -> None:
    """Delete the endpoint and its delivery log."""
    with transaction.atomic():
        record(organization=endpoint.organization, actor=actor, action=Action.DELETE,
               obj=endpoint, changes={k: [v, None] for k, v in
                                      snapshot(endpoint, AUDITED).items()})
        endpoint.delete()


def send_test(endpoint: WebhookEndpoint, *, actor) -> WebhookDelivery:
    """Queue a ``webhook.test`` event for this endpoint alone. Refused when it is disabled."""
    if not endpoint.active:
        raise ValidationError("Enable the endpoint before sending it a test event.")
    label = actor if isinstance(actor, str) else (actor.get_full_name() or actor.get_username())
    [delivery] = emit(endpoint.organization, events.TEST, {
        "message": "A test event from coitrack: your endpoint receives and verifies events.",
        "sent_by": label}, endpoints=[endpoint])
    return delivery


def redeliver(delivery: WebhookDelivery, *, actor) -> WebhookDelivery:
    """Send a delivered or failed row again (same event id and body, new round of attempts), or
    a retrying one now. Refused while it is being sent or waits already, and when the endpoint
    is disabled."""
    if not delivery.endpoint.active:
        raise ValidationError("Enable the endpoint before redelivering its events.")
    with transaction.atomic():
        changed = WebhookDelivery.objects.filter(pk=delivery.pk, status__in=(
            DeliveryStatus.DELIVERED, DeliveryStatus.FAILED, DeliveryStatus.RETRYING),
        ).update(status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now(),
                 claimed_at=None)
        if not changed:
            raise ValidationError("This event is waiting to be sent already.")
        record(organization=delivery.organization, actor=actor, action=Action.UPDATE,
               obj=delivery.endpoint, note=f"Redelivery of {delivery.event} {delivery.event_id}.")
        kick()
    delivery.refresh_from_db()
    return delivery
