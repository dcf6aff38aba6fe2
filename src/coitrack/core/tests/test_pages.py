"""The shell of the app: sign-in, navigation and the placeholders answer."""

import pytest
from django.urls import reverse


def test_anonymous_visitor_is_sent_to_login(client, db):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "name", ["dashboard", "requirements:list", "requests", "settings", "members", "invitations"]
)
def test_member_sees_each_main_page(viewer_client, name):
    response = viewer_client.get(reverse(name))
    assert response.status_code == 200
    assert b"Harbor Point Properties" in response.content


def test_health_check_answers_without_login(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}
