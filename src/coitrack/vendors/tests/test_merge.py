"""Merging a duplicate vendor into the survivor: everything moves, in one transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coitrack.audit.models import Action, Event
from coitrack.audit.services import record
from coitrack.certificates.models import Certificate, Policy
from coitrack.testing import factories
from coitrack.vendors import services
from coitrack.vendors.models import Contact, Tag, Vendor, VendorProject, VendorStatus

from .conftest import events_of


@pytest.fixture
def pair(org):
    """A survivor and a duplicate, each with certificates, contacts, projects and tags."""
    survivor = factories.vendor(org, "Acme Roofing LLC", city="", tax_id="")
    duplicate = factories.vendor(org, "ACME Roofing", tax_id="12-3456789", dba="Acme",
                                 address_line1="1 Main St", city="Springfield", state="IL")
    factories.certificate(survivor, expiration=dt.date(2027, 3, 1))
    factories.certificate(duplicate, expiration=dt.date(2026, 12, 1))
    factories.certificate(duplicate, expiration=dt.date(2027, 5, 1))
    factories.contact(survivor, name="Sam", is_primary=True)
    factories.contact(duplicate, name="Dan", is_primary=True)
    factories.contact(duplicate, name="Ann Agent", role="agent", is_primary=True)
    shared, only_dup = factories.project(org, "Shared"), factories.project(org, "Only dup")
    VendorProject.objects.create(vendor=survivor, project=shared)
    VendorProject.objects.create(vendor=duplicate, project=shared)
    VendorProject.objects.create(vendor=duplicate, project=only_dup)
    duplicate.tags.add(Tag.objects.create(organization=org, name="union"))
    return survivor, duplicate


def merge(org, actor, survivor, duplicate):
    return services.merge_vendors(organization=org, actor=actor, survivor=survivor,
                                  duplicate=duplicate)


def test_merge_moves_certificates_and_policies(org, admin_user, pair):
    survivor, duplicate = pair
    merge(org, admin_user, survivor, duplicate)
    assert Certificate.objects.filter(vendor=survivor).count() == 3
    assert Policy.objects.filter(vendor=survivor).count() == 3
    assert not Certificate.objects.filter(vendor=duplicate).exists()
    assert not Policy.objects.filter(vendor=duplicate).exists()


def test_merge_refreshes_the_survivors_summary(org, admin_user, pair):
    survivor, duplicate = pair
    merge(org, admin_user, survivor, duplicate)
    survivor.refresh_from_db()
    duplicate.refresh_from_db()
    assert survivor.certificate_count == 3
    assert survivor.next_expiration == dt.date(2026, 12, 1)
    assert (duplicate.certificate_count, duplicate.next_expiration) == (0, None)


def test_merge_moves_contacts_and_the_survivors_primary_wins(org, admin_user, pair):
    survivor, duplicate = pair
    merge(org, admin_user, survivor, duplicate)
    contacts = {c.name: c for c in Contact.objects.filter(vendor=survivor)}
    assert set(contacts) == {"Sam", "Dan", "Ann Agent"}
    assert contacts["Sam"].is_primary and not contacts["Dan"].is_primary
    assert contacts["Ann Agent"].is_primary  # the survivor had no primary agent


def test_merge_moves_projects_skipping_repeats_and_tags(org, admin_user, pair):
    survivor, duplicate = pair
    merge(org, admin_user, survivor, duplicate)
    assert sorted(p.name for p in survivor.projects.all()) == ["Only dup", "Shared"]
    assert not VendorProject.objects.filter(vendor=duplicate).exists()
    assert [t.name for t in survivor.tags.all()] == ["union"]
    assert not duplicate.tags.exists()


def test_merge_fills_only_the_survivors_empty_fields(org, admin_user, pair):
    survivor, duplicate = pair
    merge(org, admin_user, survivor, duplicate)
    survivor.refresh_from_db()
    assert survivor.legal_name == "Acme Roofing LLC"
    assert survivor.tax_id == "12-3456789"
    assert survivor.dba == "Acme"
    assert survivor.address == "1 Main St, Springfield, IL"


def test_merge_does_not_mix_two_addresses(org, admin_user):
    survivor = factories.vendor(org, "Keep", city="Chicago")
    duplicate = factories.vendor(org, "Dup", address_line1="1 Main St", city="Springfield")
    merge(org, admin_user, survivor, duplicate)
    survivor.refresh_from_db()
    assert survivor.address == "Chicago"


def test_merge_marks_the_duplicate_inactive_and_merged(org, admin_user, pair):
    survivor, duplicate = pair
    merge(org, admin_user, survivor, duplicate)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor
    assert duplicate.status == VendorStatus.INACTIVE


def test_merge_records_an_event_on_both_vendors(org, admin_user, pair):
    survivor, duplicate = pair
    merge(org, admin_user, survivor, duplicate)
    [on_survivor] = events_of(survivor, Action.MERGE)
    [on_duplicate] = events_of(duplicate, Action.MERGE)
    assert on_survivor.vendor_id == survivor.pk
    assert "2 certificate(s)" in on_survivor.note
    assert on_survivor.changes["tax_id"] == ["", "12-3456789"]
    assert on_duplicate.vendor_id == duplicate.pk
    assert on_duplicate.changes["merged_into"] == [None, "Acme Roofing LLC"]


def test_merge_is_atomic(org, admin_user, pair, monkeypatch):
    survivor, duplicate = pair

    def fail(vendor):
        raise RuntimeError("disk full")

    monkeypatch.setattr("coitrack.vendors.services.merge.refresh_vendor_summary", fail)
    with pytest.raises(RuntimeError):
        merge(org, admin_user, survivor, duplicate)
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert duplicate.status == VendorStatus.ACTIVE
    assert Certificate.objects.filter(vendor=duplicate).count() == 2
    assert Contact.objects.filter(vendor=duplicate).count() == 2
    assert duplicate.tags.count() == 1
    assert not Event.objects.filter(action=Action.MERGE).exists()


def test_merge_refuses_a_vendor_with_itself(org, admin_user, pair):
    survivor, _ = pair
    with pytest.raises(ValidationError, match="itself"):
        merge(org, admin_user, survivor, survivor)
    survivor.refresh_from_db()
    assert survivor.merged_into is None


def test_merge_refuses_another_organizations_vendor(org, other_org, admin_user, pair):
    survivor, _ = pair
    foreign = factories.vendor(other_org, "Foreign LLC")
    factories.certificate(foreign)
    with pytest.raises(ValidationError):
        merge(org, admin_user, survivor, foreign)
    foreign.refresh_from_db()
    assert foreign.merged_into is None
    assert Certificate.objects.filter(vendor=foreign).count() == 1


def test_merge_refuses_an_already_merged_vendor(org, admin_user, pair):
    survivor, duplicate = pair
    merge(org, admin_user, survivor, duplicate)
    third = factories.vendor(org, "Third")
    with pytest.raises(ValidationError, match="already merged"):
        merge(org, admin_user, third, duplicate)


def test_vendors_merged_earlier_follow_to_the_new_survivor(org, admin_user):
    a, b, c = (factories.vendor(org, n) for n in ("A", "B", "C"))
    merge(org, admin_user, b, a)
    merge(org, admin_user, c, b)
    a.refresh_from_db()
    assert a.merged_into == c


# Through the screens


def test_merge_page_searches_other_vendors_of_the_organization(reviewer_client, org,
                                                               other_org, pair):
    survivor, duplicate = pair
    factories.vendor(other_org, "Acme Foreign")
    response = reviewer_client.get(reverse("vendors:merge", args=[survivor.pk]), {"q": "acme"})
    assert [v.pk for v in response.context["candidates"]] == [duplicate.pk]


def test_merge_confirmation_lists_what_moves(reviewer_client, pair):
    survivor, duplicate = pair
    response = reviewer_client.get(reverse("vendors:merge", args=[survivor.pk]),
                                   {"duplicate": duplicate.pk})
    plan = response.context["plan"]
    assert (plan.certificates, plan.contacts, plan.projects, plan.projects_skipped) == (
        2, 2, ["Only dup"], ["Shared"])
    content = response.content.decode()
    assert 'name="duplicate"' in content and "Only dup" in content
    assert "Tax ID:</span> 12-3456789" in content
    assert Vendor.objects.get(pk=duplicate.pk).merged_into is None  # nothing changed yet


def test_merge_post_merges_and_the_old_page_redirects(reviewer_client, pair):
    survivor, duplicate = pair
    response = reviewer_client.post(reverse("vendors:merge", args=[survivor.pk]),
                                    {"duplicate": duplicate.pk})
    assert response.status_code == 302
    old = reviewer_client.get(reverse("vendors:detail", args=[duplicate.pk]))
    assert old.status_code == 302
    assert old["Location"] == reverse("vendors:detail", args=[survivor.pk])


def test_survivor_page_shows_the_duplicates_history(reviewer_client, org, admin_user, pair):
    survivor, duplicate = pair
    record(organization=org, actor=admin_user, action=Action.UPDATE, obj=duplicate,
           note="an old change of the duplicate", vendor_id=duplicate.pk)
    merge(org, admin_user, survivor, duplicate)
    content = reviewer_client.get(reverse("vendors:detail", args=[survivor.pk])).content.decode()
    assert "an old change of the duplicate" in content


@pytest.mark.parametrize("which", ["self", "other_org", "missing", "garbage"])
def test_merge_post_with_a_bad_duplicate_shows_an_error_and_changes_nothing(
    reviewer_client, other_org, pair, which
):
    survivor, _ = pair
    value = {"self": survivor.pk, "other_org": factories.vendor(other_org, "Foreign").pk,
             "missing": 999999, "garbage": "abc"}[which]
    before = Event.objects.count()
    response = reviewer_client.post(reverse("vendors:merge", args=[survivor.pk]),
                                    {"duplicate": value})
    assert response.status_code == 400
    assert response.context["error"]
    assert Event.objects.count() == before
    assert not Vendor.objects.filter(merged_into__isnull=False).exists()
