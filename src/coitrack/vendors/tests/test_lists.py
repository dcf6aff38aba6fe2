"""Vendor types and projects: the organization's own lists, managed by reviewers."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from coitrack.audit.models import Action
from coitrack.testing import factories
from coitrack.vendors.models import Project, VendorType

from .conftest import events_of


def test_reviewer_adds_a_vendor_type(reviewer_client, org):
    response = reviewer_client.post(reverse("vendors:type_create"), {"name": " Roofer "})
    assert response.status_code == 302
    vendor_type = VendorType.objects.get(organization=org)
    assert vendor_type.name == "Roofer"
    assert events_of(vendor_type, Action.CREATE)[0].changes == {"name": [None, "Roofer"]}


def test_type_names_are_unique_ignoring_case(reviewer_client, org):
    factories.vendor_type(org, "Roofer")
    response = reviewer_client.post(reverse("vendors:type_create"), {"name": "ROOFER"})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert VendorType.objects.count() == 1


def test_same_type_name_is_fine_in_another_organization(reviewer_client, org, other_org):
    factories.vendor_type(other_org, "Roofer")
    reviewer_client.post(reverse("vendors:type_create"), {"name": "Roofer"})
    assert VendorType.objects.filter(organization=org, name="Roofer").exists()


def test_rename_type_is_audited(reviewer_client, org):
    vendor_type = factories.vendor_type(org, "Roofer")
    reviewer_client.post(reverse("vendors:type_edit", args=[vendor_type.pk]),
                         {"name": "Roofing"})
    vendor_type.refresh_from_db()
    assert vendor_type.name == "Roofing"
    assert events_of(vendor_type, Action.UPDATE)[0].changes == {"name": ["Roofer", "Roofing"]}


def test_deleting_a_used_type_leaves_its_vendors_untyped(reviewer_client, org):
    vendor_type = factories.vendor_type(org, "Roofer")
    vendor = factories.vendor(org, "Acme", vendor_type=vendor_type)
    response = reviewer_client.post(reverse("vendors:type_delete", args=[vendor_type.pk]))
    assert response.status_code == 302
    vendor.refresh_from_db()
    assert vendor.vendor_type is None
    [event] = events_of(vendor_type, Action.DELETE)
    assert "1 vendor" in event.note


def test_type_list_counts_vendors(viewer_client, org):
    vendor_type = factories.vendor_type(org, "Roofer")
    factories.vendor(org, "A", vendor_type=vendor_type)
    factories.vendor(org, "B", vendor_type=vendor_type)
    response = viewer_client.get(reverse("vendors:type_list"))
    assert [(t.name, t.vendor_count) for t in response.context["types"]] == [("Roofer", 2)]


def test_reviewer_creates_and_edits_a_project(reviewer_client, org):
    reviewer_client.post(reverse("vendors:project_create"), {
        "name": "Harbor Tower", "address": "1 Pier Rd", "start_date": "2026-03-01",
        "end_date": "2026-12-31",
    })
    project = Project.objects.get(organization=org)
    assert project.end_date == dt.date(2026, 12, 31)
    reviewer_client.post(reverse("vendors:project_edit", args=[project.pk]), {
        "name": "Harbor Tower", "address": "1 Pier Rd", "start_date": "2026-03-01",
        "end_date": "2027-06-30",
    })
    [event] = events_of(project, Action.UPDATE)
    assert event.changes == {"end_date": ["2026-12-31", "2027-06-30"]}


def test_project_ending_before_it_starts_is_refused(reviewer_client, org):
    response = reviewer_client.post(reverse("vendors:project_create"), {
        "name": "Backwards", "start_date": "2026-03-01", "end_date": "2026-01-01",
    })
    assert response.status_code == 200
    assert "end date" in response.content.decode()
    assert not Project.objects.exists()


def test_project_with_a_malformed_date_is_refused(reviewer_client, org):
    response = reviewer_client.post(reverse("vendors:project_create"),
                                    {"name": "Tower", "start_date": "2026-13-45"})
    assert response.status_code == 200
    assert not Project.objects.exists()


def test_project_names_are_unique_ignoring_case(reviewer_client, org):
    factories.project(org, "Tower")
    reviewer_client.post(reverse("vendors:project_create"), {"name": "tower"})
    assert Project.objects.count() == 1


def test_project_list_links_to_its_vendors(viewer_client, org):
    project = factories.project(org, "Tower")
    content = viewer_client.get(reverse("vendors:project_list")).content.decode()
    assert f"?project={project.pk}&amp;status=all" in content
