"""A vendor's page: facts, contacts, projects, certificates, current policies and history."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coitrack.certificates.models import CertificateStatus, Policy, PolicyStatus
from coitrack.testing import factories
from coitrack.vendors import services
from coitrack.vendors.models import Tag, VendorProject


def page(client, vendor):
    response = client.get(reverse("vendors:detail", args=[vendor.pk]))
    assert response.status_code == 200
    return response


def test_shows_the_vendors_facts(viewer_client, org, reviewer_user):
    vendor = factories.vendor(org, "Acme Roofing LLC", dba="Acme", tax_id="12-3456789",
                              address_line1="1 Main St", city="Springfield", state="IL",
                              postal_code="62701", owner=reviewer_user, notes="Gate code 42",
                              vendor_type=factories.vendor_type(org, "Roofer"))
    vendor.tags.add(Tag.objects.create(organization=org, name="union"))
    content = page(viewer_client, vendor).content.decode()
    for text in ("Acme Roofing LLC", "DBA Acme", "12-3456789", "1 Main St, Springfield, IL 62701",
                 "Roofer", "rita", "Gate code 42", '<span class="tag">union</span>'):
        assert text in content


def test_shows_projects_with_the_vendors_or_the_projects_dates(viewer_client, org, vendor):
    tower = factories.project(org, "Tower", start_date=dt.date(2026, 1, 1),
                              end_date=dt.date(2026, 12, 31))
    VendorProject.objects.create(vendor=vendor, project=tower, start_date=dt.date(2026, 4, 1))
    content = page(viewer_client, vendor).content.decode()
    assert "Tower" in content
    assert "Apr 1, 2026 \u2013 Dec 31, 2026" in content


def test_lists_the_vendors_certificates_with_status_and_policies(viewer_client, vendor):
    factories.certificate(vendor, status=CertificateStatus.NEEDS_REVIEW,
                          coverage="workers_compensation", received_date=dt.date(2026, 2, 3))
    content = page(viewer_client, vendor).content.decode()
    assert "Feb 3, 2026" in content
    assert '<span class="badge needs_review">Needs review</span>' in content
    assert "WC" in content


def test_current_policies_come_from_accepted_certificates_only(viewer_client, vendor):
    factories.certificate(vendor, policy_number="GOOD-1")
    factories.certificate(vendor, status=CertificateStatus.NEEDS_REVIEW, policy_number="PEND-2")
    old = factories.certificate(vendor, policy_number="OLD-3")
    Policy.objects.filter(certificate=old).update(status=PolicyStatus.SUPERSEDED)
    response = page(viewer_client, vendor)
    assert [p.policy_number for p in response.context["current_policies"]] == ["GOOD-1"]
    assert [p.insurer_name for p in response.context["current_policies"]] == [
        "Acme Insurance Co"]


def test_history_shows_the_vendors_events(viewer_client, org, admin_user, vendor):
    services.update_vendor(organization=org, actor=admin_user, vendor=vendor,
                           data={"legal_name": "Acme Roofing Inc"})
    content = page(viewer_client, vendor).content.decode()
    assert "<del>Acme Roofing LLC</del>" in content


def test_another_organizations_vendor_is_not_found(viewer_client, other_vendor):
    url = reverse("vendors:detail", args=[other_vendor.pk])
    assert viewer_client.get(url).status_code == 404


def test_viewer_sees_no_editing_buttons(viewer_client, vendor):
    content = page(viewer_client, vendor).content.decode()
    assert reverse("vendors:edit", args=[vendor.pk]) not in content
    assert reverse("vendors:deactivate", args=[vendor.pk]) not in content


def test_page_queries_do_not_grow_with_certificates(viewer_client, org, vendor):
    factories.certificate(vendor)
    page(viewer_client, vendor)  # the first request also stores the active organization
    with CaptureQueriesContext(connection) as one:
        page(viewer_client, vendor)
    for _ in range(8):
        factories.certificate(vendor)
        factories.contact(vendor)
        VendorProject.objects.create(vendor=vendor, project=factories.project(org))
    with CaptureQueriesContext(connection) as many:
        page(viewer_client, vendor)
    assert len(many) == len(one)


def test_links_its_certificates_and_the_upload_page(reviewer_client, vendor):
    certificate = factories.certificate(vendor)
    content = page(reviewer_client, vendor).content.decode()
    assert f'href="/certificates/{certificate.pk}/"' in content
    assert f'href="/certificates/upload/{vendor.pk}/"' in content
