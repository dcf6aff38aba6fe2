"""Exports through HTTP: the filtered list on screen, as CSV (streamed) or XLSX, escaped."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from coitrack.accounts.models import Role
from coitrack.compliance.models import VendorEvaluation
from coitrack.outreach.models import CommunicationLog
from coitrack.testing import factories
from coitrack.vendors.models import Vendor

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response) -> list[list]:
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_vendor_export_is_streamed_csv_of_the_filtered_list(org, admin_client):
    factories.vendor(org, "Alpha Plumbing LLC", compliance_status="non_compliant")
    factories.vendor(org, "Beta Cleaning Inc", compliance_status="compliant")
    response = admin_client.get(reverse("exports:vendors_csv"), {"compliance": "non_compliant"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0][:6] == ["Vendor", "DBA", "Type", "Owner", "Status", "Compliance"]
    assert [r[0] for r in rows[1:]] == ["Alpha Plumbing LLC"]
    assert rows[1][5] == "Non-compliant"


def test_vendor_export_follows_the_lists_sort_and_search(org, admin_client):
    for name in ("Charlie Roofing", "Alpha Roofing", "Bravo Paving"):
        factories.vendor(org, name)
    rows = csv_rows(admin_client.get(reverse("exports:vendors_csv"),
                                     {"q": "Roofing", "sort": "-name"}))
    assert [r[0] for r in rows[1:]] == ["Charlie Roofing", "Alpha Roofing"]


def test_vendor_export_lists_open_deficiencies_in_words_and_not_waived_ones(org, admin_client):
    vendor = factories.vendor(org, "Gamma Electric", compliance_status="non_compliant")
    VendorEvaluation.objects.create(
        vendor=vendor, organization=org, status="non_compliant", as_of=dt.date(2026, 3, 2),
        evaluated_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC), deficiencies=[
            {"code": "LIMIT_BELOW_MINIMUM", "severity": "fail",
             "message": "Each occurrence $500,000 is below the required $1,000,000."},
            {"code": "ADDITIONAL_INSURED_MISSING", "severity": "fail", "waived": True,
             "message": "Additional insured is not marked."}])
    rows = csv_rows(admin_client.get(reverse("exports:vendors_csv")))
    header, row = rows[0], rows[1]
    assert row[header.index("Deficiencies")] == "Limit below minimum"
    assert "below the required $1,000,000" in row[header.index("Deficiency details")]
    assert "Additional insured" not in row[header.index("Deficiency details")]


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://evil.test","x")', "+1+1", "-2+3",
                                     "@SUM(A1)", "\tTab", "\rCR"])
def test_formula_cells_are_escaped_in_csv_and_xlsx(org, admin_client, payload):
    factories.vendor(org, payload)
    rows = csv_rows(admin_client.get(reverse("exports:vendors_csv")))
    assert rows[1][0] == "'" + payload
    cell = xlsx_rows(admin_client.get(reverse("exports:vendors_xlsx")))[1][0]
    assert cell.startswith("'")
    if "\r" not in payload:  # (a CR is stored as _x000D_, which openpyxl does not decode)
        assert cell == "'" + payload


def test_xlsx_export_opens_with_typed_dates_and_numbers(org, admin_client):
    factories.vendor(org, "Delta Masonry", next_expiration=dt.date(2026, 9, 30),
                     certificate_count=3)
    response = admin_client.get(reverse("exports:vendors_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    header, row = xlsx_rows(response)[:2]
    assert row[0] == "Delta Masonry"
    assert row[header.index("Next expiration")].date() == dt.date(2026, 9, 30)
    assert row[header.index("Certificates")] == 3


def test_exports_never_include_another_organizations_rows(org, other_org, admin_client):
    factories.vendor(org, "Our Vendor")
    other = factories.vendor(other_org, "Their Secret Vendor")
    factories.certificate(other)
    CommunicationLog.objects.create(organization=other_org, vendor=other, kind="upload",
                                    at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC), detail="secret")
    for kind in ("vendors", "certificates", "expirations", "outreach"):
        for fmt in ("csv", "xlsx"):
            response = admin_client.get(reverse(f"exports:{kind}_{fmt}"),
                                        {"start": "2020-01-01", "end": "2030-01-01"})
            assert b"Their Secret" not in b"".join(response.streaming_content), (kind, fmt)
    # and naming their vendor in the outreach filter selects nothing
    rows = csv_rows(admin_client.get(reverse("exports:outreach_csv"), {"vendor": other.pk}))
    assert rows[1:] == []


def test_certificate_export_has_one_row_per_policy_with_limits_in_words(org, admin_client):
    vendor = factories.vendor(org, "Echo Landscaping")
    factories.certificate(vendor, policy_number="GL-1",
                          limits={"each_occurrence": 1_000_000, "general_aggregate": 2_000_000})
    rows = csv_rows(admin_client.get(reverse("exports:certificates_csv"),
                                     {"status": "accepted"}))
    header, row = rows[0], rows[1]
    assert len(rows) == 2
    assert row[header.index("Policy number")] == "GL-1"
    assert row[header.index("Insurer")] == "Acme Insurance Co"
    assert row[header.index("Limits")] == ("Each occurrence: $1,000,000; "
                                           "General aggregate: $2,000,000")


def test_certificate_export_keeps_certificates_without_policies(org, admin_client):
    vendor = factories.vendor(org, "Foxtrot Glass")
    cert = factories.certificate(vendor)
    cert.policies.all().delete()
    rows = csv_rows(admin_client.get(reverse("exports:certificates_csv")))
    assert [r[1] for r in rows[1:]] == ["Foxtrot Glass"]


def test_expirations_export_keeps_the_date_range(org, admin_client):
    vendor = factories.vendor(org, "Golf Courses Co")
    factories.certificate(vendor, expiration=dt.date(2026, 4, 15), policy_number="IN")
    factories.certificate(vendor, expiration=dt.date(2026, 8, 1), policy_number="OUT",
                          coverage="automobile_liability")
    rows = csv_rows(admin_client.get(reverse("exports:expirations_csv"),
                                     {"start": "2026-04-01", "end": "2026-04-30"}))
    header = rows[0]
    assert [r[header.index("Policy number")] for r in rows[1:]] == ["IN"]
    assert rows[1][0] == "2026-04-15"


def test_outreach_export_filters_by_vendor_and_kind(org, admin_client):
    one, two = factories.vendor(org, "Hotel Supply"), factories.vendor(org, "India Paint")
    at = dt.datetime(2026, 3, 2, 15, tzinfo=dt.UTC)
    CommunicationLog.objects.create(organization=org, vendor=one, kind="upload", at=at,
                                    detail="=cmd|' /C calc'!A0")
    CommunicationLog.objects.create(organization=org, vendor=one, kind="reply", at=at)
    CommunicationLog.objects.create(organization=org, vendor=two, kind="upload", at=at)
    rows = csv_rows(admin_client.get(reverse("exports:outreach_csv"),
                                     {"vendor": one.pk, "kind": "upload"}))
    assert [(r[1], r[2]) for r in rows[1:]] == [("Hotel Supply", "Uploaded a file")]
    assert rows[1][3].startswith("'=")


def test_viewers_may_export_what_they_can_see(org, viewer_client):
    factories.vendor(org, "Juliet Movers")
    rows = csv_rows(viewer_client.get(reverse("exports:vendors_csv")))
    assert rows[1][0] == "Juliet Movers"


def test_the_vendor_list_offers_export_buttons_with_its_filters(org, admin_client):
    page = admin_client.get(reverse("vendors:list"), {"compliance": "expired"}).content.decode()
    assert reverse("exports:vendors_csv") + "?compliance=expired" in page
    assert reverse("exports:vendors_xlsx") + "?compliance=expired" in page


def test_many_rows_stream_in_chunks(org, admin_client):
    Vendor.objects.bulk_create([Vendor(organization=org, legal_name=f"Vendor {i:05d}")
                                for i in range(1200)])
    response = admin_client.get(reverse("exports:vendors_csv"))
    chunks = list(response.streaming_content)
    assert len(chunks) >= 3  # header, then chunks of rows: never the whole file at once
    assert sum(chunk.count(b"\n") for chunk in chunks) == 1201


def test_exports_need_a_member(client, org):
    response = client.get(reverse("exports:vendors_csv"))
    assert response.status_code == 302


def test_role_fixture_sanity(viewer_user, org):
    assert viewer_user.memberships.get(organization=org).role == Role.VIEWER
