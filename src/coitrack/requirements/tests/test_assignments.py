"""Assigning a template from its page: vendor types, projects, a vendor found by search."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from coitrack.audit.models import Event
from coitrack.requirements import services
from coitrack.requirements.models import TemplateAssignment
from coitrack.requirements.tests.helpers import simple
from coitrack.testing import factories
from coitrack.vendors.models import VendorProject


@pytest.fixture
def template(org):
    return services.create_template(organization=org, actor=None, data=simple("Standard"))


def _assign(client, template, kind, target):
    return client.post(reverse("requirements:assign", args=[template.pk]),
                       {"kind": kind, "target": target}, follow=True)


def test_assign_to_a_vendor_type_project_and_vendor(reviewer_client, org, template):
    roofing = factories.vendor_type(org, "Roofing")
    project = factories.project(org, "Harbor Tower")
    vendor = factories.vendor(org, "Acme Roofing, Inc.")
    for kind, target in (("vendor_type", roofing), ("project", project), ("vendor", vendor)):
        response = _assign(reviewer_client, template, kind, target.pk)
        assert response.status_code == 200
    assert {a.target_label for a in TemplateAssignment.objects.all()} == {
        "vendor type Roofing", "project Harbor Tower", "vendor Acme Roofing, Inc."}
    html = response.content.decode()
    assert "Assigned to vendor Acme Roofing, Inc." in html and "Inc.." not in html
    # The vendor assignment shows on the vendor's own history too.
    assert Event.objects.filter(vendor_id=vendor.pk, object_type="requirementtemplate").exists()


def test_assigning_twice_is_refused_with_a_message(reviewer_client, org, template):
    roofing = factories.vendor_type(org, "Roofing")
    _assign(reviewer_client, template, "vendor_type", roofing.pk)
    response = _assign(reviewer_client, template, "vendor_type", roofing.pk)
    assert "already assigned to vendor type Roofing" in response.content.decode()
    assert TemplateAssignment.objects.count() == 1


@pytest.mark.parametrize(("kind", "target"), [("vendor_type", "x"), ("planet", "1"),
                                               ("vendor", ""), ("project", "999999")])
def test_bad_assignment_input_gets_a_message_not_an_error(reviewer_client, org, template, kind,
                                                          target):
    response = _assign(reviewer_client, template, kind, target)
    assert response.status_code == 200
    assert not TemplateAssignment.objects.exists()


def test_another_organizations_vendor_type_cannot_be_assigned(reviewer_client, org, other_org,
                                                              template):
    theirs = factories.vendor_type(other_org, "Roofing")
    response = _assign(reviewer_client, template, "vendor_type", theirs.pk)
    assert "no longer exists" in response.content.decode()
    assert not TemplateAssignment.objects.exists()


def test_merged_vendor_cannot_be_assigned(reviewer_client, org, template):
    survivor = factories.vendor(org)
    merged = factories.vendor(org, merged_into=survivor)
    _assign(reviewer_client, template, "vendor", merged.pk)
    assert not TemplateAssignment.objects.exists()


def test_vendor_search_lists_unassigned_matches_only(reviewer_client, org, other_org, template):
    acme = factories.vendor(org, "Acme Roofing LLC")
    factories.vendor(org, "Acme Catering LLC", dba="Acme Events")
    factories.vendor(other_org, "Acme Secret LLC")
    services.assign_template(organization=org, actor=None, template=template, vendor=acme)
    html = reviewer_client.get(reverse("requirements:detail", args=[template.pk]),
                               {"vendor_q": "acme"}).content.decode()
    found = html.split('class="plain-list found-vendors"')[1]
    assert "Acme Catering LLC" in found
    assert "Acme Roofing LLC" not in found  # already assigned
    assert "Acme Secret" not in html


def test_unassign_from_the_page(reviewer_client, org, template):
    assignment = services.assign_template(organization=org, actor=None, template=template,
                                          vendor_type=factories.vendor_type(org))
    reviewer_client.post(reverse("requirements:unassign", args=[assignment.pk]))
    assert not TemplateAssignment.objects.exists()


def test_list_counts_vendors_reached_today(reviewer_client, org, template):
    roofing = factories.vendor_type(org, "Roofing")
    factories.vendor(org, vendor_type=roofing)
    factories.vendor(org, vendor_type=roofing, status="inactive")  # inactive: not counted
    ended = factories.project(org, "Old Wing", end_date=dt.date(2000, 1, 1))
    VendorProject.objects.create(vendor=factories.vendor(org), project=ended)
    services.assign_template(organization=org, actor=None, template=template,
                             vendor_type=roofing)
    services.assign_template(organization=org, actor=None, template=template, project=ended)
    response = reviewer_client.get(reverse("requirements:list"))
    [row] = response.context["rows"]
    assert row["vendor_count"] == 1
