"""A vendor's contacts: added, edited and deleted from the vendor's page, each change audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coitrack.audit.models import Action
from coitrack.testing import factories
from coitrack.vendors.models import Contact

from .conftest import events_of


def contact_data(**overrides) -> dict:
    data = {"role": "vendor", "name": "Pat Doe", "email": "pat@example.com", "phone": "",
            "is_primary": ""}
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


def test_add_contact_is_audited_on_the_vendor(reviewer_client, vendor):
    response = reviewer_client.post(reverse("vendors:contact_add", args=[vendor.pk]),
                                    contact_data(role="agent", phone="555-0100"))
    assert response.status_code == 302
    contact = Contact.objects.get(vendor=vendor)
    assert (contact.role, contact.phone) == ("agent", "555-0100")
    [event] = events_of(contact, Action.CREATE)
    assert event.vendor_id == vendor.pk
    assert event.changes["email"] == [None, "pat@example.com"]


def test_edit_contact_records_before_and_after(reviewer_client, vendor):
    contact = factories.contact(vendor, name="Pat Doe", email="pat@example.com")
    reviewer_client.post(reverse("vendors:contact_edit", args=[vendor.pk, contact.pk]),
                         contact_data(email="pat@new.example"))
    [event] = events_of(contact, Action.UPDATE)
    assert event.changes == {"email": ["pat@example.com", "pat@new.example"]}
    assert event.vendor_id == vendor.pk


def test_delete_contact_keeps_what_it_was_in_the_history(reviewer_client, vendor):
    contact = factories.contact(vendor, name="Pat Doe")
    contact_pk = contact.pk
    response = reviewer_client.post(
        reverse("vendors:contact_delete", args=[vendor.pk, contact_pk])
    )
    assert response.status_code == 302
    assert not Contact.objects.filter(pk=contact_pk).exists()
    [event] = events_of(contact, Action.DELETE)
    assert event.changes["name"] == ["Pat Doe", None]
    assert event.vendor_id == vendor.pk


def test_one_primary_contact_per_role(reviewer_client, vendor):
    first = factories.contact(vendor, name="First", is_primary=True)
    agent = factories.contact(vendor, name="Agent", role="agent", is_primary=True)
    reviewer_client.post(reverse("vendors:contact_add", args=[vendor.pk]),
                         contact_data(name="Second", is_primary="on"))
    first.refresh_from_db()
    agent.refresh_from_db()
    assert not first.is_primary
    assert agent.is_primary  # another role keeps its primary
    assert Contact.objects.get(name="Second").is_primary


@pytest.mark.parametrize("bad", [
    {"email": "not-an-email"}, {"name": "", "email": ""}, {"role": "boss"},
    {"phone": "9" * 41},
])
def test_malformed_contact_gives_a_form_error_and_saves_nothing(reviewer_client, vendor, bad):
    response = reviewer_client.post(reverse("vendors:contact_add", args=[vendor.pk]),
                                    contact_data(**bad))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Contact.objects.exists()


def test_a_contact_is_only_reachable_through_its_own_vendor(reviewer_client, org, vendor):
    elsewhere = factories.vendor(org, "Other Vendor")
    contact = factories.contact(elsewhere)
    url = reverse("vendors:contact_edit", args=[vendor.pk, contact.pk])
    assert reviewer_client.get(url).status_code == 404
    url = reverse("vendors:contact_delete", args=[vendor.pk, contact.pk])
    assert reviewer_client.post(url).status_code == 404
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_contacts_show_on_the_vendor_page_with_role_badges(viewer_client, vendor):
    factories.contact(vendor, name="Agnes Agent", role="agent", is_primary=True)
    content = viewer_client.get(reverse("vendors:detail", args=[vendor.pk])).content.decode()
    assert "Agnes Agent" in content
    assert '<span class="badge role-agent">Insurance agent/broker</span>' in content
    assert '<span class="badge ok">Primary</span>' in content
