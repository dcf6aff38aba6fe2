"""Settings > Notifications: every member edits their own choices, with their role's defaults
shown until they choose; bad input changes nothing."""

from __future__ import annotations

from django.urls import reverse

from coitrack.accounts.models import Membership
from coitrack.notifications import events
from coitrack.notifications.models import DigestSettings, NotificationPreference

URL = reverse("notifications:preferences")


def _form(**overrides) -> dict:
    data = {f"channel_{k}": "email" for k in events.KINDS}
    data.update({f"scope_{k}": "mine" for k in events.KINDS})
    data.update({"frequency": "daily", "hour": "7", "weekday": "0"})
    data.update(overrides)
    return data


def test_the_page_shows_the_roles_defaults(reviewer_client):
    page = reviewer_client.get(URL).content.decode()
    assert "Certificate needs review" in page and "(default)" in page
    assert '<option value="email" selected>' in page
    assert 'name="scope_certificate_needs_review"' in page  # reviewers may follow all


def test_a_viewer_sees_no_scope_for_what_only_reviewers_follow_everywhere(viewer_client):
    page = viewer_client.get(URL).content.decode()
    assert 'name="scope_certificate_needs_review"' not in page
    assert "E-mail needs a vendor" not in page  # not a viewer's business


def test_saving_stores_each_choice_and_the_digest_rhythm(reviewer_client, reviewer_user):
    response = reviewer_client.post(URL, _form(**{
        "channel_vendor_expired": "digest", "scope_vendor_expired": "all",
        "frequency": "weekly", "hour": "16", "weekday": "4"}))
    assert response.status_code == 302
    membership = Membership.objects.get(user=reviewer_user)
    stored = NotificationPreference.objects.get(membership=membership, kind="vendor_expired")
    assert (stored.channel, stored.scope) == ("digest", "all")
    rhythm = DigestSettings.objects.get(membership=membership)
    assert (rhythm.frequency, rhythm.hour, rhythm.weekday) == ("weekly", 16, 4)
    assert "Your notification settings were saved." in reviewer_client.get(URL).content.decode()


def test_a_viewer_saves_their_own_preferences(viewer_client, viewer_user):
    response = viewer_client.post(URL, _form(channel_portal_upload="off"))
    assert response.status_code == 302
    stored = NotificationPreference.objects.get(membership__user=viewer_user,
                                                kind="portal_upload")
    assert stored.channel == "off"
    needs_review = NotificationPreference.objects.get(membership__user=viewer_user,
                                                      kind="certificate_needs_review")
    assert needs_review.scope == "mine"  # a forged "all" is not a field for a viewer


def test_bad_input_gets_a_message_and_changes_nothing(reviewer_client):
    response = reviewer_client.post(URL, _form(channel_vendor_expired="loudly", hour="25"))
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert not NotificationPreference.objects.exists()
    assert not DigestSettings.objects.exists()


def test_the_settings_tabs_link_the_page(reviewer_client):
    page = reviewer_client.get(reverse("settings")).content.decode()
    assert f'href="{URL}"' in page
