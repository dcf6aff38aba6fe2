"""The audit trail is append-only and records who changed what, with before and after."""

import pytest
from django.db import DatabaseError, connection, transaction

from coitrack.audit import services
from coitrack.audit.models import Action, AppendOnlyError, Event
from coitrack.testing import factories


@pytest.fixture
def event(org, admin_user):
    vendor = factories.vendor(org, "Acme Roofing LLC")
    return services.record(
        organization=org, actor=admin_user, action=Action.UPDATE, obj=vendor,
        changes={"legal_name": ["Acme Roofing", "Acme Roofing LLC"]}, vendor_id=vendor.pk,
    )


def test_record_keeps_actor_object_and_changes(event, admin_user):
    stored = Event.objects.get(pk=event.pk)
    assert stored.actor == admin_user
    assert stored.actor_label == "alice"
    assert stored.object_type == "vendor"
    assert stored.object_repr == "Acme Roofing LLC"
    assert stored.changes == {"legal_name": ["Acme Roofing", "Acme Roofing LLC"]}


def test_system_actor_is_named_without_a_user(org):
    vendor = factories.vendor(org)
    event = services.record(organization=org, actor=None, action=Action.CREATE, obj=vendor)
    assert event.actor is None
    assert event.actor_label == "system"


def test_diff_lists_only_changed_fields():
    before = {"name": "A", "city": "Boston", "owner": None}
    after = {"name": "B", "city": "Boston", "owner": "rita"}
    assert services.diff(before, after) == {"name": ["A", "B"], "owner": [None, "rita"]}


def test_saving_an_existing_event_is_refused(event):
    event.note = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()


def test_deleting_an_event_is_refused(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(note="x")


def test_database_refuses_raw_updates_and_deletes(event):
    statements = ["UPDATE audit_event SET note = 'x'"]
    if connection.vendor == "postgresql":  # see the migration: SQLite refuses updates only
        statements.append("DELETE FROM audit_event")
    for sql in statements:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert Event.objects.filter(pk=event.pk, note="").exists()
