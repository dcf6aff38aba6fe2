"""Dashboards: a layout per member (and one default per organization) of ordered widgets, and
the daily compliance snapshots.

One model serves both kinds of layout (``membership`` empty: the organization's default, which
admins edit in Settings and new members start from), so the same widget rows, screens and checks
serve both. Widgets are rows rather than a JSON list in the layout: each has an id of its own
that its URLs carry (``/dashboard/widgets/<id>/``), looked up through the caller's layout, so
another member's or organization's widget answers 404.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

MAX_WIDGETS = 20  # per layout: enough for any screen, and a bound on what a page may load


class DashboardLayout(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    # Null: the organization's default layout.
    membership = models.OneToOneField(
        "accounts.Membership", null=True, blank=True, on_delete=models.CASCADE,
        related_name="dashboard",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization"], condition=Q(membership__isnull=True),
                                    name="one_default_dashboard_per_org"),
        ]

    def __str__(self) -> str:
        return "default dashboard" if self.membership_id is None else "dashboard"

    @property
    def is_default(self) -> bool:
        return self.membership_id is None


class DashboardWidget(models.Model):
    """One widget on a layout: its kind (a key of ``registry.KINDS``) and its settings."""

    layout = models.ForeignKey(DashboardLayout, on_delete=models.CASCADE, related_name="widgets")
    kind = models.CharField(max_length=40)
    config = models.JSONField(default=dict)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["layout", "position"], name="dashboard_widget_order")]

    def __str__(self) -> str:
        return f"{self.kind} widget"


class ComplianceSnapshot(models.Model):
    """How many active vendors had each compliance status at the end of one local day's
    evaluation (``counts``: status -> number, every status present). Written once per
    organization and day by ``snapshots.take_due_snapshots``; never backfilled."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    counts = models.JSONField(default=dict)
    taken_at = models.DateTimeField()

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "day"],
                                    name="one_compliance_snapshot_per_day"),
        ]

    def __str__(self) -> str:
        return f"compliance snapshot of {self.day}"
