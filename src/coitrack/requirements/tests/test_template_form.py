"""The structured template form writes the documented JSON, validated before anything is saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coitrack.audit.models import Event
from coitrack.requirements.models import RequirementTemplate
from coitrack.requirements.tests.helpers import (
    DOCUMENTED,
    documented,
    form_post,
    simple,
    without_false_flags,
)
from coitrack.rules.requirements import parse_requirements


def test_form_for_the_documented_example_saves_the_documented_json(reviewer_client, org):
    response = reviewer_client.post(reverse("requirements:create"), form_post(DOCUMENTED))
    template = RequirementTemplate.objects.get(organization=org)
    assert response.status_code == 302
    assert template.data == without_false_flags(DOCUMENTED)
    assert parse_requirements(template.data) == parse_requirements(DOCUMENTED)


def test_editing_without_changes_keeps_the_json_exactly(reviewer_client, org):
    reviewer_client.post(reverse("requirements:create"), form_post(DOCUMENTED))
    template = RequirementTemplate.objects.get(organization=org)
    page = reviewer_client.get(reverse("requirements:edit", args=[template.pk]))
    assert page.status_code == 200
    assert "data-coverage-select" in page.content.decode()
    # The form as the page pre-fills it (initial rows), posted back untouched.
    post = form_post(template.data, extra_rows=0)
    post["coverages-INITIAL_FORMS"] = str(len(template.data["coverages"]))
    reviewer_client.post(reverse("requirements:edit", args=[template.pk]), post)
    template.refresh_from_db()
    assert template.data == without_false_flags(DOCUMENTED)
    assert Event.objects.filter(object_id=template.pk, action="update").count() == 0


def test_edit_page_prefills_every_setting(reviewer_client, org):
    reviewer_client.post(reverse("requirements:create"), form_post(DOCUMENTED))
    template = RequirementTemplate.objects.get(organization=org)
    html = reviewer_client.get(reverse("requirements:edit", args=[template.pk])).content.decode()
    for text in ('value="Harbor Point Properties LLC"', 'value="2026-11-30"', 'value="5,000,000"',
                 'value="10,000"', 'value="Professional Liability"',
                 'value="workers_compensation.el_each_accident" id="id_umbrella_applies_to_'):
        assert text in html, text


def test_limit_that_does_not_belong_to_the_coverage_is_refused(reviewer_client, org):
    post = form_post(simple())
    post["coverages-0-limit_combined_single_limit"] = "1,000,000"
    response = reviewer_client.post(reverse("requirements:create"), post)
    assert response.status_code == 200
    assert "Not a limit of commercial general liability" in response.content.decode()
    assert not RequirementTemplate.objects.exists()


def test_statutory_on_general_liability_is_refused(reviewer_client, org):
    post = form_post(simple())
    post["coverages-0-statutory"] = "on"
    response = reviewer_client.post(reverse("requirements:create"), post)
    assert "Does not apply to commercial general liability" in response.content.decode()
    assert not RequirementTemplate.objects.exists()


def test_other_coverage_needs_its_description(reviewer_client, org):
    post = form_post({"name": "Pro", "coverages": [
        {"coverage": "other", "description": "", "limits": {"each_claim": 1}}]})
    response = reviewer_client.post(reverse("requirements:create"), post)
    assert "Write the coverage to look for" in response.content.decode()
    assert not RequirementTemplate.objects.exists()


def test_a_template_needs_one_coverage(reviewer_client, org):
    post = form_post({"name": "Empty", "coverages": []})
    response = reviewer_client.post(reverse("requirements:create"), post)
    assert "Require at least one coverage." in response.content.decode()
    assert not RequirementTemplate.objects.exists()


def test_same_coverage_twice_is_refused(reviewer_client, org):
    entry = {"coverage": "general_liability", "limits": {"each_occurrence": 1}}
    response = reviewer_client.post(reverse("requirements:create"),
                                    form_post({"name": "Twice", "coverages": [entry, entry]}))
    assert "already required above" in response.content.decode()
    assert not RequirementTemplate.objects.exists()


def test_work_period_ending_before_it_starts_is_refused(reviewer_client, org):
    data = simple()
    data["work_period"] = {"start": "2026-05-01", "end": "2026-04-01"}
    response = reviewer_client.post(reverse("requirements:create"), form_post(data))
    assert "cannot end before it starts" in response.content.decode()
    assert not RequirementTemplate.objects.exists()


def test_name_in_use_is_refused_case_insensitively(reviewer_client, org):
    reviewer_client.post(reverse("requirements:create"), form_post(simple("Janitorial")))
    response = reviewer_client.post(reverse("requirements:create"),
                                    form_post(simple("JANITORIAL")))
    assert "already exists" in response.content.decode()
    assert RequirementTemplate.objects.count() == 1


def test_add_coverage_button_adds_a_row_and_saves_nothing(reviewer_client, org):
    post = form_post(simple(), extra_rows=1) | {"add_coverage": "1"}
    response = reviewer_client.post(reverse("requirements:create"), post)
    html = response.content.decode()
    assert 'name="coverages-2-coverage"' in html
    assert "Nothing was saved" not in html
    assert not RequirementTemplate.objects.exists()


def test_amounts_are_typed_as_people_write_them(reviewer_client, org):
    post = form_post(simple())
    post["coverages-0-limit_each_occurrence"] = "$2,000,000"
    reviewer_client.post(reverse("requirements:create"), post)
    data = RequirementTemplate.objects.get().data
    assert data["coverages"][0]["limits"] == {"each_occurrence": 2_000_000}


def test_creating_and_editing_are_audited_with_the_changes(reviewer_client, org):
    reviewer_client.post(reverse("requirements:create"), form_post(simple()))
    template = RequirementTemplate.objects.get()
    post = form_post(simple(gl=3_000_000), extra_rows=0)
    reviewer_client.post(reverse("requirements:edit", args=[template.pk]), post)
    events = Event.objects.filter(object_type="requirementtemplate", object_id=template.pk)
    assert [e.action for e in events.order_by("id")] == ["create", "update"]
    update = events.get(action="update")
    assert update.changes == {"General liability: Each occurrence": [1_000_000, 3_000_000]}


@pytest.mark.parametrize("name", ["create", "import", "compare", "list", "carriers",
                                  "carrier_create", "carrier_import"])
def test_pages_render_for_reviewers(reviewer_client, org, name):
    assert reviewer_client.get(reverse(f"requirements:{name}")).status_code == 200


def test_detail_page_describes_the_template(reviewer_client, org):
    reviewer_client.post(reverse("requirements:create"), form_post(documented()))
    template = RequirementTemplate.objects.get()
    html = reviewer_client.get(reverse("requirements:detail", args=[template.pk])).content.decode()
    for text in ("$5,000,000", "Professional Liability", "Primary &amp; non-contributory",
                 "30 days", "A-", "VII"):
        assert text in html, text
