"""Stored compliance: each vendor's latest evaluation, waivers, and re-evaluation runs.

The evaluation itself is pure (``coitrack.rules``); these rows keep its result so lists can filter
on it, and say how current it is.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

# The vendor's overall status, worst first: the order in which several templates' statuses are
# combined (see ``services.evaluation.worst_status``). ``no_requirements``: no template applies.
STATUS_CHOICES = [
    ("non_compliant", "Non-compliant"),
    ("expired", "Expired"),
    ("missing", "Missing"),
    ("expiring", "Expiring"),
    ("compliant", "Compliant"),
    ("no_requirements", "No requirements"),
]
STATUS_LABELS = dict(STATUS_CHOICES)


class VendorEvaluation(models.Model):
    """The latest evaluation of one vendor against every template that applies to it."""

    vendor = models.OneToOneField(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="evaluation"
    )
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=16, choices=STATUS_CHOICES)
    # The engine's deficiencies of every template, each with "template" (the template's name)
    # and "template_id" added.
    deficiencies = models.JSONField(default=list)
    # One entry per applied template: template_id, name, source, status, coverages (the engine's
    # per-requirement report with the judged policy and every limit check).
    evaluations = models.JSONField(default=list)
    # Certificates received but not accepted yet: they do not count until a reviewer accepts
    # them, and the checklist says so.
    pending_certificates = models.PositiveIntegerField(default=0)
    as_of = models.DateField()
    evaluated_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["organization", "as_of"], name="evaluation_org_as_of")]

    def __str__(self) -> str:
        return f"{self.vendor_id}: {self.status} as of {self.as_of}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


class OpenDeficiency(models.Model):
    """One unwaived deficiency code a vendor has now: what the vendor list's filter reads.

    Derived from ``VendorEvaluation.deficiencies`` and rewritten with it; one row per (vendor,
    code), so "vendors lacking additional insured" is an index lookup, not a JSON scan.
    """

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    vendor = models.ForeignKey(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="open_deficiencies"
    )
    code = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vendor", "code"], name="open_deficiency_once")
        ]
        indexes = [
            models.Index(fields=["organization", "code", "vendor"], name="open_deficiency_code")
        ]

    def __str__(self) -> str:
        return f"{self.vendor_id}: {self.code}"


class EvaluationRun(models.Model):
    """A re-evaluation of many vendors in the background, with its progress.

    ``kind`` is ``change`` (something vendors depend on changed) or ``daily`` (the passage of
    time); daily runs are unique per organization and local day, which is how two workers agree
    that one of them does the day's run.
    """

    KIND_CHANGE = "change"
    KIND_DAILY = "daily"
    KIND_CHOICES = [(KIND_CHANGE, "After a change"), (KIND_DAILY, "Daily")]

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=KIND_CHOICES, default=KIND_CHANGE)
    reason = models.CharField(max_length=500)
    # The vendors to evaluate, or null for all of the organization's.
    vendor_ids = models.JSONField(null=True, blank=True)
    as_of = models.DateField(null=True, blank=True)  # set for daily runs: their local day
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "as_of"], condition=models.Q(kind="daily"),
                name="one_daily_run_per_org_and_day",
            )
        ]
        indexes = [models.Index(fields=["organization", "finished_at"], name="run_org_active")]

    def __str__(self) -> str:
        return f"Re-evaluation ({self.reason})"

    @property
    def is_active(self) -> bool:
        return self.finished_at is None

    @property
    def percent(self) -> int:
        if not self.total:
            return 0 if self.finished_at is None else 100
        return min(100, round(100 * self.done / self.total))


class Waiver(models.Model):
    """A reviewer's decision that one deficiency does not count for one vendor (or one project).

    Matches deficiencies by (code, coverage, limit), as ``coitrack.rules.waivers`` does. In effect
    while not revoked and:
    - ``expires_on`` set: until the start of that day in the organization's time zone (the day
      it expires it no longer applies, like a policy on its expiration date);
    - ``until_renewal``: while the policy judged for the coverage still has the expiration date
      recorded in ``renewal_of_expiration`` (for deficiencies of the whole certificate, coverage
      null: the earliest expiration among the template's judged policies), i.e. until the
      vendor's policy renews.
    ``project`` set: only for the templates that apply because of that project.
    """

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.CASCADE, related_name="waivers")
    project = models.ForeignKey(
        "vendors.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    code = models.CharField(max_length=40)
    coverage = models.CharField(max_length=32, null=True, blank=True)
    limit = models.CharField(max_length=64, null=True, blank=True)
    reason = models.TextField()
    expires_on = models.DateField(null=True, blank=True)
    until_renewal = models.BooleanField(default=False)
    renewal_of_expiration = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["vendor", "revoked_at"], name="waiver_vendor_live")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=False) | models.Q(until_renewal=True),
                name="waiver_has_an_end",
            )
        ]

    def __str__(self) -> str:
        parts = [self.code, self.coverage, self.limit]
        return "Waiver of " + " / ".join(p for p in parts if p)

    def key(self) -> tuple[str, str | None, str | None]:
        return (self.code, self.coverage or None, self.limit or None)
