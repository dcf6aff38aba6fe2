"""Fixtures shared by the vendors tests."""

from __future__ import annotations

import pytest

from coitrack.audit.models import Event
from coitrack.testing import factories


@pytest.fixture
def vendor(org):
    return factories.vendor(org, "Acme Roofing LLC")


@pytest.fixture
def other_vendor(other_org):
    return factories.vendor(other_org, "Elsewhere Roofing LLC")


def events_of(obj, action=None):
    """Audit events about ``obj`` (oldest first), optionally of one action."""
    events = Event.objects.filter(object_type=obj._meta.model_name, object_id=obj.pk)
    if action:
        events = events.filter(action=action)
    return list(events.order_by("id"))
