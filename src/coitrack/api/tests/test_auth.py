"""Who may call the API: tokens, scopes, revocation, expiry, rate limit, the error shape."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coitrack.api import services
from coitrack.api.models import ApiToken
from coitrack.api.tests.helpers import ApiClient, assert_error, token_for
from coitrack.audit.models import Event
from coitrack.testing import factories
from coitrack.vendors.models import Vendor


def test_no_token_is_refused_with_the_error_shape(db):
    error = assert_error(ApiClient(None).get("/vendors"), 401, "unauthorized")
    assert "Bearer" in error["message"]


def test_unknown_token_is_refused(org):
    response = ApiClient("coi_not-a-real-token").get("/vendors")
    assert_error(response, 401, "unauthorized")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_session_login_is_not_enough(admin_client):
    assert_error(admin_client.get("/api/vendors"), 401, "unauthorized")


def test_revoked_token_stops_working_at_once(org, admin_user):
    created = services.create_token(organization=org, actor=admin_user, name="CI",
                                    scope="read")
    client = ApiClient(created.token)
    assert client.get("/vendors").status_code == 200
    services.revoke_token(organization=org, actor=admin_user, api_token=created.api_token)
    assert_error(client.get("/vendors"), 401, "unauthorized")


def test_expired_token_is_refused(org, admin_user):
    created = services.create_token(organization=org, actor=admin_user, name="Old",
                                    scope="read",
                                    expires_at=timezone.now() + dt.timedelta(days=1))
    ApiToken.objects.filter(pk=created.api_token.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert_error(ApiClient(created.token).get("/vendors"), 401, "unauthorized")


def test_only_the_hash_of_a_token_is_stored(org):
    token = token_for(org)
    row = ApiToken.objects.get(organization=org)
    assert token not in {row.token_hash, row.prefix}
    assert token.startswith(row.prefix)


def test_read_token_reads_but_cannot_write(org, read_api):
    vendor = factories.vendor(org, "Acme Roofing LLC")
    assert read_api.get(f"/vendors/{vendor.pk}").status_code == 200
    assert_error(read_api.post("/vendors", {"legal_name": "New LLC"}), 403, "forbidden")
    assert_error(read_api.patch(f"/vendors/{vendor.pk}", {"dba": "X"}), 403, "forbidden")
    assert not Vendor.objects.filter(legal_name="New LLC").exists()
    assert Vendor.objects.get(pk=vendor.pk).dba == ""


def test_use_is_recorded_at_most_once_a_minute(org, api):
    api.get("/vendors")
    first = ApiToken.objects.get(organization=org).last_used_at
    assert first is not None
    api.get("/vendors")
    assert ApiToken.objects.get(organization=org).last_used_at == first


def test_too_many_requests_get_429_with_retry_after(org, api, settings):
    settings.API_RATE_PER_MINUTE = 3
    for _ in range(3):
        assert api.get("/vendors").status_code == 200
    response = api.get("/vendors")
    assert_error(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 61


def test_rate_limit_is_per_token(org, api, settings):
    settings.API_RATE_PER_MINUTE = 1
    assert api.get("/vendors").status_code == 200
    assert api.get("/vendors").status_code == 429
    assert ApiClient(token_for(org, name="Other")).get("/vendors").status_code == 200


def test_changes_are_audited_under_the_tokens_name(org, api):
    response = api.post("/vendors", {"legal_name": "Audited LLC"})
    assert response.status_code == 201
    event = Event.objects.get(vendor_id=response.json()["id"], action="create")
    assert event.actor_label == "API token “Test program”"


@pytest.mark.parametrize("body", ["{not json", "[1, 2"])
def test_a_body_that_is_not_json_is_a_400(api, body):
    response = api.client.post("/api/vendors", body, content_type="application/json",
                               headers=api.headers)
    assert_error(response, 400, "bad_request")


def test_invalid_values_are_a_422_naming_the_field(api):
    error = assert_error(api.post("/vendors", {"legal_name": ""}), 422, "validation_error")
    assert any(d["field"] == "legal_name" for d in error["details"])


def test_the_docs_and_schema_are_served_without_a_cdn(client):
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    assert "/api/vendors" in schema.json()["paths"]
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    script = client.get("/static/ninja/swagger-ui-bundle.js")  # served from the wheel
    assert script.status_code == 200


def test_every_operation_documents_every_error_status():
    from coitrack.api.main import api

    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            documented = {str(status) for status in operation["responses"]}
            assert {"400", "401", "403", "404", "409", "422", "429"} <= documented, (
                method, path)
