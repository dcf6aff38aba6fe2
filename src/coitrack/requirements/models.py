"""Requirement templates, where they apply (assignments), and the organization's carrier table.

A template's ``data`` is the documented template JSON (requirements-format.md), always valid per
``coitrack.rules.requirements``: services validate before saving, so every reader (the engine,
exports, the compare screen) can trust it without checking again.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from coitrack.requirements.fields import OrderedJSONField
from coitrack.rules.carriers import RATINGS, SIZES
from coitrack.rules.names import normalize_name


class RequirementTemplate(models.Model):
    """What insurance a vendor must carry, as the documented template JSON."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="requirement_templates"
    )
    name = models.CharField(max_length=200)  # always equal to data["name"]
    data = OrderedJSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "organization", Lower("name"), name="unique_template_name_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.name


class TemplateAssignment(models.Model):
    """A template applied to every vendor of a type, every vendor on a project, or one vendor.

    ``overrides`` is only used by vendor assignments: a partial template whose top-level keys
    replace the template's, and whose ``coverages`` entries replace the template's entry of the
    same coverage (and description, for "other"). Only the differences are stored.
    """

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    template = models.ForeignKey(
        RequirementTemplate, on_delete=models.CASCADE, related_name="assignments"
    )
    vendor_type = models.ForeignKey(
        "vendors.VendorType", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    project = models.ForeignKey(
        "vendors.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    vendor = models.ForeignKey(
        "vendors.Vendor", null=True, blank=True, on_delete=models.CASCADE,
        related_name="requirement_assignments",
    )
    overrides = OrderedJSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(vendor_type__isnull=False, project__isnull=True, vendor__isnull=True)
                    | Q(vendor_type__isnull=True, project__isnull=False, vendor__isnull=True)
                    | Q(vendor_type__isnull=True, project__isnull=True, vendor__isnull=False)
                ),
                name="assignment_targets_exactly_one",
            ),
            models.UniqueConstraint(
                fields=["template", "vendor_type"], condition=Q(vendor_type__isnull=False),
                name="template_once_per_vendor_type",
            ),
            models.UniqueConstraint(
                fields=["template", "project"], condition=Q(project__isnull=False),
                name="template_once_per_project",
            ),
            models.UniqueConstraint(
                fields=["template", "vendor"], condition=Q(vendor__isnull=False),
                name="template_once_per_vendor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template} for {self.target_label}"

    @property
    def kind(self) -> str:
        if self.vendor_type_id:
            return "vendor_type"
        return "project" if self.project_id else "vendor"

    @property
    def target_sentence(self) -> str:
        """``target_label`` ready to end a sentence ("vendor Acme, Inc." gets no second dot)."""
        label = self.target_label
        return label if label.endswith(".") else f"{label}."

    @property
    def target_label(self) -> str:
        if self.vendor_type_id:
            return f"vendor type {self.vendor_type}"
        if self.project_id:
            return f"project {self.project}"
        return f"vendor {self.vendor}"


class Carrier(models.Model):
    """An insurer with its AM Best rating, entered by the organization (licensed data)."""

    RATING_CHOICES = [(r, r) for r in RATINGS]
    SIZE_CHOICES = [(s, s) for s in SIZES]

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="carriers"
    )
    name = models.CharField(max_length=200)
    # coitrack.rules.names.normalize_name(name): how certificates' insurers and CSV rows find it.
    name_key = models.CharField(max_length=200, editable=False)
    naic = models.CharField("NAIC", max_length=5, blank=True)
    am_best_rating = models.CharField(
        "AM Best rating", max_length=3, choices=RATING_CHOICES, blank=True
    )
    financial_size = models.CharField(max_length=4, choices=SIZE_CHOICES, blank=True)
    admitted = models.BooleanField(null=True, blank=True)
    # Where the rating comes from or when it was checked ("AM Best, March 2026"); the demo uses
    # it to label its invented ratings.
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "naic"], condition=~Q(naic=""),
                name="unique_carrier_naic_per_org",
            ),
        ]
        indexes = [models.Index(fields=["organization", "name_key"], name="carrier_name_key")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = normalize_name(self.name)
        super().save(*args, **kwargs)
