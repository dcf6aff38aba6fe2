"""Viewers read requirements; only reviewers and admins change them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coitrack.requirements import services
from coitrack.requirements.models import Carrier, RequirementTemplate, TemplateAssignment
from coitrack.requirements.tests.helpers import form_post, simple
from coitrack.testing import factories


@pytest.fixture
def objects(org):
    template = services.create_template(organization=org, actor=None, data=simple())
    assignment = services.assign_template(organization=org, actor=None, template=template,
                                          vendor=factories.vendor(org))
    carrier = services.create_carrier(organization=org, actor=None, name="Zurich", naic="16535")
    return {"template": template.pk, "assignment": assignment.pk, "carrier": carrier.pk}


POSTS = [
    ("requirements:create", None), ("requirements:import", None),
    ("requirements:edit", "template"), ("requirements:duplicate", "template"),
    ("requirements:delete", "template"), ("requirements:assign", "template"),
    ("requirements:unassign", "assignment"), ("requirements:overrides", "assignment"),
    ("requirements:carrier_create", None), ("requirements:carrier_import", None),
    ("requirements:carrier_edit", "carrier"), ("requirements:carrier_delete", "carrier"),
]


@pytest.mark.parametrize(("name", "key"), POSTS)
def test_viewer_cannot_change_anything(viewer_client, objects, name, key):
    url = reverse(name, args=[objects[key]] if key else [])
    before = (RequirementTemplate.objects.count(), TemplateAssignment.objects.count(),
              Carrier.objects.count())
    response = viewer_client.post(url, form_post(simple("By viewer")) | {"kind": "vendor_type"})
    assert response.status_code == 403
    assert (RequirementTemplate.objects.count(), TemplateAssignment.objects.count(),
            Carrier.objects.count()) == before


@pytest.mark.parametrize("name", ["list", "compare", "carriers", "carrier_export"])
def test_viewer_reads_the_lists(viewer_client, objects, name):
    assert viewer_client.get(reverse(f"requirements:{name}")).status_code == 200


def test_viewer_reads_a_template_without_edit_buttons(viewer_client, objects):
    response = viewer_client.get(reverse("requirements:detail", args=[objects["template"]]))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("requirements:edit", args=[objects["template"]]) not in html
    assert reverse("requirements:export", args=[objects["template"]]) in html


def test_admin_can_edit_like_a_reviewer(admin_client, objects, org):
    response = admin_client.post(reverse("requirements:create"), form_post(simple("By admin")))
    assert response.status_code == 302
    assert RequirementTemplate.objects.filter(name="By admin").exists()
