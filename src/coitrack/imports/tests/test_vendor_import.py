"""Importing vendors through the screens: preview with problems, run, report, duplicates,
idempotency, the round trip through the export."""

from __future__ import annotations

import csv
import io

import pytest

from coitrack.audit.models import Event
from coitrack.imports.models import ImportJob, ImportMapping
from coitrack.imports.tests.helpers import (
    csv_bytes,
    import_file,
    run,
    set_policy,
    upload,
    uploaded_job,
)
from coitrack.testing import factories
from coitrack.vendors.models import Contact, Project, Vendor, VendorProject, VendorType

ROWS = [
    ["Acme Roofing LLC", "12-3456789", "Roofer", "Harbor Tower; Pier 9", "Boston", "MA",
     "ops@acme.example", "Ann Acme", "agent@broker.example"],
    ["Beta Electric Inc", "", "Electrician", "Harbor Tower", "Salem", "MA",
     "beta@beta.example", "", ""],
]


def state(org) -> list:
    """Everything an import may change, to compare before and after."""
    vendors = sorted(Vendor.objects.filter(organization=org).values_list(
        "legal_name", "dba", "tax_id", "vendor_type__name", "status", "owner_id", "city",
        "state", "address_line1", "postal_code", "notes"))
    contacts = sorted(Contact.objects.filter(vendor__organization=org).values_list(
        "vendor__legal_name", "role", "name", "email", "phone", "is_primary"))
    links = sorted(VendorProject.objects.filter(vendor__organization=org).values_list(
        "vendor__legal_name", "project__name"))
    tags = sorted(Vendor.tags.through.objects.filter(vendor__organization=org).values_list(
        "vendor__legal_name", "tag__name"))
    return [vendors, contacts, links, tags]


def test_upload_guesses_columns_and_previews_each_row(reviewer_client, org):
    job = uploaded_job(reviewer_client, csv_bytes(ROWS))
    assert job.mapping == {"legal_name": 0, "tax_id": 1, "vendor_type": 2, "projects": 3,
                           "city": 4, "state": 5, "contact_email": 6, "contact_name": 7,
                           "agent_email": 8}
    page = reviewer_client.get(f"/imports/{job.pk}/").content.decode()
    assert "Acme Roofing LLC" in page and "Beta Electric Inc" in page
    assert "<strong>2</strong> new" in page
    assert Vendor.objects.filter(organization=org).count() == 0  # a preview changes nothing


def test_preview_lists_each_rows_problems(reviewer_client, org):
    factories.vendor(org, "Existing Plumbing Inc", tax_id="98-7654321")
    rows = [["", "11-1111111", "", "", "", "", "", "", ""],
            ["Bad Mail Co", "", "", "", "", "", "not-an-email", "", ""],
            ["Existing Plumbing", "98-7654321", "", "", "Lynn", "", "", "", ""],
            ["Twice LLC", "", "", "", "", "", "", "", ""],
            ["Twice, LLC", "", "", "", "", "", "", "", ""]]
    job = uploaded_job(reviewer_client, csv_bytes(rows))
    page = reviewer_client.get(f"/imports/{job.pk}/").content.decode()
    assert "no legal name" in page
    assert "contact e-mail “not-an-email” is not an e-mail address" in page
    assert "same vendor as line 5" in page
    assert "<strong>1</strong> updated" in page  # Existing Plumbing gets a city
    assert "<strong>3</strong> with problems" in page


def test_run_creates_vendors_with_contacts_types_projects_and_reports(
        reviewer_client, org, django_capture_on_commit_callbacks):
    job = import_file(reviewer_client, csv_bytes(ROWS), django_capture_on_commit_callbacks)
    assert (job.status, job.created_count, job.error_count, job.done, job.total) == (
        "done", 2, 0, 2, 2)
    acme = Vendor.objects.get(organization=org, legal_name="Acme Roofing LLC")
    assert (acme.tax_id, acme.vendor_type.name, acme.city) == ("12-3456789", "Roofer", "Boston")
    assert sorted(acme.projects.values_list("name", flat=True)) == ["Harbor Tower", "Pier 9"]
    assert sorted(acme.contacts.values_list("role", "name", "email", "is_primary")) == [
        ("agent", "", "agent@broker.example", True), ("vendor", "Ann Acme", "ops@acme.example",
                                                      True)]
    assert set(VendorType.objects.filter(organization=org).values_list("name", flat=True)) == {
        "Roofer", "Electrician"}
    assert Project.objects.filter(organization=org).count() == 2
    created = Event.objects.get(object_type="vendor", object_id=acme.pk)
    assert created.note == "Imported from vendors.csv, line 2."
    assert created.changes["legal_name"] == [None, "Acme Roofing LLC"]
    assert created.actor.username == "rita"
    page = reviewer_client.get(f"/imports/{job.pk}/").content.decode()
    assert "<strong>2</strong> created" in page
    assert Event.objects.filter(object_type="importjob", object_id=job.pk).exists()


def test_the_same_file_imported_again_changes_nothing(
        reviewer_client, org, django_capture_on_commit_callbacks):
    import_file(reviewer_client, csv_bytes(ROWS), django_capture_on_commit_callbacks)
    before = state(org)
    events = Event.objects.exclude(object_type="importjob").count()
    again = import_file(reviewer_client, csv_bytes(ROWS), django_capture_on_commit_callbacks)
    assert (again.status, again.created_count, again.updated_count, again.unchanged_count) == (
        "done", 0, 0, 2)
    assert state(org) == before
    assert Event.objects.exclude(object_type="importjob").count() == events


@pytest.mark.parametrize(("policy", "expected"), [
    ("skip", ("Boston", 1, {"skip": 1})),
    ("update", ("Salem", 1, {"update": 1})),
    ("create", ("Boston", 2, {"create": 1})),
])
def test_duplicate_policies(policy, expected, reviewer_client, org,
                            django_capture_on_commit_callbacks):
    factories.vendor(org, "Acme Roofing LLC", city="Boston")
    rows = [["ACME ROOFING, INC.", "", "", "", "Salem", "", "", "", ""]]
    job = uploaded_job(reviewer_client, csv_bytes(rows))
    set_policy(reviewer_client, job, policy)
    job = run(reviewer_client, job, django_capture_on_commit_callbacks)
    city, count, counts = expected
    first = Vendor.objects.filter(organization=org).order_by("pk").first()
    assert first.city == city
    assert Vendor.objects.filter(organization=org).count() == count
    assert {"skip": job.skipped_count, "update": job.updated_count,
            "create": job.created_count}[policy] == next(iter(counts.values()))


def test_matching_by_tax_id_wins_over_the_name(reviewer_client, org,
                                              django_capture_on_commit_callbacks):
    vendor = factories.vendor(org, "Old Name LLC", tax_id="12-3456789")
    job = import_file(reviewer_client, csv_bytes([["New Name LLC", "123456789", "", "", "", "",
                                                   "", "", ""]]),
                      django_capture_on_commit_callbacks)
    vendor.refresh_from_db()
    assert (job.updated_count, vendor.legal_name) == (1, "New Name LLC")
    update = Event.objects.get(object_type="vendor", object_id=vendor.pk, action="update")
    assert update.changes == {"legal_name": ["Old Name LLC", "New Name LLC"]}


def test_empty_cells_keep_stored_values_and_contacts_are_matched_by_email(
        reviewer_client, org, django_capture_on_commit_callbacks):
    vendor = factories.vendor(org, "Acme Roofing LLC", city="Boston", tax_id="12-3456789")
    factories.contact(vendor, name="Old Name", email="OPS@acme.example", is_primary=True)
    rows = [["Acme Roofing LLC", "12-3456789", "", "", "", "", "ops@acme.example",
             "Ann Acme", ""]]
    import_file(reviewer_client, csv_bytes(rows), django_capture_on_commit_callbacks)
    vendor.refresh_from_db()
    assert vendor.city == "Boston"
    assert list(vendor.contacts.values_list("name", "email")) == [("Ann Acme",
                                                                   "OPS@acme.example")]


def test_errors_are_reported_and_downloadable(reviewer_client, org,
                                              django_capture_on_commit_callbacks):
    rows = [*ROWS, ["", "", "", "", "", "", "", "", ""], ["Bad Mail", "", "", "", "", "", "x@",
                                                        "", ""]]
    rows[2][4] = "Somewhere"  # a row with a city but no name
    job = import_file(reviewer_client, csv_bytes(rows), django_capture_on_commit_callbacks)
    assert (job.created_count, job.error_count) == (2, 2)
    response = reviewer_client.get(f"/imports/{job.pk}/errors.csv")
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines == [["line", "name", "problems"], ["4", "", "no legal name"],
                     ["5", "Bad Mail", "contact e-mail “x@” is not an e-mail address"]]


def test_progress_is_visible_while_the_job_runs(reviewer_client, org):
    job = uploaded_job(reviewer_client, csv_bytes(ROWS))
    ImportJob.objects.filter(pk=job.pk).update(status="running", total=10_000, done=2_500)
    response = reviewer_client.get(f"/imports/{job.pk}/progress/", HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert "2500 of 10000 rows · 25%" in text
    assert f'hx-get="/imports/{job.pk}/progress/"' in text and 'value="25"' in text
    ImportJob.objects.filter(pk=job.pk).update(status="done", done=10_000, created_count=9_000)
    text = reviewer_client.get(f"/imports/{job.pk}/progress/").content.decode()
    assert "hx-get" not in text and "<strong>9000</strong> created" in text


def test_a_job_runs_once(reviewer_client, org, django_capture_on_commit_callbacks):
    job = import_file(reviewer_client, csv_bytes(ROWS), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(f"/imports/{job.pk}/run/")
    assert Vendor.objects.filter(organization=org).count() == 2


def test_the_chosen_columns_are_remembered_for_the_same_header(reviewer_client, org):
    header = ["Firm", "Mail"]
    job = uploaded_job(reviewer_client, csv_bytes([["Acme", "a@acme.example"]], header=header))
    assert job.mapping == {"contact_email": 1}  # "Firm" is not a known name
    response = reviewer_client.post(f"/imports/{job.pk}/mapping/", {
        "map_legal_name": "0", "map_contact_email": "1", "duplicate_policy": "skip"})
    assert response.status_code == 302
    assert ImportMapping.objects.filter(organization=org, kind="vendors").count() == 1
    again = uploaded_job(reviewer_client, csv_bytes([["Beta", ""]], header=["FIRM", "mail"]))
    assert again.mapping == {"legal_name": 0, "contact_email": 1}
    assert again.duplicate_policy == "skip" and again.mapping_remembered


def test_a_mapping_without_the_legal_name_is_refused(reviewer_client, org):
    job = uploaded_job(reviewer_client, csv_bytes(ROWS))
    response = reviewer_client.post(f"/imports/{job.pk}/mapping/", {
        "map_city": "4", "duplicate_policy": "update"})
    assert response.status_code == 400
    job.refresh_from_db()
    assert job.mapping["legal_name"] == 0


@pytest.mark.parametrize(("raw", "message"), [
    (b"", "The file is empty"),
    (b"Vendor Name,Email\n", "header but no rows"),
    (b"Vendor Name\nBad \x81\x8d\x90 bytes\n", "neither UTF-8 nor Windows-1252"),
])
def test_unreadable_files_are_refused_and_nothing_is_stored(raw, message, reviewer_client):
    response = upload(reviewer_client, raw)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_too_many_rows_are_refused_with_a_clear_message(reviewer_client):
    raw = ("Vendor Name\n" + "".join(f"V{i}\n" for i in range(100_001))).encode()
    response = upload(reviewer_client, raw)
    assert "more than 100,000 rows" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_windows_1252_file_imports_accents(reviewer_client, org,
                                           django_capture_on_commit_callbacks):
    import_file(reviewer_client, csv_bytes([["Café Façade Inc", "", "", "", "Montréal", "",
                                             "", "", ""]], encoding="cp1252"),
                django_capture_on_commit_callbacks)
    assert Vendor.objects.get(organization=org).city == "Montréal"


def test_viewers_see_imports_but_cannot_upload(viewer_client, reviewer_client, org):
    job = uploaded_job(reviewer_client, csv_bytes(ROWS))
    assert viewer_client.get(f"/imports/{job.pk}/").status_code == 200
    assert upload(viewer_client, csv_bytes(ROWS)).status_code == 403
    assert viewer_client.post(f"/imports/{job.pk}/run/").status_code == 403


def test_xlsx_file_imports_like_csv(reviewer_client, org, django_capture_on_commit_callbacks):
    from coitrack.imports.tests.test_tabular import xlsx

    raw = xlsx([["Company", "EIN", "Zip", "Email"],
                ["Acme Roofing LLC", "12-3456789", 2110, "ops@acme.example"]])
    job = import_file(reviewer_client, raw, django_capture_on_commit_callbacks,
                      name="vendors.xlsx")
    assert (job.created_count, job.source) == (1, "Excel sheet “Vendors”")
    acme = Vendor.objects.get(organization=org)
    assert (acme.tax_id, acme.postal_code) == ("12-3456789", "2110")
    assert acme.contacts.get().email == "ops@acme.example"
