"""The account services, called directly: the rules hold whatever the caller."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from coitrack.accounts import services
from coitrack.accounts.backends import UsernameOrEmailBackend
from coitrack.accounts.models import Invitation, Membership, Role
from coitrack.testing import factories


def _invitation(org, **kwargs) -> tuple[Invitation, str]:
    token, token_hash = Invitation.new_token()
    defaults = {"email": "new@example.com", "role": Role.VIEWER,
                "expires_at": Invitation.default_expiry()}
    invitation = Invitation.objects.create(organization=org, token_hash=token_hash,
                                           **{**defaults, **kwargs})
    return invitation, token


def test_find_invitation_matches_the_token_only(org):
    invitation, token = _invitation(org)
    assert services.find_invitation(token) == invitation
    assert services.find_invitation(token + "x") is None
    assert services.find_invitation("") is None
    assert services.find_invitation("a" * 500) is None


def test_invitation_states(org):
    now = timezone.now()
    assert services.invitation_state(_invitation(org)[0]) == "pending"
    assert services.invitation_state(_invitation(org, accepted_at=now)[0]) == "accepted"
    assert services.invitation_state(_invitation(org, revoked_at=now)[0]) == "revoked"
    assert services.invitation_state(
        _invitation(org, expires_at=now - dt.timedelta(seconds=1))[0]) == "expired"


def test_an_invitation_is_accepted_once_even_by_a_stale_copy(org, other_org):
    invitation, _ = _invitation(org)
    stale_copy = Invitation.objects.get(pk=invitation.pk)
    first = factories.user("new", org=other_org)  # new@example.com
    services.accept_invitation(invitation=invitation, user=first)
    with pytest.raises(services.InvitationError, match="accepted"):
        services.accept_invitation(invitation=stale_copy, user=first)
    assert Membership.objects.filter(organization=org).count() == 1


def test_member_accepting_again_keeps_their_role(org, admin_user):
    invitation, _ = _invitation(org, email="alice@example.com", role=Role.VIEWER)
    membership = services.accept_invitation(invitation=invitation, user=admin_user)
    assert membership.role == Role.ADMIN


def test_new_account_is_refused_when_the_address_has_one(org, admin_user):
    invitation, _ = _invitation(org, email="ALICE@example.com")
    with pytest.raises(services.InvitationError, match="sign in"):
        services.accept_invitation_as_new_user(
            invitation=invitation,
            account=services.NewAccount(username="alice2", password="x" * 12),
        )
    assert not get_user_model().objects.filter(username="alice2").exists()


def test_new_account_is_rolled_back_when_the_invitation_is_gone(org):
    invitation, _ = _invitation(org, revoked_at=timezone.now())
    with pytest.raises(services.InvitationError):
        services.accept_invitation_as_new_user(
            invitation=invitation,
            account=services.NewAccount(username="latecomer", password="x" * 12),
        )
    assert not get_user_model().objects.filter(username="latecomer").exists()


def test_revoking_twice_is_refused(org, admin_user):
    invitation, _ = _invitation(org)
    services.revoke_invitation(invitation=invitation, actor=admin_user)
    with pytest.raises(services.InvitationError, match="revoked"):
        services.revoke_invitation(invitation=invitation, actor=admin_user)


def test_stale_invitations_are_deleted_and_the_rest_kept(org):
    now = timezone.now()
    old = _invitation(org, expires_at=now - dt.timedelta(days=8))[0]
    old_revoked = _invitation(org, expires_at=now - dt.timedelta(days=30), revoked_at=now)[0]
    recently_expired = _invitation(org, expires_at=now - dt.timedelta(days=2))[0]
    accepted = _invitation(org, expires_at=now - dt.timedelta(days=30), accepted_at=now)[0]
    pending = _invitation(org)[0]
    assert services.delete_stale_invitations(now=now) == 2
    remaining = set(Invitation.objects.values_list("pk", flat=True))
    assert remaining == {recently_expired.pk, accepted.pk, pending.pk}
    assert old.pk not in remaining and old_revoked.pk not in remaining
    assert services.delete_stale_invitations(now=now) == 0  # idempotent


def test_last_admin_rule_counts_admins_of_the_same_organization_only(org, other_org,
                                                                     admin_user):
    factories.user("other_admin", org=other_org, role=Role.ADMIN)
    with pytest.raises(services.LastAdminError):
        services.change_role(membership=Membership.objects.get(user=admin_user),
                             actor=admin_user, role=Role.VIEWER)


def test_backend_prefers_exact_username_over_email(org):
    by_email = factories.user("kim", org=org)  # kim@example.com
    named_like_email = factories.user("kim@example.com", org=org)
    backend = UsernameOrEmailBackend()
    assert backend.authenticate(None, username="kim@example.com",
                                password="pw-for-tests-only") == named_like_email
    assert backend.authenticate(None, username="kim", password="pw-for-tests-only") == by_email
