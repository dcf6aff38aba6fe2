"""Per-organization API tokens and their rate-limit counters."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Scope(models.TextChoices):
    READ = "read", "Read only"
    WRITE = "write", "Read and write"


class ApiToken(models.Model):
    """A bearer token giving programs access to one organization's data.

    The token itself is shown once when created; only its SHA-256 (``token_hash``) is stored.
    ``scope`` ``read`` allows GET; ``write`` allows every method. A token stops working when
    revoked or past ``expires_at``.
    """

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    scope = models.CharField(max_length=8, choices=Scope.choices, default=Scope.READ)
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=20)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organization", "revoked_at"], name="api_token_org_live")]

    def __str__(self) -> str:
        return f"API token “{self.name}”"

    @property
    def can_write(self) -> bool:
        return self.scope == Scope.WRITE

    @property
    def actor_label(self) -> str:
        """Who the audit trail names for changes made with this token."""
        return f"API token “{self.name}”"


class ApiRate(models.Model):
    """One fixed-window request counter of a token (``ratelimit.py``). In the database, like the
    portal's counters, so every thread and process of the web server shares it."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "window_start"],
                                               name="one_api_rate_per_window")]
        indexes = [models.Index(fields=["window_start"], name="api_rate_window")]

    def __str__(self) -> str:
        return f"token {self.token_id} since {self.window_start:%H:%M}: {self.count}"
