"""Bulk certificate uploads: one ``BulkUpload`` per drop, one ``BulkItem`` per file in it.

An item's ``state`` says what became of the file: refused at the door (with the reason),
a duplicate of a document already on file, matched to a vendor (its certificate created),
unmatched (waiting in the tray for a reviewer), then assigned or discarded by a reviewer.
The staged bytes of an accepted file live in the default storage at ``staged_path`` until the
item is filed or discarded.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class UploadStatus(models.TextChoices):
    QUEUED = "queued", "Waiting"
    RUNNING = "running", "Reading files"
    DONE = "done", "Done"


class ItemState(models.TextChoices):
    QUEUED = "queued", "Waiting"
    REFUSED = "refused", "Refused"
    DUPLICATE = "duplicate", "Already on file"
    MATCHED = "matched", "Filed"
    UNMATCHED = "unmatched", "Needs a vendor"
    ASSIGNED = "assigned", "Assigned by a reviewer"
    DISCARDED = "discarded", "Discarded"
    FAILED = "failed", "Could not be filed"


class BulkUpload(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    received_date = models.DateField()
    status = models.CharField(max_length=8, choices=UploadStatus.choices,
                              default=UploadStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)  # files to read (accepted at the door)
    done = models.PositiveIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organization", "created_at"], name="bulk_org_created")]

    def __str__(self) -> str:
        return f"Bulk upload #{self.pk}"

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == UploadStatus.DONE else 0
        return min(100, round(100 * self.done / self.total))

    @property
    def is_active(self) -> bool:
        return self.status != UploadStatus.DONE


class BulkItem(models.Model):
    upload = models.ForeignKey(BulkUpload, on_delete=models.CASCADE, related_name="items")
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=255)
    source = models.CharField(max_length=255, blank=True)  # the ZIP it came from
    state = models.CharField(max_length=10, choices=ItemState.choices)
    reason = models.TextField(blank=True)  # why refused, unmatched or failed
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(max_length=50, blank=True)
    staged_path = models.CharField(max_length=200, blank=True)
    insured_name = models.CharField(max_length=300, blank=True)  # as read
    match_method = models.CharField(max_length=10, blank=True)  # exact / fuzzy / reviewer
    confidence = models.FloatField(null=True, blank=True)
    candidates = models.JSONField(default=list, blank=True)  # [{vendor_id, name, score}]
    vendor = models.ForeignKey("vendors.Vendor", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    certificate = models.ForeignKey("certificates.Certificate", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["upload", "position"]
        indexes = [models.Index(fields=["organization", "state"], name="bulk_item_org_state")]

    def __str__(self) -> str:
        return self.name
