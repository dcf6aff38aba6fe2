"""publish(): who is told (by their channel and scope), one row each, transports recorded."""

from __future__ import annotations

import pytest
from django.db import transaction

from coitrack.accounts.models import Role
from coitrack.notifications import events
from coitrack.notifications.models import Delivery, Notification
from coitrack.notifications.services import publish
from coitrack.notifications.services.preferences import PreferenceError, save_preferences
from coitrack.notifications.tests.helpers import choose
from coitrack.outreach.models import Audience, OutboxMessage
from coitrack.testing import factories

TITLE = "Certificate #7 of Summit Roofing LLC needs review"


@pytest.fixture
def owner(org):
    return factories.user("olga", org=org, role=Role.VIEWER)


@pytest.fixture
def vendor(org, owner):
    return factories.vendor(org, "Summit Roofing LLC", owner=owner)


def _needs_review(org, vendor, **overrides):
    values = {"vendor": vendor, "title": TITLE, "body": "The named insured differs.",
              "url": "/certificates/7/"}
    return publish(events.CERTIFICATE_NEEDS_REVIEW, org, **{**values, **overrides})


def _told(kind=None):
    rows = Notification.objects.all() if kind is None else Notification.objects.filter(kind=kind)
    return sorted(rows.values_list("user__username", flat=True))


def test_by_default_the_owner_and_the_reviewers_hear_of_a_certificate_to_review(
        org, vendor, owner, admin_user, reviewer_user, viewer_user):
    _needs_review(org, vendor)
    assert _told() == ["alice", "olga", "rita"]  # the viewer owns nothing here


def test_by_default_only_the_owner_hears_that_a_vendor_became_non_compliant(
        org, vendor, admin_user, reviewer_user):
    publish(events.VENDOR_NON_COMPLIANT, org, vendor=vendor, title="Summit became non-compliant")
    assert _told() == ["olga"]


def test_an_email_choice_writes_a_row_and_queues_one_staff_email_through_the_outbox(
        org, vendor, owner):
    [row] = _needs_review(org, vendor)
    message = OutboxMessage.objects.get()
    assert (message.to, message.audience, message.vendor_id) == (
        [owner.email], Audience.STAFF, None)  # not part of the vendor's conversation
    assert message.dedupe_key == f"notification:{row.pk}:email"
    assert row.channel == events.EMAIL and row.read_at is None


def test_each_transport_records_its_attempt(org, vendor):
    [row] = _needs_review(org, vendor)
    deliveries = {d.transport: d for d in row.deliveries.all()}
    assert set(deliveries) == {"in_app", "email"}
    assert deliveries["in_app"].state == "delivered"
    assert deliveries["email"].state == "queued"
    assert deliveries["email"].message == OutboxMessage.objects.get()


def test_in_app_only_writes_no_email(org, vendor, owner):
    choose(owner, org, events.CERTIFICATE_NEEDS_REVIEW, events.IN_APP)
    [row] = _needs_review(org, vendor)
    assert not OutboxMessage.objects.exists()
    assert [d.transport for d in row.deliveries.all()] == ["in_app"]


def test_digest_only_is_listed_born_read_and_waits_for_the_digest(org, vendor, owner):
    choose(owner, org, events.CERTIFICATE_NEEDS_REVIEW, events.DIGEST)
    [row] = _needs_review(org, vendor)
    assert row.channel == events.DIGEST and row.is_read  # no bell
    assert not OutboxMessage.objects.exists() and not row.deliveries.exists()


def test_off_tells_nothing(org, vendor, owner):
    choose(owner, org, events.CERTIFICATE_NEEDS_REVIEW, events.OFF)
    assert _needs_review(org, vendor) == []
    assert not Notification.objects.exists() and not OutboxMessage.objects.exists()


def test_my_vendors_only_leaves_out_vendors_of_others(org, vendor, reviewer_user):
    choose(reviewer_user, org, events.CERTIFICATE_NEEDS_REVIEW, events.EMAIL, events.MINE)
    _needs_review(org, vendor)
    assert "rita" not in _told()
    _needs_review(org, factories.vendor(org, "Rita's Own LLC", owner=reviewer_user))
    assert _told().count("rita") == 1


def test_all_vendors_brings_in_events_of_vendors_one_does_not_own(org, vendor, reviewer_user):
    choose(reviewer_user, org, events.VENDOR_EXPIRED, events.IN_APP, events.ALL)
    publish(events.VENDOR_EXPIRED, org, vendor=vendor, title="Summit expired")
    assert _told() == ["olga", "rita"]


def test_a_viewer_cannot_follow_every_vendors_certificates_to_review(org, viewer_user):
    from coitrack.accounts.models import Membership

    membership = Membership.objects.get(user=viewer_user)
    with pytest.raises(PreferenceError, match="only for the vendors you own"):
        save_preferences(membership=membership, frequency="daily", hour=7, weekday=0, choices={
            events.CERTIFICATE_NEEDS_REVIEW: events.Choice(events.EMAIL, events.ALL)})
    assert not membership.notification_preferences.exists()


def test_a_stored_all_scope_of_a_viewer_still_means_own_vendors(org, vendor, viewer_user):
    choose(viewer_user, org, events.CERTIFICATE_NEEDS_REVIEW, events.EMAIL, events.ALL)
    _needs_review(org, vendor)
    assert "victor" not in _told()


def test_events_without_a_vendor_go_to_the_roles_concerned(org, admin_user, reviewer_user,
                                                           viewer_user):
    publish(events.INBOUND_UNMATCHED, org, title="An e-mail needs a vendor")
    assert _told() == ["alice", "rita"]


def test_people_outside_the_organization_and_inactive_members_are_not_told(
        org, other_org, vendor, reviewer_user):
    outsider = factories.user("mallory", org=other_org, role=Role.ADMIN)
    reviewer_user.is_active = False
    reviewer_user.save()
    _needs_review(org, vendor)
    assert _told() == ["olga"]
    assert not Notification.objects.filter(user=outsider).exists()


def test_a_rolled_back_change_tells_nobody(org, vendor):
    with pytest.raises(RuntimeError), transaction.atomic():
        _needs_review(org, vendor)
        raise RuntimeError("the change failed")
    assert not Notification.objects.exists() and not OutboxMessage.objects.exists()


def test_a_member_without_an_address_gets_the_row_and_a_skipped_email(org, vendor, owner):
    owner.email = ""
    owner.save()
    [row] = _needs_review(org, vendor)
    email = row.deliveries.get(transport=Delivery.Transport.EMAIL)
    assert email.state == "skipped" and "no e-mail address" in email.error
    assert not OutboxMessage.objects.exists()


def test_an_unknown_kind_is_a_programming_error(org, vendor):
    with pytest.raises(KeyError, match="unknown notification kind"):
        publish("made_up", org, vendor=vendor, title="?")


def test_the_mail_has_text_and_html_with_absolute_links(settings, org, vendor):
    settings.PUBLIC_URL = "https://coi.example.org"
    _needs_review(org, vendor)
    message = OutboxMessage.objects.get()
    assert message.subject == f"{TITLE} · Harbor Point Properties"
    assert "The named insured differs." in message.text_body
    assert "Open it in coitrack: https://coi.example.org/certificates/7/" in message.text_body
    assert "https://coi.example.org/notifications/settings/" in message.text_body
    assert 'href="https://coi.example.org/certificates/7/"' in message.html_body


def test_html_escapes_what_it_shows(org, vendor):
    _needs_review(org, vendor, title="<b>x</b>", body="<script>alert(1)</script>")
    html = OutboxMessage.objects.get().html_body
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_vendors_file_name_never_becomes_a_portal_link_in_a_staff_email(org, vendor):
    _needs_review(org, vendor, body=f"Sent {OutboxMessage.PORTAL_LINK_MARK}.pdf")
    message = OutboxMessage.objects.get()
    assert OutboxMessage.PORTAL_LINK_MARK not in message.text_body + message.html_body


def test_preferences_are_per_organization(org, other_org, vendor, owner):
    factories.user("olga2", org=other_org)  # unrelated member elsewhere
    from coitrack.accounts.models import Membership

    Membership.objects.create(user=owner, organization=other_org, role=Role.ADMIN)
    choose(owner, other_org, events.CERTIFICATE_NEEDS_REVIEW, events.OFF)
    _needs_review(org, vendor)
    assert "olga" in _told()
