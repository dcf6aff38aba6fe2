"""The vendor export: escaped against formula injection, and importing it back changes nothing."""

from __future__ import annotations

import csv
import io

from coitrack.imports.tests.helpers import import_file
from coitrack.imports.tests.test_vendor_import import state
from coitrack.testing import factories
from coitrack.vendors.models import Tag, Vendor


def exported(client) -> bytes:
    response = client.get("/imports/vendors.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="vendors.csv"'
    return b"".join(response.streaming_content)


def rich_vendors(org, owner):
    roofer = factories.vendor_type(org, "Roofer")
    tower = factories.project(org, "Harbor Tower")
    acme = factories.vendor(org, "Acme Roofing LLC", dba="Acme", tax_id="12-3456789",
                            vendor_type=roofer, owner=owner, address_line1="1 Main St",
                            address_line2="Suite 2", city="Boston", state="MA",
                            postal_code="02110", notes="Line one\nline two, with comma")
    acme.projects.add(tower)
    acme.tags.add(Tag.objects.create(organization=org, name="union"))
    factories.contact(acme, name="Ann Acme", email="ann@acme.example", phone="+1 617 555 0100",
                      is_primary=True)
    factories.contact(acme, role="agent", name="Bob Broker", email="bob@broker.example",
                      is_primary=True)
    factories.contact(acme, name="Second Person", email="second@acme.example")
    evil = factories.vendor(org, '=HYPERLINK("http://evil.example","Click me")',
                            notes="@SUM(1+1)", status="inactive")
    factories.contact(evil, name="-Minus", email="minus@evil.example")
    factories.vendor(org, "Acme Roofing Inc")  # same normalized name as Acme, no tax id
    factories.vendor(org, "Zed Café")


def test_export_escapes_cells_that_would_run_as_formulas(reviewer_client, reviewer_user, org):
    rich_vendors(org, reviewer_user)
    rows = list(csv.reader(io.StringIO(exported(reviewer_client).decode())))
    assert rows[0][:3] == ["Legal name", "DBA", "Tax ID"]
    evil = next(r for r in rows if "HYPERLINK" in r[0])
    assert evil[0] == '\'=HYPERLINK("http://evil.example","Click me")'
    assert evil[13] == "'@SUM(1+1)"
    assert evil[14] == "'-Minus"
    acme = next(r for r in rows if r[0] == "Acme Roofing LLC")
    assert acme[16] == "'+1 617 555 0100"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_export_then_import_changes_nothing(reviewer_client, reviewer_user, org,
                                            django_capture_on_commit_callbacks):
    rich_vendors(org, reviewer_user)
    before = state(org)
    job = import_file(reviewer_client, exported(reviewer_client),
                      django_capture_on_commit_callbacks)
    assert (job.created_count, job.updated_count, job.error_count, job.unchanged_count) == (
        0, 0, 0, 4)
    assert state(org) == before


def test_exported_vendors_import_into_another_organization_as_they_were(
        reviewer_client, reviewer_user, org, other_org, django_capture_on_commit_callbacks):
    rich_vendors(org, reviewer_user)
    raw = exported(reviewer_client)
    Vendor.objects.filter(organization=org).delete()
    job = import_file(reviewer_client, raw, django_capture_on_commit_callbacks)
    assert (job.created_count, job.error_count) == (4, 0)
    evil = Vendor.objects.get(organization=org, legal_name__startswith="=HYPERLINK")
    assert (evil.notes, evil.status) == ("@SUM(1+1)", "inactive")
    acme = Vendor.objects.get(organization=org, legal_name="Acme Roofing LLC")
    assert acme.notes == "Line one\nline two, with comma"
    assert acme.owner == reviewer_user
    assert Vendor.objects.filter(organization=other_org).count() == 0
