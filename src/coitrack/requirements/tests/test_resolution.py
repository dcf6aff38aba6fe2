"""Which templates apply to a vendor: by type, by project (ended or not), directly, overridden."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coitrack.requirements import services
from coitrack.requirements.tests.helpers import simple
from coitrack.testing import factories
from coitrack.vendors.models import VendorProject

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def template(org, admin_user):
    return services.create_template(organization=org, actor=admin_user, data=simple("Standard"))


def names(vendor):
    return [(t.name, t.source) for t in services.templates_for_vendor(vendor, today=TODAY)]


def test_vendor_without_assignments_gets_no_templates(org):
    assert services.templates_for_vendor(factories.vendor(org), today=TODAY) == []


def test_template_assigned_to_a_vendor_type_applies_to_its_vendors(org, admin_user, template):
    roofing = factories.vendor_type(org, "Roofing")
    services.assign_template(organization=org, actor=admin_user, template=template,
                             vendor_type=roofing)
    assert names(factories.vendor(org, vendor_type=roofing)) == [
        ("Standard", "vendor type Roofing")]
    assert names(factories.vendor(org, vendor_type=factories.vendor_type(org, "Other"))) == []


def test_project_template_applies_while_the_project_has_not_ended(org, admin_user, template):
    ongoing = factories.project(org, "Tower", end_date=None)
    ends_today = factories.project(org, "Annex", end_date=TODAY)
    ended = factories.project(org, "Old Wing", end_date=TODAY - dt.timedelta(days=1))
    for project in (ongoing, ends_today, ended):
        vendor = factories.vendor(org)
        VendorProject.objects.create(vendor=vendor, project=project)
        services.assign_template(organization=org, actor=admin_user, template=template,
                                 project=project)
        expected = [] if project is ended else [("Standard", f"project {project.name}")]
        assert names(vendor) == expected, project.name


def test_vendors_own_end_date_on_a_project_ends_the_project_for_it(org, admin_user, template):
    project = factories.project(org, "Tower")
    vendor = factories.vendor(org)
    VendorProject.objects.create(vendor=vendor, project=project,
                                 end_date=TODAY - dt.timedelta(days=1))
    services.assign_template(organization=org, actor=admin_user, template=template,
                             project=project)
    assert names(vendor) == []


def test_vendor_assignment_replaces_the_same_template_by_type(org, admin_user, template):
    roofing = factories.vendor_type(org, "Roofing")
    vendor = factories.vendor(org, vendor_type=roofing)
    services.assign_template(organization=org, actor=admin_user, template=template,
                             vendor_type=roofing)
    assignment = services.assign_template(organization=org, actor=admin_user, template=template,
                                          vendor=vendor)
    services.set_overrides(organization=org, actor=admin_user, assignment=assignment,
                           edited=simple("Standard", gl=2_000_000))
    [applied] = services.templates_for_vendor(vendor, today=TODAY)
    assert applied.source == "vendor"
    assert applied.data["coverages"][0]["limits"]["each_occurrence"] == 2_000_000
    other = factories.vendor(org, vendor_type=roofing)
    [plain] = services.templates_for_vendor(other, today=TODAY)
    assert plain.data["coverages"][0]["limits"]["each_occurrence"] == 1_000_000


def test_template_reaching_a_vendor_twice_is_listed_once(org, admin_user, template):
    roofing = factories.vendor_type(org, "Roofing")
    project = factories.project(org, "Tower")
    vendor = factories.vendor(org, vendor_type=roofing)
    VendorProject.objects.create(vendor=vendor, project=project)
    services.assign_template(organization=org, actor=admin_user, template=template,
                             vendor_type=roofing)
    services.assign_template(organization=org, actor=admin_user, template=template,
                             project=project)
    assert names(vendor) == [("Standard", "vendor type Roofing")]


def test_several_templates_are_listed_by_name(org, admin_user):
    roofing = factories.vendor_type(org, "Roofing")
    vendor = factories.vendor(org, vendor_type=roofing)
    for name in ("Zeta", "alpha"):
        t = services.create_template(organization=org, actor=admin_user, data=simple(name))
        services.assign_template(organization=org, actor=admin_user, template=t,
                                 vendor_type=roofing)
    assert [n for n, _ in names(vendor)] == ["alpha", "Zeta"]


def test_other_organizations_assignments_never_apply(org, other_org, admin_user):
    theirs = services.create_template(organization=other_org, actor=None, data=simple("Theirs"))
    their_type = factories.vendor_type(other_org, "Roofing")
    services.assign_template(organization=other_org, actor=None, template=theirs,
                             vendor_type=their_type)
    ours = factories.vendor(org, vendor_type=factories.vendor_type(org, "Roofing"))
    assert names(ours) == []
    # Another organization's vendor id is not a key at all.
    theirs_vendor = factories.vendor(other_org, vendor_type=their_type)
    assert services.templates_by_vendor(org, [theirs_vendor.pk, ours.pk], today=TODAY) == {
        ours.pk: []}


def _setup_many(org, admin_user, count):
    roofing = factories.vendor_type(org, "Roofing")
    project = factories.project(org, f"Tower {count}")
    t1 = services.create_template(organization=org, actor=admin_user, data=simple(f"A{count}"))
    t2 = services.create_template(organization=org, actor=admin_user, data=simple(f"B{count}"))
    services.assign_template(organization=org, actor=admin_user, template=t1, vendor_type=roofing)
    services.assign_template(organization=org, actor=admin_user, template=t2, project=project)
    ids = []
    for _ in range(count):
        vendor = factories.vendor(org, vendor_type=roofing)
        VendorProject.objects.create(vendor=vendor, project=project)
        services.assign_template(organization=org, actor=admin_user, template=t2, vendor=vendor)
        ids.append(vendor.pk)
    return ids


@pytest.mark.parametrize("count", [3, 40, 600])
def test_templates_by_vendor_uses_a_constant_number_of_queries(org, admin_user, count):
    ids = _setup_many(org, admin_user, count)
    with CaptureQueriesContext(connection) as queries:
        result = services.templates_by_vendor(org, ids, today=TODAY)
    assert len(queries) == 3
    assert len(result) == count
    assert all(len(templates) == 2 for templates in result.values())
    assert {t.source for t in result[ids[0]]} == {"vendor type Roofing", "vendor"}
