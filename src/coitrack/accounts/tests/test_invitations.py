"""Invitations: an admin invites by e-mail; the link works once, for 14 days, for that address."""

import datetime as dt
import hashlib
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coitrack.accounts.access import SESSION_KEY
from coitrack.accounts.models import Invitation, Membership, Role
from coitrack.audit.models import Action, Event
from coitrack.testing import factories

NEW_ACCOUNT = {"username": "newbie", "password1": "Correct horse battery 9",
               "password2": "Correct horse battery 9", "first_name": "Nina", "last_name": "Ng"}


def _invite(client, email="nina@example.com", role="reviewer"):
    return client.post(reverse("invite"), {"email": email, "role": role})


def _link(mail) -> str:
    match = re.search(r"https?://\S+/invitations/(\S+)/", mail.body)
    assert match, mail.body
    return match.group(0)


def _path(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


@pytest.fixture
def invitation_link(admin_client, mailoutbox):
    _invite(admin_client)
    return _path(_link(mailoutbox[-1]))


# Sending ------------------------------------------------------------------------------------


def test_admin_invitation_sends_an_email_with_a_link(admin_client, org, mailoutbox, settings):
    settings.PUBLIC_URL = "https://coi.example.org"
    response = _invite(admin_client)
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["nina@example.com"]
    assert org.name in mail.subject
    assert _link(mail).startswith("https://coi.example.org/invitations/")
    assert "reviewer" in mail.body


def test_only_the_hash_of_the_token_is_stored(admin_client, mailoutbox):
    _invite(admin_client)
    token = _link(mailoutbox[0]).rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Invitation.objects.values().get())


def test_invitation_expires_in_fourteen_days_and_is_audited(admin_client, admin_user, org,
                                                            mailoutbox):
    _invite(admin_client)
    invitation = Invitation.objects.get()
    assert abs(invitation.expires_at - (timezone.now() + dt.timedelta(days=14))) < dt.timedelta(
        minutes=1
    )
    assert (invitation.organization, invitation.role, invitation.invited_by) == (
        org, Role.REVIEWER, admin_user)
    event = Event.objects.get(object_type="invitation")
    assert (event.action, event.organization) == (Action.CREATE, org)


def test_inviting_a_member_is_refused(admin_client, viewer_user, mailoutbox):
    response = _invite(admin_client, email="VICTOR@example.com")
    assert response.status_code == 400
    assert b"already a member" in response.content
    assert mailoutbox == []
    assert not Invitation.objects.exists()


def test_malformed_address_is_refused(admin_client, mailoutbox):
    response = _invite(admin_client, email="not an address")
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_inviting_again_replaces_the_pending_invitation(admin_client, mailoutbox):
    _invite(admin_client)
    _invite(admin_client, role="viewer")
    first, second = Invitation.objects.order_by("created_at", "pk")
    assert first.revoked_at is not None
    assert second.is_pending and second.role == Role.VIEWER
    old_page = Client().get(_path(_link(mailoutbox[0])))
    assert old_page.status_code == 410


def test_failed_email_saves_nothing(admin_client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("coitrack.accounts.services.send_mail", broken)
    response = _invite(admin_client)
    assert response.status_code == 400
    assert b"could not be sent" in response.content
    assert not Invitation.objects.exists()
    assert not Event.objects.exists()


@pytest.mark.parametrize("client_fixture", ["viewer_client", "reviewer_client"])
def test_non_admins_cannot_invite(request, client_fixture, mailoutbox):
    client = request.getfixturevalue(client_fixture)
    assert client.get(reverse("invite")).status_code == 403
    assert _invite(client).status_code == 403
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_invitations_page_lists_this_organizations_invitations(admin_client, other_org,
                                                               mailoutbox):
    _invite(admin_client)
    factories.user("bob", org=other_org)
    Invitation.objects.create(organization=other_org, email="hidden@elsewhere.test",
                              token_hash="x" * 64, expires_at=Invitation.default_expiry())
    content = admin_client.get(reverse("invitations")).content
    assert b"nina@example.com" in content
    assert b"hidden@elsewhere.test" not in content


# Revoking -----------------------------------------------------------------------------------


def test_admin_revokes_an_invitation_and_the_link_stops_working(admin_client, invitation_link,
                                                                org):
    invitation = Invitation.objects.get()
    assert admin_client.post(reverse("revoke_invitation", args=[invitation.pk])).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert Event.objects.filter(object_type="invitation", action=Action.STATUS).exists()
    page = Client().get(invitation_link)
    assert page.status_code == 410
    assert b"withdrawn" in page.content


@pytest.mark.parametrize("client_fixture", ["viewer_client", "reviewer_client"])
def test_non_admins_cannot_revoke(request, client_fixture, invitation_link):
    client = request.getfixturevalue(client_fixture)
    invitation = Invitation.objects.get()
    assert client.post(reverse("revoke_invitation", args=[invitation.pk])).status_code == 403
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_other_organizations_invitation_answers_404(admin_client, other_org):
    foreign = Invitation.objects.create(organization=other_org, email="x@elsewhere.test",
                                        token_hash="y" * 64, expires_at=Invitation.default_expiry())
    assert admin_client.post(reverse("revoke_invitation", args=[foreign.pk])).status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_pending


# Accepting ----------------------------------------------------------------------------------


def test_new_person_creates_an_account_and_joins(invitation_link, org, client):
    page = client.get(invitation_link)
    assert page.status_code == 200
    assert b"Create your account" in page.content
    response = client.post(invitation_link, NEW_ACCOUNT)
    assert response.status_code == 302
    user = get_user_model().objects.get(username="newbie")
    assert user.email == "nina@example.com"
    assert user.check_password("Correct horse battery 9")
    assert Membership.objects.get(user=user).role == Role.REVIEWER
    assert client.session[SESSION_KEY] == org.pk
    assert client.get(reverse("dashboard")).status_code == 200
    assert Invitation.objects.get().accepted_at is not None


def test_joining_is_audited(invitation_link, org, client):
    client.post(invitation_link, NEW_ACCOUNT)
    event = Event.objects.get(object_type="membership", action=Action.CREATE)
    assert event.organization == org
    assert event.actor.username == "newbie"


def test_new_person_then_signs_in_with_the_new_account(invitation_link, client):
    client.post(invitation_link, NEW_ACCOUNT)
    fresh = Client()
    fresh.post(reverse("login"), {"username": "nina@example.com",
                                  "password": "Correct horse battery 9"})
    assert fresh.get(reverse("members")).status_code == 200


def test_weak_or_mismatched_passwords_are_refused(invitation_link, client):
    weak = client.post(invitation_link, {**NEW_ACCOUNT, "password1": "newbie",
                                         "password2": "newbie"})
    assert weak.status_code == 400
    mismatch = client.post(invitation_link, {**NEW_ACCOUNT, "password2": "something else 9"})
    assert mismatch.status_code == 400
    assert b"differ" in mismatch.content
    assert not get_user_model().objects.filter(username="newbie").exists()
    assert Invitation.objects.get().is_pending


def test_taken_username_is_refused(invitation_link, client, admin_user):
    response = client.post(invitation_link, {**NEW_ACCOUNT, "username": "ALICE"})
    assert response.status_code == 400
    assert b"taken" in response.content
    assert Invitation.objects.get().is_pending


def test_signed_in_user_with_the_invited_address_joins(admin_client, mailoutbox, other_org,
                                                       org):
    bob = factories.user("bob", org=other_org, role=Role.ADMIN)  # bob@example.com
    _invite(admin_client, email="Bob@Example.com", role="viewer")
    link = _path(_link(mailoutbox[0]))
    client = Client()
    client.force_login(bob)
    page = client.get(link)
    assert page.status_code == 200
    assert b"Join Harbor Point Properties" in page.content
    assert not Membership.objects.filter(user=bob, organization=org).exists()  # GET changes nothing
    assert client.post(link).status_code == 302
    assert Membership.objects.get(user=bob, organization=org).role == Role.VIEWER
    assert client.session[SESSION_KEY] == org.pk


def test_signed_out_account_holder_is_asked_to_sign_in_first(admin_client, mailoutbox,
                                                             other_org, org):
    factories.user("bob", org=other_org)
    _invite(admin_client, email="bob@example.com")
    link = _path(_link(mailoutbox[0]))
    page = Client().get(link)
    assert page.status_code == 200
    assert b"Sign in" in page.content
    assert f"/login/?next={link}".encode() in page.content
    assert b"Create your account" not in page.content
    # Posting an account form anyway creates nothing.
    Client().post(link, {**NEW_ACCOUNT, "username": "bob2"})
    assert not get_user_model().objects.filter(username="bob2").exists()
    assert Invitation.objects.get().is_pending


def test_signed_in_user_with_another_address_is_refused(invitation_link, viewer_client):
    assert viewer_client.get(invitation_link).status_code == 403
    assert viewer_client.post(invitation_link).status_code == 403
    assert Invitation.objects.get().is_pending


def test_used_invitation_cannot_be_used_again(invitation_link, client):
    client.post(invitation_link, NEW_ACCOUNT)
    again = Client().post(invitation_link, {**NEW_ACCOUNT, "username": "second"})
    assert again.status_code == 410
    assert b"already been used" in again.content
    assert not get_user_model().objects.filter(username="second").exists()


def test_expired_invitation_is_refused(invitation_link):
    with time_machine.travel(timezone.now() + dt.timedelta(days=15)):
        page = Client().get(invitation_link)
        assert page.status_code == 410
        assert b"expired" in page.content
        Client().post(invitation_link, NEW_ACCOUNT)
    assert not get_user_model().objects.filter(username="newbie").exists()


def test_tampered_token_is_refused(invitation_link):
    tampered = invitation_link[:-3] + ("A" if invitation_link[-3] != "A" else "B") + "/"
    for method in ("get", "post"):
        page = getattr(Client(), method)(tampered, NEW_ACCOUNT)
        assert page.status_code == 404
        assert b"not valid" in page.content
    assert not get_user_model().objects.filter(username="newbie").exists()
    assert Invitation.objects.get().is_pending
