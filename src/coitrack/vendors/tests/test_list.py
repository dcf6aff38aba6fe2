"""The vendor list: search, filters, sorting, pagination, and staying inside the organization."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coitrack.accounts.models import Role
from coitrack.testing import factories
from coitrack.vendors.models import VendorProject, VendorStatus

TODAY = dt.date(2026, 6, 1)
URL = reverse("vendors:list")


@pytest.fixture(autouse=True)
def fixed_today():
    with time_machine.travel(dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


def names(response) -> list[str]:
    """Vendor names in the order the page lists them."""
    return [v.legal_name for v in response.context["page"].object_list]


def test_lists_active_vendors_of_the_organization_only(viewer_client, org, other_org):
    factories.vendor(org, "Active Co")
    factories.vendor(org, "Sleeping Co", status=VendorStatus.INACTIVE)
    factories.vendor(other_org, "Foreign Co")
    response = viewer_client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Active Co"]
    assert b"Foreign Co" not in response.content


def test_merged_vendors_are_hidden_even_with_status_all(viewer_client, org):
    survivor = factories.vendor(org, "Survivor Co")
    factories.vendor(org, "Duplicate Co", merged_into=survivor, status=VendorStatus.INACTIVE)
    assert names(viewer_client.get(URL, {"status": "all"})) == ["Survivor Co"]


@pytest.mark.parametrize(
    ("status", "expected"),
    [("active", ["Active Co"]), ("inactive", ["Sleeping Co"]),
     ("all", ["Active Co", "Sleeping Co"]), ("bogus", ["Active Co"])],
)
def test_status_filter(viewer_client, org, status, expected):
    factories.vendor(org, "Active Co")
    factories.vendor(org, "Sleeping Co", status=VendorStatus.INACTIVE)
    assert names(viewer_client.get(URL, {"status": status})) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [("roof", "Acme Roofing LLC"), ("SPARKY", "Bolt Electric Inc"), ("12-345", "Cedar Co"),
     ("dana@plumb", "Drain Masters"), ("Quentin", "Drain Masters")],
)
def test_search_covers_legal_name_dba_tax_id_and_contacts(viewer_client, org, query, expected):
    factories.vendor(org, "Acme Roofing LLC")
    factories.vendor(org, "Bolt Electric Inc", dba="Sparky's")
    factories.vendor(org, "Cedar Co", tax_id="12-3456789")
    drains = factories.vendor(org, "Drain Masters")
    factories.contact(drains, name="Quentin Pipe", email="dana@plumbing.test")
    assert names(viewer_client.get(URL, {"q": query})) == [expected]


def test_search_lists_a_vendor_once_even_with_several_matching_contacts(viewer_client, org):
    v = factories.vendor(org, "Drain Masters")
    factories.contact(v, name="Sam Pipe", email="sam@pipes.test")
    factories.contact(v, name="Sue Pipe", email="sue@pipes.test")
    assert names(viewer_client.get(URL, {"q": "pipe"})) == ["Drain Masters"]


def test_search_ignores_other_organizations_contacts(viewer_client, org, other_org):
    factories.vendor(org, "Mine Co")
    foreign = factories.vendor(other_org, "Theirs Co")
    factories.contact(foreign, name="Zed Unique")
    assert names(viewer_client.get(URL, {"q": "Zed Unique"})) == []


def test_type_and_project_filters(viewer_client, org):
    roofer = factories.vendor_type(org, "Roofer")
    tower = factories.project(org, "Tower")
    a = factories.vendor(org, "A Co", vendor_type=roofer)
    factories.vendor(org, "B Co", vendor_type=roofer)
    c = factories.vendor(org, "C Co")
    VendorProject.objects.create(vendor=a, project=tower)
    VendorProject.objects.create(vendor=c, project=tower)
    assert names(viewer_client.get(URL, {"type": roofer.pk})) == ["A Co", "B Co"]
    assert names(viewer_client.get(URL, {"project": tower.pk})) == ["A Co", "C Co"]
    assert names(viewer_client.get(URL, {"type": roofer.pk, "project": tower.pk})) == ["A Co"]


def test_owner_filter_me_none_and_member(viewer_client, viewer_user, reviewer_user, org):
    factories.vendor(org, "Mine Co", owner=viewer_user)
    factories.vendor(org, "Rita's Co", owner=reviewer_user)
    factories.vendor(org, "Orphan Co")
    assert names(viewer_client.get(URL, {"owner": "me"})) == ["Mine Co"]
    assert names(viewer_client.get(URL, {"owner": "none"})) == ["Orphan Co"]
    assert names(viewer_client.get(URL, {"owner": reviewer_user.pk})) == ["Rita's Co"]


@pytest.mark.parametrize(
    ("coverage", "expected"),
    [("expired", ["Expired Co", "Today Co"]), ("expiring", ["Soon Co"]),
     ("current", ["Later Co"]), ("none", ["Bare Co"]),
     ("", ["Bare Co", "Expired Co", "Later Co", "Soon Co", "Today Co"])],
)
def test_coverage_filter(viewer_client, org, coverage, expected):
    factories.vendor(org, "Expired Co", next_expiration=TODAY - dt.timedelta(days=3))
    factories.vendor(org, "Today Co", next_expiration=TODAY)
    factories.vendor(org, "Soon Co", next_expiration=TODAY + dt.timedelta(days=30))
    factories.vendor(org, "Later Co", next_expiration=TODAY + dt.timedelta(days=31))
    factories.vendor(org, "Bare Co")
    assert names(viewer_client.get(URL, {"coverage": coverage})) == expected


def test_expiration_badges(viewer_client, org):
    factories.vendor(org, "Expired Co", next_expiration=TODAY)
    factories.vendor(org, "Soon Co", next_expiration=TODAY + dt.timedelta(days=10))
    content = viewer_client.get(URL).content.decode()
    assert '<span class="badge expired">Expired</span>' in content
    assert '<span class="badge expiring">Expiring</span>' in content


def test_other_organizations_ids_in_filters_match_nothing_of_theirs(
    viewer_client, org, other_org
):
    theirs_type = factories.vendor_type(other_org, "Secret Type")
    theirs_project = factories.project(other_org, "Secret Project")
    stranger = factories.user("stranger", org=other_org)
    factories.vendor(org, "Mine Co")
    factories.vendor(other_org, "Secret Vendor", vendor_type=theirs_type, owner=stranger)
    response = viewer_client.get(URL, {"type": theirs_type.pk, "project": theirs_project.pk,
                                       "owner": stranger.pk, "status": "all"})
    assert response.status_code == 200
    assert names(response) == ["Mine Co"]  # the foreign ids are not valid choices: ignored
    assert b"Secret" not in response.content
    assert b"stranger" not in response.content


def test_owner_choices_are_members_of_the_organization_only(viewer_client, org, other_org):
    factories.user("outsider", org=other_org, role=Role.ADMIN)
    factories.user("colleague", org=org, role=Role.REVIEWER)
    choices = dict(viewer_client.get(URL).context["filters"].fields["owner"].choices)
    assert set(choices.values()) == {"Anyone", "Me", "Nobody", "victor", "colleague"}


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("name", ["Alpha", "Bravo", "Charlie"]), ("-name", ["Charlie", "Bravo", "Alpha"]),
     ("type", ["Charlie", "Alpha", "Bravo"]), ("-type", ["Alpha", "Charlie", "Bravo"]),
     ("expires", ["Bravo", "Alpha", "Charlie"]), ("-expires", ["Alpha", "Bravo", "Charlie"]),
     ("updated", ["Charlie", "Alpha", "Bravo"]), ("-updated", ["Bravo", "Alpha", "Charlie"]),
     ("nonsense", ["Alpha", "Bravo", "Charlie"])],
)
def test_sorting(viewer_client, org, sort, expected):
    # Untyped vendors and vendors without an expiration sort last both ways.
    with time_machine.travel(dt.datetime(2026, 5, 1, tzinfo=dt.UTC), tick=False):
        factories.vendor(org, "Charlie", vendor_type=factories.vendor_type(org, "Caterer"))
    with time_machine.travel(dt.datetime(2026, 5, 2, tzinfo=dt.UTC), tick=False):
        factories.vendor(org, "Alpha", vendor_type=factories.vendor_type(org, "Roofer"),
                         next_expiration=TODAY + dt.timedelta(days=90))
    with time_machine.travel(dt.datetime(2026, 5, 3, tzinfo=dt.UTC), tick=False):
        factories.vendor(org, "Bravo", next_expiration=TODAY + dt.timedelta(days=5))
    assert names(viewer_client.get(URL, {"sort": sort})) == expected


def test_sort_headers_toggle_direction_and_keep_filters(viewer_client, org):
    factories.vendor(org, "Alpha")
    content = viewer_client.get(URL, {"q": "Al", "sort": "name", "page": "1"}).content.decode()
    assert 'href="?q=Al&amp;sort=-name"' in content  # clicking Name again reverses, page resets
    assert 'href="?q=Al&amp;sort=type"' in content
    assert 'aria-sort="ascending"' in content


def test_pagination_shows_fifty_per_page_and_the_range(viewer_client, org):
    for n in range(60):
        factories.vendor(org, f"Vendor {n:03d}")
    first = viewer_client.get(URL)
    assert len(names(first)) == 50
    assert "1\u201350 of 60" in first.content.decode()
    second = viewer_client.get(URL, {"page": 2})
    assert names(second) == [f"Vendor {n:03d}" for n in range(50, 60)]
    assert "51\u201360 of 60" in second.content.decode()


def test_search_results_are_paginated_in_sort_order(viewer_client, org):
    for n in range(60):
        factories.vendor(org, f"Vendor {n:03d}")
    factories.vendor(org, "Unrelated Co")
    second = viewer_client.get(URL, {"q": "vendor", "sort": "-name", "page": 2})
    assert names(second) == [f"Vendor {n:03d}" for n in range(9, -1, -1)]
    assert "51\u201360 of 60" in second.content.decode()


def test_pagination_links_keep_the_query(viewer_client, org):
    for n in range(55):
        factories.vendor(org, f"Vendor {n:03d}")
    content = viewer_client.get(URL, {"q": "Vendor", "sort": "-name"}).content.decode()
    assert 'href="?q=Vendor&amp;sort=-name&amp;page=2"' in content


@pytest.mark.parametrize("query", [
    {"page": "abc"}, {"page": "999"}, {"type": "x"}, {"project": "-1"}, {"owner": "99999"},
    {"coverage": "sometimes"}, {"q": "x" * 500}, {"sort": "legal_name; DROP"},
])
def test_malformed_query_values_never_fail(viewer_client, org, query):
    factories.vendor(org, "Alpha")
    response = viewer_client.get(URL, query)
    assert response.status_code == 200


def test_list_queries_do_not_grow_with_the_page(viewer_client, org):
    owner = factories.user("owner", org=org)
    roofer = factories.vendor_type(org, "Roofer")

    def add_vendors(n):
        for _ in range(n):
            v = factories.vendor(org, vendor_type=roofer, owner=owner)
            factories.contact(v)

    query = {"q": "pat@", "sort": "type", "owner": owner.pk}
    add_vendors(2)
    viewer_client.get(URL, query)  # the first request also stores the active organization
    with CaptureQueriesContext(connection) as few:
        viewer_client.get(URL, query)
    add_vendors(50)
    with CaptureQueriesContext(connection) as many:
        response = viewer_client.get(URL, query)
    assert len(names(response)) == 50
    assert len(many) == len(few)


def test_filter_bar_autosubmits(viewer_client, org):
    content = viewer_client.get(URL).content.decode()
    assert re.search(r'<form method="get" class="filters" data-autosubmit', content)
