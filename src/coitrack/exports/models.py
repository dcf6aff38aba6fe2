"""Scheduled report e-mails: what to send to whom, how often, and each period's run.

A ``ReportRun`` per (schedule, period) is the claim that the period's e-mail was handled: the
periodic job inserts it first, so a second run or a second worker finds it and sends nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly, on the first business day"
    WEEKLY = "weekly", "Weekly"
    DAILY = "daily", "Every business day"


class ReportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"


WEEKDAYS = [(0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday"),
            (5, "Saturday"), (6, "Sunday")]


class ReportSchedule(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16)  # a key of exports.datasets.KINDS
    # The export's filters as the list's query string ("compliance=non_compliant&type=3").
    filters = models.CharField(max_length=1000, blank=True)
    format = models.CharField(max_length=4, choices=ReportFormat.choices,
                              default=ReportFormat.XLSX)
    recipients = models.JSONField(default=list)  # e-mail addresses
    frequency = models.CharField(max_length=8, choices=Frequency.choices,
                                 default=Frequency.MONTHLY)
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS, default=0)  # weekly only
    hour = models.PositiveSmallIntegerField(default=8)  # local hour in the organization's zone
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["active"], name="report_schedule_active")]

    def __str__(self) -> str:
        return self.name


class ReportRun(models.Model):
    schedule = models.ForeignKey(ReportSchedule, on_delete=models.CASCADE, related_name="runs")
    period = models.DateField()  # the local date of the moment it was due
    created_at = models.DateTimeField(auto_now_add=True)
    row_count = models.PositiveIntegerField(default=0)
    message = models.ForeignKey("outreach.OutboxMessage", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-period", "-id"]
        constraints = [models.UniqueConstraint(fields=["schedule", "period"],
                                               name="one_report_run_per_period")]

    def __str__(self) -> str:
        return f"{self.schedule_id} for {self.period}"
