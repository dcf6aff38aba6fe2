"""Misinformation flags on certificates, and the record of each certificate's last check.

A flag is what :func:`coitrack.rules.misinformation.find_flags` found on a certificate when it
arrived or its data changed: open until a reviewer resolves it with a note. ``CertificateCheck``
remembers what data the last check looked at, so a correction that changes nothing the checks
read does not send an accepted certificate back to review.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from coitrack.rules.misinformation import TITLES


class CertificateFlag(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    certificate = models.ForeignKey(
        "certificates.Certificate", on_delete=models.CASCADE, related_name="flags"
    )
    code = models.CharField(max_length=50)  # one of coitrack.rules.misinformation.CODES
    message = models.TextField()  # plain language, with the values involved
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution_note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["certificate", "resolved_at"], name="flag_certificate_open"),
            models.Index(fields=["organization", "resolved_at", "created_at"],
                         name="flag_org_open"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return TITLES.get(self.code, self.code.replace("_", " ").capitalize())

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class CertificateCheck(models.Model):
    """When a certificate was last checked, and a digest of the data the checks read."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    certificate = models.OneToOneField(
        "certificates.Certificate", on_delete=models.CASCADE, related_name="+"
    )
    fingerprint = models.CharField(max_length=64)
    checked_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Check of certificate #{self.certificate_id}"
