"""Settings > API tokens: admins create (shown once), list and revoke tokens; audited."""

from __future__ import annotations

import re

from coitrack.api.models import ApiToken
from coitrack.api.tests.helpers import ApiClient
from coitrack.audit.models import Event


def create(client, **data):
    return client.post("/settings/api-tokens/new/",
                       {"name": "Nightly sync", "scope": "read", "expires": "", **data})


def test_admin_creates_a_token_that_is_shown_once_and_works(org, admin_client):
    response = create(admin_client)
    assert response.status_code == 200
    token = re.search(r"coi_[A-Za-z0-9_-]{40,}", response.content.decode()).group(0)
    assert ApiClient(token).get("/vendors").status_code == 200
    listing = admin_client.get("/settings/api-tokens/").content.decode()
    assert "Nightly sync" in listing
    assert token not in listing
    assert Event.objects.filter(object_type="apitoken", action="create").exists()


def test_a_token_with_an_expiry(org, admin_client):
    create(admin_client, expires="30")
    assert ApiToken.objects.get().expires_at is not None


def test_an_empty_name_is_refused(org, admin_client):
    response = create(admin_client, name=" ")
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_admin_revokes_a_token(org, admin_client):
    create(admin_client)
    api_token = ApiToken.objects.get()
    response = admin_client.post(f"/settings/api-tokens/{api_token.pk}/revoke/")
    assert response.status_code == 302
    assert ApiToken.objects.get().revoked_at is not None
    assert Event.objects.filter(object_type="apitoken", action="status").exists()


def test_reviewers_cannot_see_or_create_tokens(org, reviewer_client):
    assert reviewer_client.get("/settings/api-tokens/").status_code == 403
    assert create(reviewer_client).status_code == 403
    assert not ApiToken.objects.exists()


def test_settings_tabs_link_api_tokens_for_admins(org, admin_client):
    assert b"/settings/api-tokens/" in admin_client.get("/settings/members/").content
