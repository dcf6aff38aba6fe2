"""The bell, the notification list and marking read: always the user's own, in the active org."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coitrack.accounts.access import SESSION_KEY
from coitrack.accounts.models import Membership, Role
from coitrack.notifications.context_processors import notifications
from coitrack.notifications.models import Notification

LIST = reverse("notifications:list")


def _activate(client, org) -> None:
    """Make ``org`` the client's active organization (the first by name is the default)."""
    session = client.session
    session[SESSION_KEY] = org.pk
    session.save()


def _note(org, user, title="Certificate #1 needs review", *, read=False, url="/certificates/1/",
          minutes_ago=0):
    note = Notification.objects.create(
        organization=org, user=user, kind="certificate_flagged", title=title,
        body="The named insured differs.", url=url,
        read_at=timezone.now() if read else None,
    )
    Notification.objects.filter(pk=note.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=minutes_ago))
    return note


def test_the_bell_shows_the_unread_count_on_every_page(org, reviewer_user, reviewer_client):
    for n in range(3):
        _note(org, reviewer_user, f"Note {n}")
    _note(org, reviewer_user, "Already read", read=True)
    page = reviewer_client.get(reverse("dashboard")).content.decode()
    assert 'class="bell-count" aria-hidden="true">3</span>' in page
    assert "Notifications, 3 unread" in page


def test_the_bell_has_no_count_when_all_is_read(org, reviewer_user, reviewer_client):
    _note(org, reviewer_user, read=True)
    page = reviewer_client.get(reverse("dashboard")).content.decode()
    assert 'class="bell"' in page
    assert "bell-count" not in page


def test_the_bell_costs_one_query(org, reviewer_user, django_assert_num_queries):
    _note(org, reviewer_user)

    class Request:
        membership = Membership.objects.select_related("organization").get(user=reviewer_user)
        user = reviewer_user

    count = notifications(Request())["unread_notifications"]
    with django_assert_num_queries(1):
        assert count() == 1
        assert count() == 1  # counted once per request


def test_the_list_is_newest_first_with_unread_highlighted(org, reviewer_user, reviewer_client):
    _note(org, reviewer_user, "Older, read", read=True, minutes_ago=60)
    _note(org, reviewer_user, "Newer, unread", minutes_ago=1)
    page = reviewer_client.get(LIST).content.decode()
    assert page.index("Newer, unread") < page.index("Older, read")
    assert page.count('class="panel is-unread"') == 1
    assert "1 unread" in page


def test_the_list_shows_only_my_notifications_of_the_active_organization(
    org, other_org, reviewer_user, admin_user, reviewer_client
):
    _note(org, reviewer_user, "Mine here")
    _note(org, admin_user, "Alice's")
    Membership.objects.create(user=reviewer_user, organization=other_org, role=Role.ADMIN)
    _note(other_org, reviewer_user, "Mine elsewhere")
    _activate(reviewer_client, org)
    page = reviewer_client.get(LIST).content.decode()
    assert "Mine here" in page
    assert "Alice&#x27;s" not in page and "Alice's" not in page
    assert "Mine elsewhere" not in page
    _activate(reviewer_client, other_org)
    page = reviewer_client.get(LIST).content.decode()
    assert "Mine elsewhere" in page and "Mine here" not in page


def test_mark_one_read(org, reviewer_user, reviewer_client):
    note = _note(org, reviewer_user)
    response = reviewer_client.post(reverse("notifications:read", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == LIST
    note.refresh_from_db()
    assert note.read_at is not None


def test_opening_a_notification_marks_it_read_and_goes_there(org, reviewer_user,
                                                             reviewer_client):
    note = _note(org, reviewer_user, url="/certificates/42/")
    response = reviewer_client.post(reverse("notifications:read", args=[note.pk]), {"open": "1"})
    assert response["Location"] == "/certificates/42/"
    note.refresh_from_db()
    assert note.is_read


def test_opening_never_redirects_off_site(org, reviewer_user, reviewer_client):
    note = _note(org, reviewer_user, url="https://evil.example.com/")
    response = reviewer_client.post(reverse("notifications:read", args=[note.pk]), {"open": "1"})
    assert response["Location"] == LIST


def test_mark_all_read_touches_only_mine_in_this_organization(
    org, other_org, reviewer_user, admin_user, reviewer_client
):
    mine = [_note(org, reviewer_user) for _ in range(2)]
    alices = _note(org, admin_user)
    Membership.objects.create(user=reviewer_user, organization=other_org, role=Role.ADMIN)
    elsewhere = _note(other_org, reviewer_user)
    _activate(reviewer_client, org)
    response = reviewer_client.post(reverse("notifications:read_all"), follow=True)
    assert "2 notifications marked as read." in response.content.decode()
    assert all(Notification.objects.get(pk=n.pk).is_read for n in mine)
    assert not Notification.objects.get(pk=alices.pk).is_read
    assert not Notification.objects.get(pk=elsewhere.pk).is_read


def test_someone_elses_notification_is_not_found(org, admin_user, reviewer_client):
    alices = _note(org, admin_user)
    response = reviewer_client.post(reverse("notifications:read", args=[alices.pk]))
    assert response.status_code == 404
    assert not Notification.objects.get(pk=alices.pk).is_read


def test_marking_read_needs_a_post(org, reviewer_user, reviewer_client):
    note = _note(org, reviewer_user)
    assert reviewer_client.get(reverse("notifications:read", args=[note.pk])).status_code == 405
    assert reviewer_client.get(reverse("notifications:read_all")).status_code == 405
    assert not Notification.objects.get(pk=note.pk).is_read


def test_a_viewer_marks_their_own_notifications_read(org, viewer_user, viewer_client):
    # Owners of vendors may be viewers; reading one's own notifications changes no shared data.
    note = _note(org, viewer_user)
    assert viewer_client.post(reverse("notifications:read", args=[note.pk])).status_code == 302
    assert Notification.objects.get(pk=note.pk).is_read


@pytest.mark.parametrize("url", [LIST, reverse("notifications:read_all")])
def test_signed_out_visitors_are_sent_to_sign_in(db, url):
    response = Client().post(url) if "read" in url else Client().get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_empty_list_says_so(reviewer_client):
    assert "No notifications yet." in reviewer_client.get(LIST).content.decode()


def test_the_list_pages_by_thirty(org, reviewer_user, reviewer_client):
    for n in range(31):
        _note(org, reviewer_user, f"Note {n:02d}", minutes_ago=n)
    first = reviewer_client.get(LIST).content.decode()
    assert "Page 1 of 2" in first and "Note 00" in first and "Note 30" not in first
    second = reviewer_client.get(LIST, {"page": 2}).content.decode()
    assert "Note 30" in second


def test_the_list_filters_unread_and_kind(org, reviewer_user, reviewer_client):
    _note(org, reviewer_user, "Flag, unread")
    _note(org, reviewer_user, "Flag, read", read=True)
    Notification.objects.create(organization=org, user=reviewer_user, kind="vendor_expired",
                                title="Summit expired")
    unread = reviewer_client.get(LIST, {"show": "unread"}).content.decode()
    assert "Flag, unread" in unread and "Summit expired" in unread
    assert "Flag, read" not in unread
    expired = reviewer_client.get(LIST, {"kind": "vendor_expired"}).content.decode()
    assert "Summit expired" in expired and "Flag, unread" not in expired
    assert "Vendor expired" in expired  # the kind's label


def test_mark_all_read_of_a_filtered_kind_leaves_the_others(org, reviewer_user, reviewer_client):
    flag = _note(org, reviewer_user)
    expired = Notification.objects.create(organization=org, user=reviewer_user,
                                          kind="vendor_expired", title="Summit expired")
    response = reviewer_client.post(reverse("notifications:read_all"),
                                    {"kind": "vendor_expired"})
    assert response["Location"] == f"{LIST}?kind=vendor_expired"
    assert Notification.objects.get(pk=expired.pk).is_read
    assert not Notification.objects.get(pk=flag.pk).is_read


def test_an_unknown_filter_is_ignored(org, reviewer_user, reviewer_client):
    _note(org, reviewer_user, "Still shown")
    assert "Still shown" in reviewer_client.get(LIST, {"kind": "<x>"}).content.decode()


def test_a_notification_links_to_its_vendor(org, reviewer_user, reviewer_client):
    from coitrack.testing import factories

    vendor = factories.vendor(org, "Summit Roofing LLC")
    Notification.objects.create(organization=org, user=reviewer_user, kind="vendor_expired",
                                title="Summit expired", vendor=vendor)
    page = reviewer_client.get(LIST).content.decode()
    assert f'href="/vendors/{vendor.pk}/">Summit Roofing LLC</a>' in page


def test_a_filter_with_no_match_says_so(reviewer_client):
    page = reviewer_client.get(LIST, {"show": "unread"}).content.decode()
    assert "No notification matches these filters." in page
