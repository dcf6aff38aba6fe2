"""Who may do what: viewers read only, and other organizations' ids are never found."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coitrack.audit.models import Event
from coitrack.testing import factories
from coitrack.vendors.models import Contact, Project, Vendor, VendorType

POST_URLS = [
    ("vendors:create", []),
    ("vendors:edit", ["vendor"]),
    ("vendors:deactivate", ["vendor"]),
    ("vendors:reactivate", ["vendor"]),
    ("vendors:merge", ["vendor"]),
    ("vendors:contact_add", ["vendor"]),
    ("vendors:contact_edit", ["vendor", "contact"]),
    ("vendors:contact_delete", ["vendor", "contact"]),
    ("vendors:type_create", []),
    ("vendors:type_edit", ["vendor_type"]),
    ("vendors:type_delete", ["vendor_type"]),
    ("vendors:project_create", []),
    ("vendors:project_edit", ["project"]),
]
ID_URLS = [(name, args) for name, args in POST_URLS if args] + [("vendors:detail", ["vendor"])]


def objects_of(org) -> dict:
    vendor = factories.vendor(org, "Target LLC")
    return {
        "vendor": vendor,
        "contact": factories.contact(vendor),
        "vendor_type": factories.vendor_type(org, "Roofer"),
        "project": factories.project(org, "Tower"),
        "duplicate": factories.vendor(org, "Target Duplicate"),
    }


def counts() -> dict:
    return {m.__name__: m.objects.count() for m in (Vendor, Contact, VendorType, Project, Event)}


def url_for(name, keys, objects):
    return reverse(name, args=[objects[k].pk for k in keys])


@pytest.mark.parametrize(("name", "keys"), POST_URLS)
def test_viewer_gets_403_on_every_post(viewer_client, org, name, keys):
    objects = objects_of(org)
    before = counts()
    response = viewer_client.post(url_for(name, keys, objects), {
        "legal_name": "Changed", "name": "Changed", "duplicate": objects["duplicate"].pk,
    })
    assert response.status_code == 403
    assert counts() == before
    assert Vendor.objects.filter(legal_name="Changed").count() == 0


@pytest.mark.parametrize(("name", "keys"), ID_URLS)
def test_other_organizations_ids_answer_404(admin_client, other_org, name, keys):
    objects = objects_of(other_org)
    before = counts()
    url = url_for(name, keys, objects)
    assert admin_client.get(url).status_code in {404, 405}
    # 405: a read-only page refuses every POST before looking anything up.
    assert admin_client.post(url, {"legal_name": "Hijacked", "name": "x"}).status_code in {404, 405}
    assert counts() == before


def test_merge_with_own_vendor_as_survivor_and_other_orgs_as_duplicate_changes_nothing(
    admin_client, org, other_org
):
    mine = factories.vendor(org, "Mine LLC")
    theirs = factories.vendor(other_org, "Theirs LLC")
    response = admin_client.post(reverse("vendors:merge", args=[mine.pk]),
                                 {"duplicate": theirs.pk})
    assert response.status_code == 400
    assert b"Theirs" not in response.content
    theirs.refresh_from_db()
    assert theirs.merged_into is None


def test_reviewer_may_edit(reviewer_client, org):
    assert reviewer_client.get(reverse("vendors:create")).status_code == 200


def test_anonymous_visitor_is_sent_to_login(client, db):
    response = client.get(reverse("vendors:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_viewer_reads_every_list(viewer_client, org):
    for name in ("vendors:list", "vendors:type_list", "vendors:project_list"):
        assert viewer_client.get(reverse(name)).status_code == 200

