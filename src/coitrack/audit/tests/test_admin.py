"""Staff can use the Django admin; their changes land in the audit trail too."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from coitrack.audit.models import Action, Event
from coitrack.testing import factories


@pytest.fixture
def staff_client(db):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw-root-123")
    client = Client()
    client.force_login(user)
    return client


def test_admin_index_lists_the_apps(staff_client):
    response = staff_client.get("/admin/")
    assert response.status_code == 200
    for label in (b"Vendors", b"Certificates", b"Organizations", b"Events"):
        assert label in response.content


def test_admin_vendor_edit_writes_an_audit_event(staff_client, org):
    vendor = factories.vendor(org, "Old Name LLC")
    response = staff_client.get(f"/admin/vendors/vendor/{vendor.pk}/change/")
    assert response.status_code == 200
    data = {
        "organization": org.pk, "legal_name": "New Name LLC", "dba": "", "status": "active",
        "address_line1": "", "address_line2": "", "city": "", "state": "", "postal_code": "",
        "tax_id": "", "notes": "", "contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0",
    }
    response = staff_client.post(f"/admin/vendors/vendor/{vendor.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    event = Event.objects.get(object_type="vendor", object_id=vendor.pk, action=Action.UPDATE)
    assert event.changes == {"legal_name": ["Old Name LLC", "New Name LLC"]}
    assert event.vendor_id == vendor.pk
    assert event.actor_label == "root"


def test_audit_events_are_read_only_in_the_admin(staff_client, org):
    vendor = factories.vendor(org)
    from coitrack.audit import services

    event = services.record(organization=org, actor=None, action=Action.CREATE, obj=vendor)
    assert staff_client.get(f"/admin/audit/event/{event.pk}/change/").status_code == 200
    response = staff_client.post(f"/admin/audit/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Event.objects.filter(pk=event.pk).exists()
