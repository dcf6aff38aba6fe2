"""Certificates of insurance as models that map one to one onto the certificate schema.

``Certificate`` holds the top-level keys, ``Insurer`` the INSURERS AFFORDING COVERAGE, ``Policy``
one row of the COVERAGES table and ``Limit`` one of its limits. ``Document`` is a stored file,
kept once per organization under its content hash.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from coitrack import schema


class Document(models.Model):
    """An uploaded file, stored under its SHA-256 so the same bytes are never stored twice."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="documents"
    )
    sha256 = models.CharField(max_length=64)
    file = models.FileField(max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveBigIntegerField()
    page_count = models.PositiveIntegerField(null=True, blank=True)
    # Filled by the render_previews task: how many page images exist under previews/<sha>/
    # (None while the task has not run yet), or why rendering failed.
    preview_count = models.PositiveSmallIntegerField(null=True, blank=True)
    preview_error = models.CharField(max_length=300, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "sha256"], name="one_document_per_hash_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def previews_pending(self) -> bool:
        return self.preview_count is None and not self.preview_error


class CertificateStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    PROCESSING = "processing", "Processing"
    NEEDS_REVIEW = "needs_review", "Needs review"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    SUPERSEDED = "superseded", "Superseded"


class CertificateSource(models.TextChoices):
    UPLOAD = "upload", "Upload"
    PORTAL = "portal", "Vendor portal"
    EMAIL = "email", "E-mail"
    API = "api", "API"


class Certificate(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="certificates"
    )
    vendor = models.ForeignKey(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="certificates"
    )
    documents = models.ManyToManyField(Document, blank=True, related_name="certificates")
    status = models.CharField(
        max_length=16, choices=CertificateStatus.choices, default=CertificateStatus.RECEIVED
    )
    source = models.CharField(
        max_length=16, choices=CertificateSource.choices, default=CertificateSource.UPLOAD
    )
    received_date = models.DateField()
    status_reason = models.TextField(blank=True)
    # The schema's top-level keys.
    form = models.CharField(
        max_length=16, blank=True, choices=[(f, f) for f in schema.FORMS]
    )
    edition = models.CharField(max_length=7, blank=True)  # "YYYY/MM"
    certificate_date = models.DateField(null=True, blank=True)
    certificate_number = models.CharField(max_length=100, blank=True)
    revision_number = models.CharField(max_length=100, blank=True)
    producer_name = models.CharField(max_length=300, blank=True)
    producer_address = models.CharField(max_length=500, blank=True)
    producer_contact_name = models.CharField(max_length=200, blank=True)
    producer_phone = models.CharField(max_length=50, blank=True)
    producer_fax = models.CharField(max_length=50, blank=True)
    producer_email = models.CharField(max_length=254, blank=True)
    insured_name = models.CharField(max_length=300, blank=True)
    insured_address = models.CharField(max_length=500, blank=True)
    description_of_operations = models.TextField(blank=True)
    holder_name = models.CharField("Certificate holder", max_length=300, blank=True)
    holder_address = models.CharField("Holder address", max_length=500, blank=True)
    # Endorsement forms recognized in the certificate's documents (the schema's added
    # "endorsements" key: form, edition, title, page, source); written when the files are read.
    endorsements = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_date", "-id"]
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["vendor", "status"]),
        ]

    def __str__(self) -> str:
        when = self.certificate_date or self.received_date
        return f"Certificate of {when:%Y-%m-%d}" if when else "Certificate"


class Insurer(models.Model):
    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="insurers")
    letter = models.CharField(max_length=1, choices=[(x, x) for x in schema.INSURER_LETTERS])
    name = models.CharField(max_length=300, blank=True)
    naic = models.CharField("NAIC", max_length=5, blank=True)

    class Meta:
        ordering = ["letter"]
        constraints = [
            models.UniqueConstraint(fields=["certificate", "letter"], name="insurer_letter_once")
        ]

    def __str__(self) -> str:
        return f"{self.letter}: {self.name}"


class PolicyStatus(models.TextChoices):
    CURRENT = "current", "Current"
    SUPERSEDED = "superseded", "Superseded"


class Policy(models.Model):
    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="policies")
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.CASCADE, related_name="policies")
    position = models.PositiveSmallIntegerField(default=0)  # order printed on the form
    coverage = models.CharField(max_length=32, choices=list(schema.COVERAGES.items()))
    description = models.CharField(max_length=200, blank=True)  # write-in text of an "other" row
    insurer_letter = models.CharField(max_length=1, blank=True)
    policy_number = models.CharField(max_length=100, blank=True)
    effective_date = models.DateField(null=True, blank=True)
    expiration_date = models.DateField(null=True, blank=True)
    additional_insured = models.BooleanField(null=True, blank=True)
    subrogation_waived = models.BooleanField(null=True, blank=True)
    claims_made = models.BooleanField(null=True, blank=True)
    aggregate_applies_per = models.CharField(
        max_length=16, blank=True, choices=list(schema.AGGREGATE_APPLIES_PER.items())
    )
    auto_symbols = models.JSONField(default=list, blank=True)
    retention = models.PositiveBigIntegerField(null=True, blank=True)
    statutory = models.BooleanField(null=True, blank=True)
    excluded_officers = models.BooleanField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=PolicyStatus.choices, default=PolicyStatus.CURRENT
    )
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supersedes"
    )

    class Meta:
        ordering = ["certificate", "position", "id"]
        verbose_name_plural = "policies"
        indexes = [
            models.Index(fields=["vendor", "coverage", "status"]),
            models.Index(fields=["vendor", "expiration_date"]),
        ]

    def __str__(self) -> str:
        label = self.description or schema.COVERAGES.get(self.coverage, self.coverage)
        return f"{label} {self.policy_number}".strip()

    @property
    def coverage_label(self) -> str:
        if self.coverage == "other" and self.description:
            return self.description
        return schema.COVERAGES.get(self.coverage, self.coverage)

    def coverage_key(self) -> tuple[str, str]:
        """What "the same coverage" means for superseding: the line, and for write-ins its text."""
        desc = self.description.strip().lower() if self.coverage == "other" else ""
        return (self.coverage, desc)


class Limit(models.Model):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="limits")
    key = models.CharField(max_length=64)
    amount = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["policy", "key"], name="limit_key_once")]

    def __str__(self) -> str:
        return f"{schema.limit_label(self.policy.coverage, self.key)}: ${self.amount:,}"


class ReadingState(models.TextChoices):
    QUEUED = "queued", "Waiting to be read"
    READING = "reading", "Being read"
    DONE = "done", "Read"
    FAILED = "failed", "Could not be read"
    SKIPPED = "skipped", "Not applied"


class CertificateEvidence(models.Model):
    """The automatic reading of a certificate: what the reader wrote and where it saw each value.

    One row per certificate, replaced by each new reading (``run`` counts them). ``values`` maps a
    JSON path of the reader's output (``policies[0].limits.each_occurrence``) to its evidence:
    page (1-based), box (PDF points, top-left origin), confidence, text and ``flag``
    (``low_confidence`` / ``unreadable``). ``applied`` is the certificate's data right after the
    reader wrote it, and ``policy_ids`` the policies it became, in the reader's order: data that
    differs from ``applied`` was entered by a person, which a new reading must not overwrite.
    """

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    certificate = models.OneToOneField(
        Certificate, on_delete=models.CASCADE, related_name="evidence"
    )
    state = models.CharField(max_length=10, choices=ReadingState.choices,
                             default=ReadingState.QUEUED)
    run = models.PositiveIntegerField(default=0)  # readings so far; corrections cite theirs
    replace_human_edits = models.BooleanField(default=False)  # a reviewer asked to replace
    claimed_at = models.DateTimeField(null=True, blank=True)  # when a worker started reading
    read_at = models.DateTimeField(null=True, blank=True)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document_sha256 = models.CharField(max_length=64, blank=True)
    reader = models.CharField(max_length=50, blank=True)
    values = models.JSONField(default=dict, blank=True)
    extracted = models.JSONField(null=True, blank=True)  # the reader's schema data, verbatim
    applied = models.JSONField(null=True, blank=True)
    policy_ids = models.JSONField(default=list, blank=True)
    page_sizes = models.JSONField(default=list, blank=True)  # [[width, height]] in points
    warnings = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)  # why the file could not be read
    note = models.TextField(blank=True)  # why the result was not applied

    class Meta:
        verbose_name_plural = "certificate evidence"

    def __str__(self) -> str:
        return f"Reading of certificate #{self.certificate_id}"

    @property
    def pending(self) -> bool:
        return self.state in (ReadingState.QUEUED, ReadingState.READING)


class ReadingCorrection(models.Model):
    """A labelled example: a value the reader extracted (or missed) and what a reviewer corrected
    it to, with the evidence the reader had. Exported as JSONL to improve the reader."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="reading_corrections"
    )
    run = models.PositiveIntegerField()  # CertificateEvidence.run of the corrected reading
    document_sha256 = models.CharField(max_length=64)
    path = models.CharField(max_length=200)  # JSON path in the reader's output
    extracted = models.JSONField(null=True, blank=True)
    corrected = models.JSONField(null=True, blank=True)
    reader = models.CharField(max_length=50)
    evidence = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["certificate", "run", "path"],
                                    name="one_correction_per_path_per_reading")
        ]
        indexes = [models.Index(fields=["organization", "id"])]

    def __str__(self) -> str:
        return f"{self.path}: {self.extracted!r} -> {self.corrected!r}"
