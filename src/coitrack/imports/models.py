"""Import jobs (one uploaded file, its mapping, its run and result) and remembered mappings."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from coitrack.imports.columns import ASSIGNMENTS, CARRIERS, VENDORS


class ImportJob(models.Model):
    """One uploaded file on its way through mapping, preview, the background run and its report.

    ``total`` and ``done`` (rows) are the progress bar; the ``*_count`` fields and ``errors``
    (``[{"line": 7, "name": "...", "problems": ["..."]}]``) are the report.
    """

    KIND_CHOICES = [(VENDORS, "Vendors"), (CARRIERS, "Carriers"),
                    (ASSIGNMENTS, "Requirement assignments")]
    SKIP, UPDATE, CREATE = "skip", "update", "create"
    POLICY_CHOICES = [(SKIP, "Skip the row"), (UPDATE, "Update the existing vendor"),
                      (CREATE, "Create another vendor")]
    DRAFT, QUEUED, RUNNING, DONE, FAILED = "draft", "queued", "running", "done", "failed"
    STATUS_CHOICES = [(DRAFT, "Not started"), (QUEUED, "Queued"), (RUNNING, "Running"),
                      (DONE, "Finished"), (FAILED, "Failed")]

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=KIND_CHOICES)
    file = models.FileField(upload_to="imports/", max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    header = models.JSONField(default=list)
    row_count = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=200, blank=True)  # "CSV, UTF-8, comma-separated"
    notes = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True)  # {field key: column index}
    mapping_remembered = models.BooleanField(default=False)
    duplicate_policy = models.CharField(max_length=8, choices=POLICY_CHOICES, default=UPDATE)
    status = models.CharField(max_length=8, choices=STATUS_CHOICES, default=DRAFT)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    failure = models.TextField(blank=True)  # why the run as a whole failed
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organization", "created_at"], name="import_org_created")]

    def __str__(self) -> str:
        return f"Import of {self.original_name}"

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status in (self.DONE, self.FAILED) else 0
        return min(100, round(100 * self.done / self.total))

    @property
    def is_active(self) -> bool:
        return self.status in (self.QUEUED, self.RUNNING)


class ImportMapping(models.Model):
    """The mapping last confirmed for a header, so the same export is mapped the same next time."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=ImportJob.KIND_CHOICES)
    signature = models.CharField(max_length=64)  # columns.header_signature(header)
    mapping = models.JSONField(default=dict)
    duplicate_policy = models.CharField(max_length=8, choices=ImportJob.POLICY_CHOICES,
                                        default=ImportJob.UPDATE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "signature"],
                                    name="one_mapping_per_org_kind_header")
        ]

    def __str__(self) -> str:
        return f"{self.kind} mapping {self.signature[:8]}"
