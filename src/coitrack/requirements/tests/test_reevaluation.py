"""Every change to templates, assignments or carriers asks for the affected vendors'
re-evaluation (compliance.services.schedule_reevaluation)."""

from __future__ import annotations

import pytest

from coitrack.requirements import services
from coitrack.requirements.services import reevaluate
from coitrack.requirements.tests.helpers import simple
from coitrack.testing import factories
from coitrack.vendors.models import VendorProject


@pytest.fixture
def calls(monkeypatch):
    seen = []
    monkeypatch.setattr(reevaluate, "schedule_reevaluation",
                        lambda **kwargs: seen.append(kwargs))
    return seen


def _ids(call):
    return None if call["vendor_ids"] is None else set(call["vendor_ids"])


def test_a_template_nobody_is_assigned_reevaluates_nobody(org, calls):
    template = services.create_template(organization=org, actor=None, data=simple())
    services.update_template(organization=org, actor=None, template=template,
                             data=simple(gl=2_000_000))
    assert calls == []


def test_assigning_and_editing_reevaluate_the_vendors_reached(org, calls):
    roofing = factories.vendor_type(org, "Roofing")
    roofers = {factories.vendor(org, vendor_type=roofing).pk for _ in range(2)}
    project = factories.project(org, "Tower")
    on_project = factories.vendor(org)
    VendorProject.objects.create(vendor=on_project, project=project)
    factories.vendor(org)  # reached by nothing
    template = services.create_template(organization=org, actor=None, data=simple())
    services.assign_template(organization=org, actor=None, template=template,
                             vendor_type=roofing)
    services.assign_template(organization=org, actor=None, template=template, project=project)
    services.update_template(organization=org, actor=None, template=template,
                             data=simple(gl=2_000_000))
    assert [_ids(c) for c in calls] == [roofers, {on_project.pk}, roofers | {on_project.pk}]
    assert all(c["organization"] == org and c["reason"] for c in calls)


def test_overrides_unassign_and_delete_reevaluate(org, calls):
    vendor = factories.vendor(org)
    template = services.create_template(organization=org, actor=None, data=simple())
    assignment = services.assign_template(organization=org, actor=None, template=template,
                                          vendor=vendor)
    services.set_overrides(organization=org, actor=None, assignment=assignment,
                           edited=simple(gl=3_000_000))
    services.unassign(organization=org, actor=None, assignment=assignment)
    services.assign_template(organization=org, actor=None, template=template, vendor=vendor)
    services.delete_template(organization=org, actor=None, template=template)
    assert [_ids(c) for c in calls] == [{vendor.pk}] * 5


def test_carrier_changes_reevaluate_every_vendor(org, calls):
    carrier = services.create_carrier(organization=org, actor=None, name="Zurich", naic="16535")
    services.update_carrier(organization=org, actor=None, carrier=carrier, am_best_rating="A")
    services.delete_carrier(organization=org, actor=None, carrier=carrier)
    services.import_carriers(organization=org, actor=None,
                             text="name,naic,am_best_rating,financial_size\nX Co,11111,A,X\n")
    assert [_ids(c) for c in calls] == [None] * 4


def test_nothing_is_scheduled_when_the_change_fails(org, calls):
    services.create_template(organization=org, actor=None, data=simple("Taken"))
    with pytest.raises(Exception, match="already exists"):
        services.create_template(organization=org, actor=None, data=simple("taken"))
    with pytest.raises(Exception, match="nothing was imported"):
        services.import_carriers(organization=org, actor=None,
                                 text="name,naic,am_best_rating,financial_size\nX,1,ZZ,\n")
    assert calls == []
