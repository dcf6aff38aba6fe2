"""Webhooks. What other apps call:

- :func:`emit` (``emit.py``): an event with its data -> one delivery row per endpoint following
  it, in the caller's transaction, delivered after commit;
- the hook functions (``hooks.py``), one per place an event happens;
- :func:`deliver_due` (``delivery.py``): the worker's sweep;
- endpoint management for the Settings screens (``endpoints.py``).
"""

from coitrack.webhooks.services.delivery import deliver_due
from coitrack.webhooks.services.emit import emit, emit_many
from coitrack.webhooks.services.hooks import (
    certificate_status_changed,
    request_answered,
    request_sent,
    vendor_status_changes,
)

__all__ = ["certificate_status_changed", "deliver_due", "emit", "emit_many", "request_answered",
           "request_sent", "vendor_status_changes"]
