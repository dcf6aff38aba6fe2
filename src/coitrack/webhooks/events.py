"""The events an endpoint can subscribe to (pure: no Django). Names are part of the public
contract: receivers switch on them, so a name never changes meaning."""

from __future__ import annotations

VENDOR_STATUS_CHANGED = "vendor.status_changed"
CERTIFICATE_NEEDS_REVIEW = "certificate.needs_review"
CERTIFICATE_ACCEPTED = "certificate.accepted"
REQUEST_SENT = "request.sent"
REQUEST_ANSWERED = "request.answered"
TEST = "webhook.test"  # the "send test event" button; goes to one endpoint, whatever it follows

EVENTS: dict[str, str] = {
    VENDOR_STATUS_CHANGED: "A vendor's compliance status changed",
    CERTIFICATE_NEEDS_REVIEW: "A certificate needs review",
    CERTIFICATE_ACCEPTED: "A certificate was accepted",
    REQUEST_SENT: "A certificate request or reminder was sent to a vendor",
    REQUEST_ANSWERED: "A vendor answered a request (upload or reply)",
}


def choices() -> list[tuple[str, str]]:
    """``(name, label)`` pairs for a form, in the order above."""
    return list(EVENTS.items())


def label(name: str) -> str:
    return EVENTS.get(name, "Test event" if name == TEST else name)
