"""State changes of organizations, memberships and invitations.

Views, tasks and the CLI call these functions; each runs in one transaction and writes its audit
event in that transaction. Rules that protect an organization (it always keeps an admin, an
invitation is used at most once) live here and nowhere else.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from coitrack.accounts.models import Invitation, Membership, Organization, Role
from coitrack.audit.models import Action
from coitrack.audit.services import diff, record, snapshot
from coitrack.config import is_time_zone

logger = logging.getLogger(__name__)

ORGANIZATION_FIELDS = ["name", "time_zone"]
# How long expired or revoked invitations stay listed (and explain themselves) before the daily
# clean-up deletes them.
STALE_INVITATION_DAYS = 7


class AccountsError(Exception):
    """A request that breaks a rule; the message is meant for the person who made it."""


class LastAdminError(AccountsError):
    """The change would leave the organization without an admin."""


class InvitationError(AccountsError):
    """The invitation cannot be created, revoked or accepted."""


# Organization settings ----------------------------------------------------------------------


def update_organization(
    *, organization: Organization, actor, name: str, time_zone: str
) -> Organization:
    """Rename the organization and/or change its time zone; audited when anything changed.

    Raises :class:`AccountsError` for a blank name or an unknown time zone.
    """
    name = name.strip()
    if not name:
        raise AccountsError("The organization needs a name.")
    if not is_time_zone(time_zone):
        raise AccountsError(f"{time_zone!r} is not a known time zone.")
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        before = snapshot(organization, ORGANIZATION_FIELDS)
        organization.name = name
        organization.time_zone = time_zone
        changes = diff(before, snapshot(organization, ORGANIZATION_FIELDS))
        if changes:
            organization.save(update_fields=list(changes))
            record(organization=organization, actor=actor, action=Action.UPDATE,
                   obj=organization, changes=changes)
    return organization


# Members ------------------------------------------------------------------------------------


def _lock_admins(organization: Organization) -> list[int]:
    """Ids of the organization's admin memberships, locked until the transaction ends.

    Locking (on PostgreSQL; SQLite serializes writers anyway) stops two admins from demoting each
    other at the same moment and leaving nobody in charge.
    """
    return list(
        Membership.objects.select_for_update()
        .filter(organization=organization, role=Role.ADMIN)
        .values_list("pk", flat=True)
    )


def change_role(*, membership: Membership, actor, role: str) -> Membership:
    """Give ``membership`` another role; audited.

    Raises :class:`LastAdminError` when it would demote the organization's last admin, and
    :class:`AccountsError` for a role that does not exist.
    """
    if role not in Role.values:
        raise AccountsError(f"{role!r} is not a role.")
    with transaction.atomic():
        admins = _lock_admins(membership.organization)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == role:
            return membership
        if membership.role == Role.ADMIN and admins == [membership.pk]:
            raise LastAdminError(
                f"{membership.user.get_username()} is the only admin: make someone else an "
                "admin first."
            )
        before = snapshot(membership, ["role"])
        membership.role = role
        membership.save(update_fields=["role"])
        record(organization=membership.organization, actor=actor, action=Action.UPDATE,
               obj=membership, changes=diff(before, snapshot(membership, ["role"])))
    return membership


def remove_member(*, membership: Membership, actor) -> None:
    """Take the user out of the organization (their account stays); audited.

    Raises :class:`LastAdminError` when ``membership`` is the organization's last admin.
    """
    with transaction.atomic():
        admins = _lock_admins(membership.organization)
        if membership.role == Role.ADMIN and admins == [membership.pk]:
            raise LastAdminError(
                f"{membership.user.get_username()} is the only admin and cannot be removed."
            )
        record(organization=membership.organization, actor=actor, action=Action.DELETE,
               obj=membership, note=f"{membership.user.get_username()} removed")
        membership.delete()


# Invitations --------------------------------------------------------------------------------


def absolute_url(path: str) -> str:
    """``path`` on the public address people use (``COITRACK_PUBLIC_URL``), for e-mails."""
    return settings.PUBLIC_URL + path


def invite(*, organization: Organization, actor, email: str, role: str) -> Invitation:
    """Invite ``email`` to join with ``role`` and e-mail them a link that works for 14 days.

    Only a hash of the link's token is stored. Inviting an address that already has a pending
    invitation revokes the old one (its link stops working) and sends a new one. The e-mail is
    sent inside the transaction: if it cannot be sent, the error propagates and nothing is saved.

    Raises :class:`InvitationError` when the address already belongs to a member.
    """
    email = email.strip()
    if role not in Role.values:
        raise InvitationError(f"{role!r} is not a role.")
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise InvitationError(f"{email} is already a member of {organization.name}.")
    with transaction.atomic():
        now = timezone.now()
        for old in Invitation.objects.filter(organization=organization, email__iexact=email)\
                .pending().select_for_update():
            _revoke(old, actor=actor, now=now, note="replaced by a new invitation")
        token, token_hash = Invitation.new_token()
        invitation = Invitation.objects.create(
            organization=organization, email=email, role=role, token_hash=token_hash,
            invited_by=actor, expires_at=Invitation.default_expiry(),
        )
        record(organization=organization, actor=actor, action=Action.CREATE, obj=invitation,
               changes={"email": [None, email], "role": [None, role]})
        _send_invitation_email(invitation, token)
    return invitation


def _send_invitation_email(invitation: Invitation, token: str) -> None:
    inviter = invitation.invited_by
    context = {
        "invitation": invitation,
        "organization": invitation.organization,
        "inviter_name": (inviter.get_full_name() or inviter.get_username()) if inviter else "",
        "role": Role(invitation.role).label,
        "link": absolute_url(reverse("accept_invitation", args=[token])),
        "expires_at": timezone.localtime(
            invitation.expires_at, timezone=_zone(invitation.organization)
        ),
    }
    send_mail(
        subject=f"You are invited to {invitation.organization.name} on coitrack",
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


def _zone(organization: Organization) -> ZoneInfo:
    return ZoneInfo(organization.time_zone if is_time_zone(organization.time_zone) else "UTC")


def _revoke(invitation: Invitation, *, actor, now: datetime, note: str = "") -> None:
    invitation.revoked_at = now
    invitation.save(update_fields=["revoked_at"])
    record(organization=invitation.organization, actor=actor, action=Action.STATUS,
           obj=invitation, changes={"status": ["pending", "revoked"]}, note=note)


def revoke_invitation(*, invitation: Invitation, actor) -> Invitation:
    """Make a pending invitation's link stop working; audited.

    Raises :class:`InvitationError` when it was already accepted, revoked or expired.
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_pending:
            raise InvitationError(
                f"The invitation of {invitation.email} is already {invitation_state(invitation)}."
            )
        _revoke(invitation, actor=actor, now=timezone.now())
    return invitation


def invitation_state(invitation: Invitation) -> str:
    """``"pending"``, ``"accepted"``, ``"revoked"`` or ``"expired"``."""
    if invitation.accepted_at is not None:
        return "accepted"
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.expires_at <= timezone.now():
        return "expired"
    return "pending"


def find_invitation(token: str) -> Invitation | None:
    """The invitation whose link carries ``token`` (in any state), or None for a bad token."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.by_token(token).select_related("organization").first()


def email_matches(invitation: Invitation, user) -> bool:
    return bool(user.email) and user.email.strip().lower() == invitation.email.strip().lower()


def accept_invitation(*, invitation: Invitation, user) -> Membership:
    """Make ``user`` a member with the invited role and use up the invitation; audited.

    The invitation is claimed with a conditional UPDATE, so of two simultaneous attempts only one
    succeeds. A user who is already a member keeps their current role.

    Raises :class:`InvitationError` when the invitation is not pending or was sent to another
    address than the user's.
    """
    if not email_matches(invitation, user):
        raise InvitationError("This invitation was sent to a different e-mail address.")
    with transaction.atomic():
        now = timezone.now()
        claimed = Invitation.objects.filter(pk=invitation.pk).pending().update(accepted_at=now)
        if not claimed:
            invitation.refresh_from_db()
            raise InvitationError(f"This invitation is {invitation_state(invitation)}.")
        invitation.accepted_at = now
        membership, created = Membership.objects.get_or_create(
            user=user, organization=invitation.organization,
            defaults={"role": invitation.role},
        )
        record(organization=invitation.organization, actor=user, action=Action.STATUS,
               obj=invitation, changes={"status": ["pending", "accepted"]})
        if created:
            record(organization=invitation.organization, actor=user, action=Action.CREATE,
                   obj=membership, changes={"role": [None, membership.role]},
                   note="joined by invitation")
    return membership


@dataclass(frozen=True)
class NewAccount:
    username: str
    password: str
    first_name: str = ""
    last_name: str = ""


def accept_invitation_as_new_user(*, invitation: Invitation, account: NewAccount):
    """Create an account for the invited address and accept the invitation with it.

    Returns the new user. Raises :class:`InvitationError` when the invitation is not pending, or
    when an account with the address or the username already exists (that person signs in
    instead). Nothing is created unless the invitation is accepted.
    """
    user_model = get_user_model()
    with transaction.atomic():
        if user_model.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationError("An account with this e-mail address already exists: sign in.")
        if user_model.objects.filter(username__iexact=account.username).exists():
            raise InvitationError("That username is taken.")
        user = user_model.objects.create_user(
            username=account.username, email=invitation.email, password=account.password,
            first_name=account.first_name, last_name=account.last_name,
        )
        accept_invitation(invitation=invitation, user=user)
    return user


def delete_stale_invitations(*, now: datetime | None = None) -> int:
    """Delete invitations never accepted whose link expired over a week ago; returns how many.

    Idempotent and safe to run in two workers at once (a plain filtered DELETE). Accepted
    invitations stay: they record who joined through whom. Expired ones are kept for a week so
    their link still explains that it expired.
    """
    cutoff = (now or timezone.now()) - timedelta(days=STALE_INVITATION_DAYS)
    deleted, _ = Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=cutoff)\
        .delete()
    if deleted:
        logger.info("deleted %d expired invitation(s)", deleted)
    return deleted
