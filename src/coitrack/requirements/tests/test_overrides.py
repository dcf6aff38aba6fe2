"""Vendor overrides: only the differences are stored, and applying them gives the edit back."""

from __future__ import annotations

from django.urls import reverse

from coitrack.requirements import services
from coitrack.requirements.models import TemplateAssignment
from coitrack.requirements.overrides import apply_overrides, compute_overrides
from coitrack.requirements.tests.helpers import DOCUMENTED, documented, form_post
from coitrack.testing import factories


def _by_coverage(data):
    return {(e["coverage"], e.get("description")): e for e in data["coverages"]}


def test_no_change_means_no_override():
    assert compute_overrides(DOCUMENTED, documented()) == {}


def test_changed_limit_stores_only_that_coverage():
    edited = documented()
    edited["coverages"][1]["limits"]["combined_single_limit"] = 2_000_000
    overrides = compute_overrides(DOCUMENTED, edited)
    assert overrides == {"coverages": [edited["coverages"][1]]}
    assert apply_overrides(DOCUMENTED, overrides) == edited


def test_removed_setting_is_stored_as_null():
    edited = documented()
    del edited["certificate_holder"]
    overrides = compute_overrides(DOCUMENTED, edited)
    assert overrides == {"certificate_holder": None}
    assert apply_overrides(DOCUMENTED, overrides)["certificate_holder"] is None


def test_removed_coverage_is_omitted_for_the_vendor():
    edited = documented()
    edited["coverages"] = [e for e in edited["coverages"]
                           if e["coverage"] != "automobile_liability"]
    overrides = compute_overrides(DOCUMENTED, edited)
    assert overrides == {"coverages": [{"coverage": "automobile_liability", "omit": True}]}
    assert _by_coverage(apply_overrides(DOCUMENTED, overrides)) == _by_coverage(edited)


def test_added_coverage_is_appended():
    extra = {"coverage": "other", "description": "Pollution", "limits": {"aggregate": 1}}
    edited = documented()
    edited["coverages"].append(extra)
    assert apply_overrides(DOCUMENTED, compute_overrides(DOCUMENTED, edited)) == edited


def test_other_coverages_are_told_apart_by_description():
    base = {"name": "x", "coverages": [
        {"coverage": "other", "description": "Professional Liability", "limits": {}},
        {"coverage": "other", "description": "Cyber", "limits": {}}]}
    overrides = {"coverages": [{"coverage": "other", "description": "professional  liability",
                                "limits": {"each_claim": 5}}]}
    merged = apply_overrides(base, overrides)
    assert [e.get("limits") for e in merged["coverages"]] == [{"each_claim": 5}, {}]


def test_overrides_never_rename_the_template():
    assert apply_overrides(DOCUMENTED, {"name": "Other"})["name"] == DOCUMENTED["name"]


def test_override_page_stores_the_difference_and_the_template_still_reaches_the_rest(
    reviewer_client, org
):
    template = services.create_template(organization=org, actor=None, data=documented())
    vendor = factories.vendor(org)
    assignment = services.assign_template(organization=org, actor=None, template=template,
                                          vendor=vendor)
    page = reviewer_client.get(reverse("requirements:overrides", args=[assignment.pk]))
    assert 'value="Harbor Point Properties LLC"' in page.content.decode()
    edited = documented()
    edited["coverages"][2]["limits"]["each_occurrence"] = 2_000_000
    post = form_post(edited, extra_rows=0)
    post["coverages-INITIAL_FORMS"] = str(len(edited["coverages"]))
    response = reviewer_client.post(reverse("requirements:overrides", args=[assignment.pk]),
                                    post)
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.overrides == {"coverages": [
        {"coverage": "umbrella_liability", "limits": {"each_occurrence": 2_000_000},
         "max_retention": 10000}]}
    # A later change of the template still reaches this vendor where it was not overridden.
    services.update_template(organization=org, actor=None, template=template,
                             data=documented(expiring_within_days=45))
    [applied] = services.templates_for_vendor(vendor)
    assert applied.data["expiring_within_days"] == 45
    assert applied.data["coverages"][2]["limits"] == {"each_occurrence": 2_000_000}


def test_overrides_only_on_vendor_assignments(reviewer_client, org):
    template = services.create_template(organization=org, actor=None, data=documented())
    assignment = services.assign_template(organization=org, actor=None, template=template,
                                          vendor_type=factories.vendor_type(org))
    response = reviewer_client.get(reverse("requirements:overrides", args=[assignment.pk]))
    assert response.status_code == 302
    assert TemplateAssignment.objects.get().overrides == {}
