"""Organizations, memberships with a role, and e-mail invitations."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    """What a member may do. Each role includes the ones below it."""

    ADMIN = "admin", "Admin"  # users and settings, plus everything a reviewer does
    REVIEWER = "reviewer", "Reviewer"  # edit data, approve certificates
    VIEWER = "viewer", "Viewer"  # read only


ROLE_RANK = {Role.VIEWER: 1, Role.REVIEWER: 2, Role.ADMIN: 3}


class Organization(models.Model):
    """A hiring business: every other row belongs to exactly one organization."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership_per_org")
        ]
        ordering = ["organization__name"]

    def __str__(self) -> str:
        return f"{self.user} in {self.organization} ({self.role})"

    def has_role(self, role: str) -> bool:
        """True when this membership's role is ``role`` or above it."""
        return ROLE_RANK[Role(self.role)] >= ROLE_RANK[Role(role)]


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True,
                           expires_at__gt=timezone.now())

    def by_token(self, token: str) -> InvitationQuerySet:
        return self.filter(token_hash=_hash_token(token))


class Invitation(models.Model):
    """An admin's invitation to join an organization; only the token's hash is stored."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.VIEWER)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.organization}"

    @staticmethod
    def new_token() -> tuple[str, str]:
        """Return ``(token, token_hash)``: the token goes in the e-mail, the hash in the table."""
        token = secrets.token_urlsafe(32)
        return token, _hash_token(token)

    @staticmethod
    def default_expiry():
        return timezone.now() + timedelta(days=14)

    @property
    def is_pending(self) -> bool:
        return (self.accepted_at is None and self.revoked_at is None
                and self.expires_at > timezone.now())
