"""Creating, editing, deactivating and reactivating vendors through the screens."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coitrack.accounts.models import Role
from coitrack.audit.models import Action, Event
from coitrack.testing import factories
from coitrack.vendors.models import Tag, Vendor, VendorProject, VendorStatus

from .conftest import events_of


def form_data(**overrides) -> dict:
    data = {
        "legal_name": "Bolt Electric Inc", "dba": "", "vendor_type": "", "owner": "",
        "tax_id": "", "address_line1": "", "address_line2": "", "city": "", "state": "",
        "postal_code": "", "notes": "", "tags": "", "projects": [],
    }
    data.update(overrides)
    return data


def test_reviewer_creates_a_vendor_with_type_owner_tags_and_projects(
    reviewer_client, reviewer_user, org
):
    electrician = factories.vendor_type(org, "Electrician")
    tower = factories.project(org, "Tower")
    response = reviewer_client.post(reverse("vendors:create"), form_data(
        legal_name="  Bolt   Electric Inc ", dba="Sparky's", vendor_type=electrician.pk,
        owner=reviewer_user.pk, city="Springfield", tags="union, High Risk, union",
        projects=[tower.pk],
    ))
    vendor = Vendor.objects.get(organization=org)
    assert response.status_code == 302
    assert response["Location"] == reverse("vendors:detail", args=[vendor.pk])
    assert vendor.legal_name == "Bolt Electric Inc"
    assert vendor.vendor_type == electrician
    assert vendor.owner == reviewer_user
    assert sorted(t.name for t in vendor.tags.all()) == ["High Risk", "union"]
    assert list(vendor.projects.all()) == [tower]
    [event] = events_of(vendor)
    assert event.action == Action.CREATE
    assert event.vendor_id == vendor.pk
    assert event.actor == reviewer_user
    assert event.changes["legal_name"] == [None, "Bolt Electric Inc"]
    assert event.changes["tags"] == [None, ["High Risk", "union"]]
    assert event.changes["projects"] == [None, ["Tower"]]


def test_tags_are_created_per_organization_and_reused_ignoring_case(
    reviewer_client, org, other_org
):
    Tag.objects.create(organization=org, name="Union")
    Tag.objects.create(organization=other_org, name="Hazmat")
    reviewer_client.post(reverse("vendors:create"), form_data(tags="union, hazmat"))
    vendor = Vendor.objects.get(organization=org)
    assert sorted(t.name for t in vendor.tags.all()) == ["Union", "hazmat"]
    assert {t.organization_id for t in vendor.tags.all()} == {org.pk}
    assert Tag.objects.filter(organization=org).count() == 2


def test_edit_records_before_and_after_of_changed_fields_only(reviewer_client, org):
    roofer = factories.vendor_type(org, "Roofer")
    vendor = factories.vendor(org, "Acme Roofing LLC", city="Springfield", vendor_type=roofer)
    vendor.tags.add(Tag.objects.create(organization=org, name="union"))
    response = reviewer_client.post(reverse("vendors:edit", args=[vendor.pk]), form_data(
        legal_name="Acme Roofing Inc", city="Springfield", vendor_type=roofer.pk,
        tags="union, seasonal",
    ))
    assert response.status_code == 302
    [event] = events_of(vendor, Action.UPDATE)
    assert event.changes == {
        "legal_name": ["Acme Roofing LLC", "Acme Roofing Inc"],
        "tags": [["union"], ["seasonal", "union"]],
    }


def test_edit_without_changes_records_nothing(reviewer_client, org):
    vendor = factories.vendor(org, "Acme Roofing LLC", city="Springfield")
    reviewer_client.post(reverse("vendors:edit", args=[vendor.pk]),
                         form_data(legal_name="Acme Roofing LLC", city="Springfield"))
    assert events_of(vendor, Action.UPDATE) == []


def test_edit_keeps_existing_project_assignments_and_their_dates(reviewer_client, org):
    import datetime as dt

    tower, mall = factories.project(org, "Tower"), factories.project(org, "Mall")
    vendor = factories.vendor(org, "Acme Roofing LLC")
    VendorProject.objects.create(vendor=vendor, project=tower, start_date=dt.date(2026, 3, 1))
    reviewer_client.post(reverse("vendors:edit", args=[vendor.pk]),
                         form_data(legal_name=vendor.legal_name, projects=[tower.pk, mall.pk]))
    rows = {vp.project.name: vp for vp in VendorProject.objects.filter(vendor=vendor)}
    assert set(rows) == {"Tower", "Mall"}
    assert rows["Tower"].start_date == dt.date(2026, 3, 1)
    reviewer_client.post(reverse("vendors:edit", args=[vendor.pk]),
                         form_data(legal_name=vendor.legal_name, projects=[mall.pk]))
    assert list(vendor.projects.all()) == [mall]


def test_edit_form_shows_current_tags_and_projects(reviewer_client, org):
    vendor = factories.vendor(org, "Acme Roofing LLC")
    vendor.tags.add(Tag.objects.create(organization=org, name="union"))
    content = reviewer_client.get(reverse("vendors:edit", args=[vendor.pk])).content.decode()
    assert 'value="union"' in content


@pytest.mark.parametrize(("action", "start", "end"), [
    ("deactivate", VendorStatus.ACTIVE, VendorStatus.INACTIVE),
    ("reactivate", VendorStatus.INACTIVE, VendorStatus.ACTIVE),
])
def test_status_change_is_audited(reviewer_client, org, action, start, end):
    vendor = factories.vendor(org, "Acme Roofing LLC", status=start)
    response = reviewer_client.post(reverse(f"vendors:{action}", args=[vendor.pk]))
    assert response.status_code == 302
    vendor.refresh_from_db()
    assert vendor.status == end
    [event] = events_of(vendor, Action.STATUS)
    assert event.changes == {"status": [start.value, end.value]}
    assert event.vendor_id == vendor.pk


def test_status_change_needs_post(reviewer_client, vendor):
    assert reviewer_client.get(reverse("vendors:deactivate", args=[vendor.pk])).status_code == 405
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.ACTIVE


def test_deactivating_twice_records_one_event(reviewer_client, vendor):
    url = reverse("vendors:deactivate", args=[vendor.pk])
    reviewer_client.post(url)
    reviewer_client.post(url)
    assert len(events_of(vendor, Action.STATUS)) == 1


@pytest.mark.parametrize("bad", [
    {"legal_name": ""},
    {"legal_name": "   "},
    {"legal_name": "x" * 301},
    {"vendor_type": "abc"},
    {"owner": "999999"},
    {"projects": ["nope"]},
    {"tags": "ok, " + "t" * 51},
    {"tags": ",".join(f"t{n}" for n in range(21))},
])
def test_malformed_input_gives_a_form_error_and_saves_nothing(reviewer_client, org, bad):
    response = reviewer_client.post(reverse("vendors:create"), form_data(**bad))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Vendor.objects.exists()
    assert not Tag.objects.exists()
    assert not Event.objects.exists()


def test_another_organizations_type_owner_or_project_is_not_a_valid_choice(
    reviewer_client, org, other_org
):
    foreign_type = factories.vendor_type(other_org, "Foreign")
    stranger = factories.user("stranger", org=other_org, role=Role.ADMIN)
    foreign_project = factories.project(other_org, "Foreign Tower")
    for field, value in [("vendor_type", foreign_type.pk), ("owner", stranger.pk),
                         ("projects", [foreign_project.pk])]:
        response = reviewer_client.post(reverse("vendors:create"), form_data(**{field: value}))
        assert field in response.context["form"].errors
    assert not Vendor.objects.exists()


def test_edit_form_errors_keep_the_vendor_unchanged(reviewer_client, org):
    vendor = factories.vendor(org, "Acme Roofing LLC")
    response = reviewer_client.post(reverse("vendors:edit", args=[vendor.pk]),
                                    form_data(legal_name="", city="Nowhere"))
    assert response.status_code == 200
    vendor.refresh_from_db()
    assert (vendor.legal_name, vendor.city) == ("Acme Roofing LLC", "")
    assert events_of(vendor, Action.UPDATE) == []


def test_merged_vendor_cannot_be_edited(reviewer_client, org):
    survivor = factories.vendor(org, "Survivor")
    gone = factories.vendor(org, "Gone", merged_into=survivor, status=VendorStatus.INACTIVE)
    assert reviewer_client.get(reverse("vendors:edit", args=[gone.pk])).status_code == 404
    response = reviewer_client.post(reverse("vendors:deactivate", args=[gone.pk]))
    assert response.status_code == 404
