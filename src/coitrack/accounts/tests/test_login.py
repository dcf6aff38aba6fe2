"""Signing in with a username or an e-mail address, and signing out."""

from django.urls import reverse

from coitrack.testing import factories

PASSWORD = "pw-for-tests-only"


def test_member_signs_in_with_username(client, admin_user):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_member_signs_in_with_email_in_any_case(client, admin_user):
    response = client.post(
        reverse("login"), {"username": "ALICE@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.session["_auth_user_id"] == str(admin_user.pk)


def test_wrong_password_is_refused_with_a_message(client, admin_user):
    response = client.post(
        reverse("login"), {"username": "alice@example.com", "password": "nope"}
    )
    assert response.status_code == 200
    assert b"do not match" in response.content
    assert "_auth_user_id" not in client.session


def test_email_shared_by_two_accounts_does_not_sign_in(client, org):
    first = factories.user("twin1", org=org)
    second = factories.user("twin2", org=org)
    for user in (first, second):
        user.email = "shared@example.com"
        user.save()
    response = client.post(
        reverse("login"), {"username": "shared@example.com", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_inactive_account_cannot_sign_in_by_email(client, admin_user):
    admin_user.is_active = False
    admin_user.save()
    client.post(reverse("login"), {"username": "alice@example.com", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_login_returns_to_the_page_asked_for(client, admin_user):
    response = client.post(
        reverse("login"),
        {"username": "alice", "password": PASSWORD, "next": reverse("members")},
    )
    assert response["Location"] == reverse("members")


def test_logout_ends_the_session(admin_client):
    response = admin_client.post(reverse("logout"))
    assert response.status_code == 302
    assert admin_client.get(reverse("dashboard")).status_code == 302
