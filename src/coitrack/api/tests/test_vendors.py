"""Vendors, contacts and projects through the API."""

from __future__ import annotations

import pytest

from coitrack.api.tests.helpers import assert_error
from coitrack.testing import factories
from coitrack.vendors.models import Contact, Vendor


def test_vendors_are_listed_in_pages_with_the_total(org, api):
    for n in range(5):
        factories.vendor(org, f"Vendor {n} LLC")
    first = api.get("/vendors", {"limit": 2}).json()
    assert (first["count"], first["limit"], first["offset"]) == (5, 2, 0)
    assert [v["legal_name"] for v in first["items"]] == ["Vendor 0 LLC", "Vendor 1 LLC"]
    last = api.get("/vendors", {"limit": 2, "offset": 4}).json()
    assert [v["legal_name"] for v in last["items"]] == ["Vendor 4 LLC"]


def test_a_page_larger_than_allowed_is_refused(api):
    assert_error(api.get("/vendors", {"limit": 1000}), 422, "validation_error")


def test_vendors_filter_like_the_vendor_list(org, api):
    factories.vendor(org, "Acme Roofing LLC", compliance_status="compliant")
    factories.vendor(org, "Bolt Electric Inc", compliance_status="non_compliant")
    factories.vendor(org, "Closed Co", status="inactive")
    names = lambda params: [v["legal_name"] for v in api.get("/vendors", params).json()["items"]]  # noqa: E731
    assert names({"q": "roof"}) == ["Acme Roofing LLC"]
    assert names({"compliance": "non_compliant"}) == ["Bolt Electric Inc"]
    assert names({"status": "inactive"}) == ["Closed Co"]
    assert len(names({"status": "all"})) == 3


def test_an_unknown_filter_value_is_a_422(api):
    error = assert_error(api.get("/vendors", {"compliance": "great"}), 422, "validation_error")
    assert error["details"][0]["field"] == "compliance"


def test_creating_a_vendor_with_type_tags_and_projects(org, api):
    vendor_type = factories.vendor_type(org, "Roofer")
    project = factories.project(org, "Tower")
    response = api.post("/vendors", {"legal_name": "  Acme Roofing LLC ", "tags": ["union"],
                                     "vendor_type_id": vendor_type.pk,
                                     "project_ids": [project.pk]})
    assert response.status_code == 201
    body = response.json()
    assert body["legal_name"] == "Acme Roofing LLC"
    assert (body["vendor_type"], body["tags"], body["project_ids"]) == (
        "Roofer", ["union"], [project.pk])


def test_another_organizations_type_cannot_be_referred_to(org, other_org, api):
    foreign = factories.vendor_type(other_org, "Theirs")
    error = assert_error(api.post("/vendors", {"legal_name": "X LLC",
                                               "vendor_type_id": foreign.pk}),
                         422, "validation_error")
    assert error["details"][0]["field"] == "vendor_type_id"
    assert not Vendor.objects.filter(legal_name="X LLC").exists()


@pytest.mark.parametrize("field", ["owner_id", "vendor_type_id", "project_ids"])
def test_an_id_too_large_for_the_database_is_a_422_not_a_server_error(api, field):
    too_large = 2**64
    value = [too_large] if field == "project_ids" else too_large
    response = api.post("/vendors", {"legal_name": "Acme LLC", field: value})
    assert_error(response, 422, "validation_error")
    assert not Vendor.objects.filter(legal_name="Acme LLC").exists()


def test_patch_changes_only_what_is_sent_and_can_deactivate(org, api):
    vendor = factories.vendor(org, "Acme LLC", dba="Acme", city="Boston")
    body = api.patch(f"/vendors/{vendor.pk}", {"city": "Salem", "status": "inactive"}).json()
    assert (body["dba"], body["city"], body["status"]) == ("Acme", "Salem", "inactive")


def test_contacts_are_added_changed_and_deleted(org, api):
    vendor = factories.vendor(org)
    created = api.post(f"/vendors/{vendor.pk}/contacts",
                       {"name": "Pat", "email": "pat@example.com", "is_primary": True})
    assert created.status_code == 201
    contact_id = created.json()["id"]
    assert api.patch(f"/contacts/{contact_id}", {"phone": "555"}).json()["phone"] == "555"
    assert api.get(f"/vendors/{vendor.pk}/contacts").json()["count"] == 1
    assert api.delete(f"/contacts/{contact_id}").status_code == 204
    assert not Contact.objects.filter(pk=contact_id).exists()


def test_a_contact_needs_a_valid_email(org, api):
    vendor = factories.vendor(org)
    error = assert_error(api.post(f"/vendors/{vendor.pk}/contacts", {"email": "not-mail"}),
                         422, "validation_error")
    assert error["details"][0]["field"] == "email"


def test_projects_are_created_listed_and_changed(org, api):
    created = api.post("/projects", {"name": "Tower", "start_date": "2026-01-01"}).json()
    assert api.get("/projects", {"q": "tow"}).json()["items"][0]["id"] == created["id"]
    changed = api.patch(f"/projects/{created['id']}", {"end_date": "2026-12-31"}).json()
    assert (changed["start_date"], changed["end_date"]) == ("2026-01-01", "2026-12-31")


def test_a_project_ending_before_it_starts_is_refused(api):
    assert_error(api.post("/projects", {"name": "Bad", "start_date": "2026-02-01",
                                        "end_date": "2026-01-01"}), 422, "validation_error")


def test_a_duplicate_project_name_is_refused(org, api):
    factories.project(org, "Tower")
    assert_error(api.post("/projects", {"name": "tower"}), 422, "validation_error")
