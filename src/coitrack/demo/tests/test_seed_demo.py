"""``coitrack seed_demo``: the demo organization, its login, and leaving real data alone."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from coitrack.accounts.models import Membership, Organization
from coitrack.audit.models import Action, Event
from coitrack.certificates.models import Certificate, CertificateStatus, Policy, PolicyStatus
from coitrack.certificates.services import refresh_vendor_summary
from coitrack.vendors.models import Vendor

LOGIN = "Sign in at http://127.0.0.1:8000/ with demo / demo-password"


def seed(*args: str, vendors: int = 40) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, "--vendors", str(vendors), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_creates_the_demo_organization_and_prints_the_login():
    output = seed()
    org = Organization.objects.get()
    assert (org.name, org.time_zone) == ("Harbor Point Properties", "America/New_York")
    assert Vendor.objects.filter(organization=org).count() == 40
    roles = dict(Membership.objects.filter(organization=org).values_list("user__username", "role"))
    assert roles == {"demo": "admin", "rosa": "reviewer", "victor": "viewer"}
    assert LOGIN in output


@pytest.mark.django_db
def test_the_printed_login_works_over_http():
    seed()
    client = Client()
    assert client.login(username="demo", password="demo-password")
    response = client.get("/vendors/")
    assert response.status_code == 200
    assert b"Harbor Point Properties" in response.content


@pytest.mark.django_db
def test_if_empty_twice_loads_the_demo_once_and_prints_the_login_both_times():
    first = seed("--if-empty")
    counts = (Organization.objects.count(), Vendor.objects.count(), Certificate.objects.count(),
              Event.objects.count())
    second = seed("--if-empty")
    assert (Organization.objects.count(), Vendor.objects.count(), Certificate.objects.count(),
            Event.objects.count()) == counts
    assert LOGIN in first
    assert LOGIN in second
    assert "no demo data added" in second


@pytest.mark.django_db
def test_if_empty_leaves_an_install_with_real_data_alone(org):
    output = seed("--if-empty")
    assert list(Organization.objects.all()) == [org]
    assert not Vendor.objects.exists()
    assert "Sign in" not in output


@pytest.mark.django_db
def test_seeding_again_without_if_empty_refuses_and_changes_nothing():
    seed()
    vendors = Vendor.objects.count()
    with pytest.raises(CommandError, match="already exists"):
        seed()
    assert Vendor.objects.count() == vendors


@pytest.mark.django_db
def test_vendor_summaries_equal_what_the_certificates_service_computes():
    seed()
    vendors = list(Vendor.objects.order_by("pk"))
    loaded = [(v.certificate_count, v.next_expiration) for v in vendors]
    for vendor in vendors:
        refresh_vendor_summary(vendor)
    assert [(v.certificate_count, v.next_expiration) for v in vendors] == loaded
    assert any(count == 0 for count, _ in loaded)
    assert any(first is not None for _, first in loaded)


@pytest.mark.django_db
def test_superseded_policies_point_at_the_same_line_on_the_newer_certificate():
    seed()
    superseded = Policy.objects.filter(status=PolicyStatus.SUPERSEDED).select_related(
        "superseded_by__certificate", "certificate")
    assert superseded.exists()
    for policy in superseded:
        assert policy.certificate.status == CertificateStatus.SUPERSEDED
        assert policy.superseded_by.coverage_key() == policy.coverage_key()
        assert policy.superseded_by.certificate.vendor_id == policy.vendor_id
        assert policy.superseded_by.status == PolicyStatus.CURRENT or (
            policy.superseded_by.certificate.status == CertificateStatus.SUPERSEDED)


@pytest.mark.django_db
def test_every_vendor_and_certificate_has_a_creation_event_by_the_system():
    seed()
    created = Event.objects.filter(action=Action.CREATE, actor_label="system", actor=None)
    assert set(created.filter(object_type="vendor").values_list("vendor_id", flat=True)) == set(
        Vendor.objects.values_list("pk", flat=True))
    assert set(created.filter(object_type="certificate").values_list("certificate_id", flat=True)
               ) == set(Certificate.objects.values_list("pk", flat=True))


@pytest.mark.django_db
def test_loaded_rows_never_reuse_the_id_of_a_deleted_one():
    # Audit events refer to certificates by plain id: a reused id would inherit a stranger's
    # history.
    from coitrack.testing import factories

    elsewhere = factories.organization("Elsewhere Holdings")
    deleted = factories.certificate(factories.vendor(elsewhere))
    deleted_id = deleted.pk
    Certificate.objects.filter(pk=deleted_id).delete()
    seed()
    assert not Certificate.objects.filter(pk=deleted_id).exists()
    assert Certificate.objects.order_by("pk").first().pk > deleted_id


@pytest.mark.django_db
def test_the_demo_starts_chasing_its_expiring_and_expired_vendors():
    import datetime as dt

    from coitrack.compliance.services.clock import local_today
    from coitrack.outreach.models import Request
    from coitrack.outreach.services.requests import vendors_with_ended_projects

    output = seed()
    org = Organization.objects.get()
    today = local_today(org)
    due = set(Vendor.objects.filter(
        organization=org, status="active", merged_into__isnull=True,
        next_expiration__lte=today + dt.timedelta(days=30)).values_list("pk", flat=True))
    due -= vendors_with_ended_projects(due, today)  # nobody chases a vendor whose work is done
    opened = set(Request.objects.filter(organization=org).values_list("vendor_id", flat=True))
    assert due and opened == due
    assert f"Outreach: {len(opened)} renewal requests opened" in output
