"""The Settings page: organization name and time zone, edited by admins only and audited."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from coitrack.accounts import services
from coitrack.accounts.models import Organization
from coitrack.audit.models import Action, Event


def _post(client, **data):
    return client.post(reverse("organization_update"),
                       {"name": "Harbor Point", "time_zone": "America/Chicago", **data})


def test_admin_renames_organization_and_changes_time_zone(admin_client, org):
    response = _post(admin_client)
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.name, org.time_zone) == ("Harbor Point", "America/Chicago")


def test_settings_change_is_audited_with_before_and_after(admin_client, admin_user, org):
    _post(admin_client)
    event = Event.objects.get(organization=org, object_type="organization")
    assert event.action == Action.UPDATE
    assert event.actor == admin_user
    assert event.changes == {
        "name": ["Harbor Point Properties", "Harbor Point"],
        "time_zone": ["UTC", "America/Chicago"],
    }


def test_saving_unchanged_settings_writes_no_event(admin_client, org):
    _post(admin_client, name=org.name, time_zone=org.time_zone)
    assert not Event.objects.filter(organization=org).exists()


def test_unknown_time_zone_is_refused_and_nothing_changes(admin_client, org):
    response = _post(admin_client, time_zone="Mars/Base")
    assert response.status_code == 400
    assert b"Mars/Base" in response.content
    org.refresh_from_db()
    assert org.time_zone == "UTC"


def test_blank_name_is_refused(admin_client, org):
    assert _post(admin_client, name="   ").status_code == 400
    assert Organization.objects.get(pk=org.pk).name == "Harbor Point Properties"


@pytest.mark.parametrize("client_fixture", ["viewer_client", "reviewer_client"])
def test_non_admins_cannot_change_settings(request, client_fixture, org):
    client = request.getfixturevalue(client_fixture)
    assert _post(client).status_code == 403
    org.refresh_from_db()
    assert org.name == "Harbor Point Properties"


def test_non_admins_see_settings_read_only(viewer_client):
    response = viewer_client.get(reverse("settings"))
    assert response.status_code == 200
    assert b'action="/settings/organization/"' not in response.content
    assert b"Only admins change these settings" in response.content


def test_settings_page_links_to_members_and_invitations(admin_client):
    content = admin_client.get(reverse("settings")).content.decode()
    assert reverse("members") in content
    assert reverse("invitations") in content


def test_settings_page_shows_recent_changes(admin_client):
    _post(admin_client)
    response = admin_client.get(reverse("settings"))
    assert b"America/Chicago" in response.content
    assert b'class="timeline"' in response.content


def test_pages_show_times_in_the_organization_time_zone(admin_client, admin_user, org):
    with time_machine.travel(dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC), tick=False):
        services.update_organization(  # the event is stamped 23:30 UTC
            organization=org, actor=admin_user, name=org.name, time_zone="Asia/Tokyo"
        )
    response = admin_client.get(reverse("settings"))
    assert b"Mar 2, 2026 08:30" in response.content  # 23:30 UTC is 08:30 next day in Tokyo
    assert timezone.get_current_timezone_name() == "UTC"  # reset after the request
