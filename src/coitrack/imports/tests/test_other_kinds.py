"""Carriers and requirement assignments go through the same upload, columns, preview and run."""

from __future__ import annotations

from coitrack.audit.models import Event
from coitrack.imports.models import ImportJob
from coitrack.imports.tests.helpers import csv_bytes, import_file, set_policy, uploaded_job
from coitrack.requirements.models import Carrier, RequirementTemplate, TemplateAssignment
from coitrack.testing import factories

CARRIER_HEADER = ["Insurer", "NAIC #", "AM Best Rating", "FSC"]


def test_carriers_are_imported_by_the_carrier_tables_own_rules(
        reviewer_client, org, django_capture_on_commit_callbacks):
    Carrier.objects.create(organization=org, name="Old Mutual", naic="11111",
                           am_best_rating="B")
    raw = csv_bytes([["Old Mutual Insurance", "11111", "A", "X"],
                     ["New Casualty Co", "2222", "A+", "XV"]], header=CARRIER_HEADER)
    job = import_file(reviewer_client, raw, django_capture_on_commit_callbacks,
                      kind="carriers", name="carriers.csv")
    assert (job.status, job.created_count, job.updated_count) == ("done", 1, 1)
    assert dict(Carrier.objects.filter(organization=org).values_list("naic",
                                                                     "am_best_rating")) == {
        "11111": "A", "02222": "A+"}
    assert Event.objects.filter(object_type="carrier", note="Imported from CSV.").count() == 1


def test_carrier_rows_with_problems_block_the_run(reviewer_client, org):
    raw = csv_bytes([["Good Co", "12345", "A", ""], ["Bad Co", "12", "Z+", ""]],
                    header=CARRIER_HEADER)
    job = uploaded_job(reviewer_client, raw, kind="carriers")
    page = reviewer_client.get(f"/imports/{job.pk}/").content.decode()
    assert "AM Best rating “Z+” is not on the scale" in page
    assert "block the whole file" in page
    assert f'action="/imports/{job.pk}/run/"' not in page


def test_skip_leaves_existing_carriers_alone(reviewer_client, org,
                                             django_capture_on_commit_callbacks):
    Carrier.objects.create(organization=org, name="Old Mutual", naic="11111",
                           am_best_rating="B")
    raw = csv_bytes([["Old Mutual", "11111", "A", ""], ["New Co", "22222", "A", ""]],
                    header=CARRIER_HEADER)
    job = uploaded_job(reviewer_client, raw, kind="carriers")
    set_policy(reviewer_client, job, "skip")
    from coitrack.imports.tests.helpers import run

    job = run(reviewer_client, job, django_capture_on_commit_callbacks)
    assert (job.created_count, job.skipped_count) == (1, 1)
    assert Carrier.objects.get(naic="11111").am_best_rating == "B"


def test_assignments_are_created_once(reviewer_client, org,
                                      django_capture_on_commit_callbacks):
    template = RequirementTemplate.objects.create(organization=org, name="Contractor",
                                                  data={"name": "Contractor", "coverages": []})
    factories.vendor_type(org, "Roofer")
    factories.project(org, "Harbor Tower")
    vendor = factories.vendor(org, "Acme Roofing LLC", tax_id="12-3456789")
    header = ["Template", "Vendor Type", "Project", "Vendor", "Tax ID"]
    rows = [["contractor", "roofer", "", "", ""], ["Contractor", "", "Harbor Tower", "", ""],
            ["Contractor", "", "", "", "123456789"], ["Missing", "Roofer", "", "", ""],
            ["Contractor", "Roofer", "Harbor Tower", "", ""]]
    job = import_file(reviewer_client, csv_bytes(rows, header=header),
                      django_capture_on_commit_callbacks, kind="assignments")
    assert (job.created_count, job.error_count) == (3, 2)
    assert [e["problems"] for e in job.errors] == [
        ["no requirement template named “Missing”"],
        ["give exactly one of vendor type, project or vendor"]]
    assert TemplateAssignment.objects.filter(template=template, vendor=vendor).exists()
    again = import_file(reviewer_client, csv_bytes(rows, header=header),
                        django_capture_on_commit_callbacks, kind="assignments")
    assert (again.created_count, again.unchanged_count) == (0, 3)
    assert TemplateAssignment.objects.filter(organization=org).count() == 3
    assert ImportJob.objects.filter(organization=org).count() == 2
