"""Vendors (the insureds), their contacts, vendor types, tags and projects."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class VendorType(models.Model):
    """An organization-defined kind of vendor (roofer, caterer, janitorial ...)."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="vendor_types"
    )
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "organization", Lower("name"), name="unique_vendor_type_name_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="tags"
    )
    name = models.CharField(max_length=50)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("organization", Lower("name"), name="unique_tag_name_per_org")
        ]

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """A project or location vendors work on, with the period the work runs."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="projects"
    )
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=300, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "organization", Lower("name"), name="unique_project_name_per_org"
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class VendorStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"


class Vendor(models.Model):
    """A business the organization hires, which must prove its insurance."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="vendors"
    )
    legal_name = models.CharField(max_length=300)
    dba = models.CharField("DBA", max_length=300, blank=True)
    vendor_type = models.ForeignKey(
        VendorType, null=True, blank=True, on_delete=models.SET_NULL, related_name="vendors"
    )
    status = models.CharField(
        max_length=16, choices=VendorStatus.choices, default=VendorStatus.ACTIVE
    )
    address_line1 = models.CharField("Address", max_length=200, blank=True)
    address_line2 = models.CharField("Address line 2", max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=50, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    tax_id = models.CharField("Tax ID", max_length=20, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="vendors")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="owned_vendors",
        help_text="The person in your organization responsible for this vendor.",
    )
    projects = models.ManyToManyField(
        Project, through="VendorProject", blank=True, related_name="vendors"
    )
    notes = models.TextField(blank=True)
    # Denormalized for fast lists; kept current by certificates.services when policies change.
    next_expiration = models.DateField(null=True, blank=True)
    certificate_count = models.PositiveIntegerField(default=0)
    # The latest compliance evaluation's overall status (coitrack.compliance keeps it current),
    # denormalized here so the vendor list filters and counts it from an index.
    compliance_status = models.CharField(
        max_length=16, default="no_requirements",
        choices=[("non_compliant", "Non-compliant"), ("expired", "Expired"),
                 ("missing", "Missing"), ("expiring", "Expiring"), ("compliant", "Compliant"),
                 ("no_requirements", "No requirements")],
    )
    # Set when this vendor was merged into another (the survivor); merged vendors are hidden.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["legal_name"]
        # The vendor list filters on organization and "not merged away" (merged_into IS NULL,
        # which SQLite and PostgreSQL use as an index equality), then status, then a filter or a
        # sort key. With these, counting and paging 20,000 vendors read an index, not the table,
        # even when SQLite has no statistics (nobody ran ANALYZE). Name indexes carry the DBA and
        # tax id so that a search (LIKE on all three) is answered from the index too.
        indexes = [
            models.Index(fields=["organization", "merged_into", "legal_name", "dba", "tax_id"],
                         name="vendor_live_name"),
            models.Index(
                fields=["organization", "merged_into", "status", "legal_name", "dba", "tax_id"],
                name="vendor_live_status_name",
            ),
            models.Index(fields=["organization", "merged_into", "status", "next_expiration"],
                         name="vendor_live_status_expires"),
            models.Index(fields=["organization", "merged_into", "status", "updated_at"],
                         name="vendor_live_status_updated"),
            models.Index(fields=["organization", "merged_into", "status", "vendor_type",
                                 "next_expiration"], name="vendor_live_status_type"),
            models.Index(fields=["organization", "merged_into", "status", "owner", "legal_name"],
                         name="vendor_live_status_owner"),
            models.Index(fields=["organization", "merged_into", "status", "compliance_status",
                                 "legal_name"], name="vendor_live_status_compliance"),
        ]

    def __str__(self) -> str:
        return self.legal_name

    @property
    def display_name(self) -> str:
        return f"{self.legal_name} (DBA {self.dba})" if self.dba else self.legal_name

    @property
    def address(self) -> str:
        """One line, as in the certificate schema: ``LINE1, LINE2, CITY, ST ZIP``."""
        state_zip = " ".join(p for p in (self.state, self.postal_code) if p)
        parts = (self.address_line1, self.address_line2, self.city, state_zip)
        return ", ".join(p for p in parts if p)


class VendorProject(models.Model):
    """A vendor's work on a project, optionally for a narrower period than the project's."""

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE)
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vendor", "project"], name="vendor_once_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.vendor} on {self.project}"


class ContactRole(models.TextChoices):
    VENDOR = "vendor", "Vendor contact"
    AGENT = "agent", "Insurance agent/broker"
    OTHER = "other", "Other"


class Contact(models.Model):
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField(max_length=16, choices=ContactRole.choices, default=ContactRole.VENDOR)
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_primary", "role", "name"]

    def __str__(self) -> str:
        return self.name or self.email or "(unnamed contact)"
