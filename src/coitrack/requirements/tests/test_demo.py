"""The demo organization comes with requirement templates, assignments and a labelled carrier
table of invented ratings."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from coitrack.demo import names
from coitrack.demo.requirements import DEMO_NOTE, DEMO_RATINGS
from coitrack.requirements import services
from coitrack.requirements.models import Carrier, RequirementTemplate
from coitrack.vendors.models import Vendor


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--vendors", "40", stdout=io.StringIO())


def test_demo_has_four_templates_assigned_by_vendor_type(demo):
    assert set(RequirementTemplate.objects.values_list("name", flat=True)) == {
        "Standard vendor", "Roofing contractor - high risk", "Catering & events", "Janitorial"}
    roofer = Vendor.objects.filter(vendor_type__name="Roofing").first()
    assert roofer is not None
    applied = services.templates_for_vendor(roofer)
    assert ("Roofing contractor - high risk", "vendor type Roofing") in [
        (t.name, t.source) for t in applied]


def test_every_demo_vendor_type_has_a_template(demo):
    vendors = list(Vendor.objects.all())
    result = services.templates_by_vendor(vendors[0].organization, [v.pk for v in vendors])
    assert all(result[v.pk] for v in vendors)


def test_demo_carriers_are_invented_and_labelled(demo):
    carriers = list(Carrier.objects.all())
    assert len(carriers) == len(DEMO_RATINGS)
    assert all(c.note == DEMO_NOTE for c in carriers)
    assert {name for name, _ in names.INSURERS} - set(DEMO_RATINGS) == {
        "Summit Ridge Insurance Company"}  # left out: the demo shows an unrated insurer
    table = services.carrier_table(carriers[0].organization)
    assert table.lookup(name="Northbridge Specialty Insurance Co", naic=None).describe() == "B+ VI"
