"""Vendors turning non-compliant or expired: told on a change into that status only, and in
bulk one notification per member and kind per evaluation run."""

from __future__ import annotations

import datetime as dt

import pytest

from coitrack.accounts.models import Role
from coitrack.compliance.services.evaluation import evaluate_vendor, evaluate_vendors
from coitrack.notifications import events
from coitrack.notifications.models import Notification
from coitrack.notifications.services.status_changes import publish_status_changes
from coitrack.notifications.tests.helpers import choose
from coitrack.outreach.models import OutboxMessage
from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
from coitrack.testing import factories
from coitrack.vendors.models import Vendor

BEFORE, AFTER = dt.date(2026, 6, 1), dt.date(2027, 1, 5)  # the policy ends 2027-01-01


@pytest.fixture
def owner(org):
    return factories.user("olga", org=org, role=Role.VIEWER)


def _insured_vendor(org, owner, name="Summit Roofing LLC"):
    vendor = factories.vendor(org, name, owner=owner)
    factories.certificate(vendor)  # accepted, general liability 2026-01-01 to 2027-01-01
    template = RequirementTemplate.objects.create(
        organization=org, name=f"GL {vendor.pk}",
        data={"name": "GL", "coverages": [{"coverage": "general_liability"}]})
    TemplateAssignment.objects.create(organization=org, template=template, vendor=vendor)
    return vendor


def test_a_vendor_expiring_tells_its_owner_once(org, owner, admin_user):
    vendor = _insured_vendor(org, owner)
    evaluate_vendor(vendor, as_of=BEFORE)
    assert not Notification.objects.exists()  # the first evaluation is no news
    evaluate_vendor(vendor, as_of=AFTER)
    evaluate_vendor(vendor, as_of=AFTER + dt.timedelta(days=1))  # still expired: no news
    [note] = Notification.objects.all()
    assert (note.user, note.kind, note.title) == (owner, events.VENDOR_EXPIRED,
                                                  "Summit Roofing LLC expired")
    assert note.url == f"/vendors/{vendor.pk}/" and note.vendor == vendor
    assert OutboxMessage.objects.get().to == [owner.email]


def test_leaving_a_bad_status_tells_nobody(org, owner):
    vendor = _insured_vendor(org, owner)
    evaluate_vendor(vendor, as_of=AFTER)
    evaluate_vendor(vendor, as_of=BEFORE)  # back to good (a renewal, say)
    assert not Notification.objects.exists()


def test_one_run_changing_many_vendors_writes_one_summary_per_member(org, owner, admin_user):
    vendors = [_insured_vendor(org, owner, f"Vendor {n:02d} LLC") for n in range(12)]
    choose(admin_user, org, events.VENDOR_EXPIRED, events.IN_APP, events.ALL)
    evaluate_vendors(organization=org, as_of=BEFORE)
    evaluate_vendors(organization=org, as_of=AFTER)
    notes = {n.user.username: n for n in Notification.objects.select_related("user")}
    assert set(notes) == {"olga", "alice"}
    assert notes["olga"].title == "12 vendors expired"
    assert notes["olga"].body.startswith("Vendor 00 LLC, Vendor 01 LLC")
    assert notes["olga"].body.endswith("and 2 more.")
    assert notes["olga"].url == "/vendors/?compliance=expired" and notes["olga"].vendor is None
    assert OutboxMessage.objects.count() == 1  # the owner's e-mail; the admin chose in-app
    assert len(vendors) == 12


def test_bulk_publishing_costs_a_fixed_number_of_queries(org, owner, admin_user,
                                                         django_assert_max_num_queries):
    Vendor.objects.bulk_create([
        Vendor(organization=org, legal_name=f"Bulk {n:04d} LLC", owner=owner,
               compliance_status="non_compliant") for n in range(3000)])
    ids = list(Vendor.objects.values_list("pk", flat=True))
    with django_assert_max_num_queries(15):
        written = publish_status_changes(org, {"non_compliant": ids})
    assert written == 1
    note = Notification.objects.get()
    assert note.title == "3,000 vendors became non-compliant"


def test_inactive_vendors_are_not_told_about(org, owner):
    vendor = factories.vendor(org, "Dormant LLC", owner=owner, status="inactive",
                              compliance_status="expired")
    assert publish_status_changes(org, {"expired": [vendor.pk]}) == 0
