"""JSON import and export of templates, duplicate, compare and delete."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coitrack.requirements import services
from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
from coitrack.requirements.tests.helpers import DOCUMENTED, documented, simple
from coitrack.testing import factories


def _import(client, data=None, **extra):
    text = data if isinstance(data, str) else json.dumps(data)
    return client.post(reverse("requirements:import"), {"text": text, **extra})


def test_imported_template_exports_exactly_the_same_json(reviewer_client, org):
    response = _import(reviewer_client, DOCUMENTED)
    template = RequirementTemplate.objects.get(organization=org)
    assert response.status_code == 302
    exported = reviewer_client.get(reverse("requirements:export", args=[template.pk]))
    assert exported["Content-Type"].startswith("application/json")
    assert "roofing-contractor-high-risk.json" in exported["Content-Disposition"]
    assert json.loads(exported.content) == DOCUMENTED


def test_import_by_file_upload(reviewer_client, org):
    upload = SimpleUploadedFile("t.json", json.dumps(simple("From file")).encode(),
                                content_type="application/json")
    reviewer_client.post(reverse("requirements:import"), {"file": upload})
    assert RequirementTemplate.objects.get().name == "From file"


def test_export_of_a_form_made_template_is_valid_for_coitrack_check(reviewer_client, org):
    template = services.create_template(organization=org, actor=None, data=documented())
    exported = json.loads(reviewer_client.get(
        reverse("requirements:export", args=[template.pk])).content)
    from coitrack.rules.requirements import parse_requirements
    assert parse_requirements(exported) == parse_requirements(DOCUMENTED)


def test_bad_limit_key_is_refused_naming_the_key(reviewer_client, org):
    data = documented()
    data["coverages"][0]["limits"]["each_occurence"] = 1
    response = _import(reviewer_client, data)
    html = response.content.decode()
    assert "coverages[0].limits.each_occurence" in html
    assert "Nothing was imported" in html
    assert not RequirementTemplate.objects.exists()


def test_bad_rating_is_refused_naming_the_key(reviewer_client, org):
    response = _import(reviewer_client, documented(insurer={"min_rating": "AAA"}))
    assert "insurer.min_rating" in response.content.decode()
    assert not RequirementTemplate.objects.exists()


def test_text_that_is_not_json_is_refused_with_its_position(reviewer_client, org):
    response = _import(reviewer_client, '{"name": "x", "coverages": [}')
    assert "This is not valid JSON" in response.content.decode()
    assert "line 1" in response.content.decode()
    assert not RequirementTemplate.objects.exists()


def test_json_that_is_not_an_object_is_refused(reviewer_client, org):
    response = _import(reviewer_client, "[1, 2]")
    assert "template: expected a JSON object" in response.content.decode()


def test_file_that_is_not_utf8_is_refused(reviewer_client, org):
    upload = SimpleUploadedFile("t.json", b'{"name": "\xff"}', content_type="application/json")
    response = reviewer_client.post(reverse("requirements:import"), {"file": upload})
    assert "not UTF-8" in response.content.decode()


def test_import_of_a_name_in_use_asks_what_to_do(reviewer_client, org):
    services.create_template(organization=org, actor=None, data=simple("Roofing contractor - "
                                                                       "high risk"))
    response = _import(reviewer_client, DOCUMENTED)
    html = response.content.decode()
    assert "already exists" in html
    assert 'value="rename"' in html and 'value="replace"' in html
    assert "Roofing contractor - high risk (2)" in html  # a free name is suggested
    assert RequirementTemplate.objects.count() == 1


def test_import_under_a_new_name(reviewer_client, org):
    services.create_template(organization=org, actor=None, data=simple(DOCUMENTED["name"]))
    _import(reviewer_client, DOCUMENTED, on_conflict="rename", new_name="Roofing 2026")
    imported = RequirementTemplate.objects.get(name="Roofing 2026")
    assert imported.data == {**DOCUMENTED, "name": "Roofing 2026"}


def test_renaming_to_a_name_also_in_use_asks_again(reviewer_client, org):
    services.create_template(organization=org, actor=None, data=simple(DOCUMENTED["name"]))
    services.create_template(organization=org, actor=None, data=simple("Roofing 2026"))
    response = _import(reviewer_client, DOCUMENTED, on_conflict="rename", new_name="roofing 2026")
    html = response.content.decode()
    assert "already exists" in html and 'name="new_name"' in html
    assert 'value="rename"' in html
    assert RequirementTemplate.objects.count() == 2


def test_import_replacing_keeps_the_assignments(reviewer_client, org):
    existing = services.create_template(organization=org, actor=None,
                                        data=simple(DOCUMENTED["name"]))
    services.assign_template(organization=org, actor=None, template=existing,
                             vendor_type=factories.vendor_type(org, "Roofing"))
    _import(reviewer_client, DOCUMENTED, on_conflict="replace")
    existing.refresh_from_db()
    assert existing.data == DOCUMENTED
    assert RequirementTemplate.objects.count() == 1
    assert TemplateAssignment.objects.filter(template=existing).count() == 1


def test_unknown_keys_survive_import_export_and_edit(reviewer_client, org):
    data = documented(evidence_required="confirmed")
    _import(reviewer_client, data)
    template = RequirementTemplate.objects.get()
    assert template.data["evidence_required"] == "confirmed"


def test_duplicate_makes_a_copy_under_a_free_name(reviewer_client, org):
    template = services.create_template(organization=org, actor=None, data=simple("Standard"))
    services.assign_template(organization=org, actor=None, template=template,
                             vendor_type=factories.vendor_type(org))
    response = reviewer_client.post(reverse("requirements:duplicate", args=[template.pk]))
    copy = RequirementTemplate.objects.get(name="Copy of Standard")
    assert response.url == reverse("requirements:edit", args=[copy.pk])
    assert copy.data == {**template.data, "name": "Copy of Standard"}
    assert not copy.assignments.exists()
    reviewer_client.post(reverse("requirements:duplicate", args=[template.pk]))
    assert RequirementTemplate.objects.filter(name="Copy of Standard (2)").exists()


def test_compare_highlights_the_differences(reviewer_client, org):
    a = services.create_template(organization=org, actor=None, data=simple("A", gl=1_000_000))
    b_data = simple("B", gl=2_000_000)
    b_data["coverages"].append({"coverage": "automobile_liability",
                                "limits": {"combined_single_limit": 1_000_000}})
    b = services.create_template(organization=org, actor=None, data=b_data)
    response = reviewer_client.get(reverse("requirements:compare"), {"a": a.pk, "b": b.pk})
    html = response.content.decode()
    assert "$1,000,000" in html and "$2,000,000" in html
    assert html.count('class="differs"') == 3  # GL each occurrence; auto required + its CSL
    assert "Not required" in html


def test_delete_asks_first_then_removes_assignments_too(reviewer_client, org):
    template = services.create_template(organization=org, actor=None, data=simple())
    vendor = factories.vendor(org, "Acme Roofing LLC")
    services.assign_template(organization=org, actor=None, template=template, vendor=vendor)
    page = reviewer_client.get(reverse("requirements:delete", args=[template.pk]))
    assert "Vendor Acme Roofing LLC" in page.content.decode()
    assert RequirementTemplate.objects.exists()
    reviewer_client.post(reverse("requirements:delete", args=[template.pk]))
    assert not RequirementTemplate.objects.exists()
    assert not TemplateAssignment.objects.exists()
