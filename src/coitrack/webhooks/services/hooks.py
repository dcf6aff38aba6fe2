"""What the rest of coitrack calls where each event happens: one call per place, each building
the event's ``data`` and handing it to :func:`emit.emit` in the caller's transaction.

- ``compliance.services.evaluation.evaluate_vendors``: :func:`vendor_status_changes` per chunk
  (every change of the stored status, first evaluations included: a receiver mirroring the
  status needs them all);
- ``certificates.services.status._change_status`` (every status change of a certificate, by a
  person, the reader or the misinformation checks): :func:`certificate_status_changed`, which
  emits ``certificate.needs_review`` and ``certificate.accepted``;
- ``outreach.services.outbox.deliver_one``, once the mail server accepted a message to a vendor
  about a request: :func:`request_sent`;
- ``outreach.services.requests.record_answer``, an upload or reply on an open request:
  :func:`request_answered`.

Each costs one query when no endpoint of the organization follows the event.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from coitrack.webhooks import events
from coitrack.webhooks.services.emit import emit, emit_many, subscribed


def link(name: str, pk: int) -> str:
    return settings.PUBLIC_URL.rstrip("/") + reverse(name, args=[pk])


def vendor_ref(vendor) -> dict:
    return {"id": vendor.pk, "name": vendor.legal_name, "dba": vendor.dba,
            "url": link("vendors:detail", vendor.pk)}


def vendor_status_changes(organization, changes: Iterable[tuple[int, str, str]]) -> int:
    """Emit ``vendor.status_changed`` for each ``(vendor id, previous, new)`` status; return how
    many events were emitted."""
    changes = [(pk, before, after) for pk, before, after in changes if before != after]
    if not changes or not subscribed(organization, events.VENDOR_STATUS_CHANGED):
        return 0
    from coitrack.vendors.models import Vendor

    vendors = Vendor.objects.in_bulk([pk for pk, _, _ in changes])
    found = [{"vendor": vendor_ref(vendors[pk]), "previous_status": before, "status": after}
             for pk, before, after in changes if pk in vendors]
    emit_many(organization, events.VENDOR_STATUS_CHANGED, found)
    return len(found)


def certificate_ref(cert) -> dict:
    return {"id": cert.pk, "status": cert.status, "reason": cert.status_reason,
            "received_date": cert.received_date, "url": link("certificates:detail", cert.pk)}


def certificate_status_changed(cert, before: str, after: str) -> None:
    """Emit ``certificate.needs_review`` or ``certificate.accepted`` when ``cert`` enters one."""
    event = {"needs_review": events.CERTIFICATE_NEEDS_REVIEW,
             "accepted": events.CERTIFICATE_ACCEPTED}.get(after)
    if event is None or before == after:
        return
    emit(cert.organization, event, {"certificate": certificate_ref(cert),
                                    "previous_status": before, "vendor": vendor_ref(cert.vendor)})


def request_ref(request) -> dict:
    return {"id": request.pk, "reason": request.reason, "status": request.status,
            "opened_at": request.opened_at, "expiration": request.expiration,
            "missing": [m.get("label", m.get("code", "")) for m in request.missing or []]}


def request_sent(message) -> None:
    """Emit ``request.sent`` for an outbox ``message`` the mail server accepted, when it went to
    the vendor about a request."""
    if message.request_id is None or message.audience != "vendor" or message.vendor_id is None:
        return
    emit(message.organization, events.REQUEST_SENT, {
        "request": request_ref(message.request), "vendor": vendor_ref(message.vendor),
        "message": {"id": message.pk, "kind": message.kind, "subject": message.subject,
                    "sent_at": message.sent_at or timezone.now()}})


def request_answered(request, *, channel: str, detail: str) -> None:
    """Emit ``request.answered``: the vendor of ``request`` sent something (``channel``: the
    communications log's kind, e.g. ``upload`` or ``reply``)."""
    emit(request.organization, events.REQUEST_ANSWERED, {
        "request": request_ref(request), "vendor": vendor_ref(request.vendor),
        "channel": channel, "detail": detail, "answered_at": request.answered_at})
