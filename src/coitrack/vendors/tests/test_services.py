"""The vendor services, called directly as the API, tasks and CLI will call them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from coitrack.audit.models import Action, Event
from coitrack.testing import factories
from coitrack.vendors import services
from coitrack.vendors.models import Tag, Vendor, VendorStatus

from .conftest import events_of


def test_create_vendor_refuses_another_organizations_type(org, other_org, admin_user):
    foreign = factories.vendor_type(other_org, "Foreign")
    with pytest.raises(ValidationError):
        services.create_vendor(organization=org, actor=admin_user,
                               data={"legal_name": "Acme", "vendor_type": foreign})
    assert not Vendor.objects.exists()
    assert not Event.objects.exists()


def test_create_vendor_refuses_an_owner_who_is_not_a_member(org, other_org, admin_user):
    stranger = factories.user("stranger", org=other_org)
    with pytest.raises(ValidationError):
        services.create_vendor(organization=org, actor=admin_user,
                               data={"legal_name": "Acme", "owner": stranger})
    assert not Vendor.objects.exists()


def test_create_vendor_refuses_another_organizations_project(org, other_org, admin_user):
    foreign = factories.project(other_org, "Foreign Tower")
    with pytest.raises(ValidationError):
        services.create_vendor(organization=org, actor=admin_user,
                               data={"legal_name": "Acme", "projects": [foreign]})
    assert not Vendor.objects.exists()


def test_create_vendor_refuses_a_blank_name_without_saving_tags(org, admin_user):
    with pytest.raises(ValidationError):
        services.create_vendor(organization=org, actor=admin_user,
                               data={"legal_name": " ", "tags": ["new"]})
    assert not Tag.objects.exists()


def test_update_vendor_uses_the_stored_values_as_before(org, admin_user):
    vendor = factories.vendor(org, "Acme LLC")
    vendor.legal_name = "changed in memory only"  # e.g. by a form's validation
    services.update_vendor(organization=org, actor=admin_user, vendor=vendor,
                           data={"legal_name": "Acme Inc"})
    [event] = events_of(vendor, Action.UPDATE)
    assert event.changes == {"legal_name": ["Acme LLC", "Acme Inc"]}


def test_update_vendor_refuses_another_organizations_vendor(org, other_org, admin_user):
    foreign = factories.vendor(other_org, "Foreign LLC")
    with pytest.raises(ValidationError):
        services.update_vendor(organization=org, actor=admin_user, vendor=foreign,
                               data={"legal_name": "Hijacked"})
    foreign.refresh_from_db()
    assert foreign.legal_name == "Foreign LLC"


def test_update_vendor_keeps_a_former_members_ownership(org, admin_user):
    former = factories.user("former", org=org)
    vendor = factories.vendor(org, "Acme LLC", owner=former)
    former.memberships.all().delete()
    services.update_vendor(organization=org, actor=admin_user, vendor=vendor,
                           data={"legal_name": "Acme LLC", "owner": former, "city": "X"})
    vendor.refresh_from_db()
    assert vendor.owner == former


def test_set_vendor_status_records_the_note(org, admin_user):
    vendor = factories.vendor(org, "Acme LLC")
    services.set_vendor_status(organization=org, actor=admin_user, vendor=vendor,
                               status=VendorStatus.INACTIVE, note="contract ended")
    [event] = events_of(vendor, Action.STATUS)
    assert event.note == "contract ended"


def test_set_vendor_status_refuses_an_unknown_status(org, admin_user):
    vendor = factories.vendor(org, "Acme LLC")
    with pytest.raises(ValueError):
        services.set_vendor_status(organization=org, actor=admin_user, vendor=vendor,
                                   status="sleeping")


def test_resolve_tags_reuses_names_ignoring_case(org):
    existing = Tag.objects.create(organization=org, name="Union")
    tags = services.resolve_tags(organization=org, names=["UNION", "new"])
    assert tags[0] == existing
    assert tags[1].name == "new"
