"""Scheduled report e-mails: due moments, once per period, attachments through the outbox to a
real SMTP server, and Settings > Reports for admins."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coitrack.exports.models import ReportRun, ReportSchedule
from coitrack.exports.periods import due_day, first_business_day
from coitrack.exports.services import send_due_reports, send_report
from coitrack.outreach.models import OutboxMessage
from coitrack.outreach.services.outbox import deliver_due
from coitrack.testing import factories
from coitrack.testing.smtp import SmtpServer, mailers

# Sunday 2026-03-01; the first business day of March 2026 is Monday the 2nd.
MARCH_2_9AM = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_monthly_reports_are_due_on_the_first_business_day():
    assert first_business_day(2026, 3) == dt.date(2026, 3, 2)  # the 1st is a Sunday
    assert due_day("monthly", dt.datetime(2026, 3, 2, 9), hour=8) == dt.date(2026, 3, 2)
    # before the hour on that day, the previous month's is the latest due
    assert due_day("monthly", dt.datetime(2026, 3, 2, 7), hour=8) == dt.date(2026, 2, 2)
    assert due_day("monthly", dt.datetime(2026, 3, 20, 7), hour=8) == dt.date(2026, 3, 2)


def test_weekly_and_daily_reports_are_due_on_their_days():
    wednesday = dt.datetime(2026, 3, 4, 12)
    assert due_day("weekly", wednesday, hour=8, weekday=0) == dt.date(2026, 3, 2)
    assert due_day("weekly", wednesday, hour=13, weekday=2) == dt.date(2026, 2, 25)
    assert due_day("daily", dt.datetime(2026, 3, 1, 12), hour=8) == dt.date(2026, 2, 27)


@pytest.fixture
def schedule(org, admin_user):
    factories.vendor(org, "Nova Roofing", compliance_status="non_compliant")
    factories.vendor(org, "Oscar Fencing", compliance_status="compliant")
    made = ReportSchedule.objects.create(
        organization=org, name="Non-compliant vendors", kind="vendors",
        filters="compliance=non_compliant", format="xlsx", recipients=["risk@harbor.test"],
        frequency="monthly", hour=8, created_by=admin_user)
    ReportSchedule.objects.filter(pk=made.pk).update(created_at=dt.datetime(2026, 2, 1,
                                                                             tzinfo=dt.UTC))
    made.refresh_from_db()
    return made


@pytest.mark.django_db
def test_the_report_reaches_a_real_smtp_server_once_per_period(schedule, settings):
    server = SmtpServer()
    server.start()
    try:
        settings.MAILERS = mailers(server.port)
        assert send_due_reports(now=MARCH_2_9AM) == 1
        assert send_due_reports(now=MARCH_2_9AM + dt.timedelta(hours=3)) == 0  # same period
        deliver_due(now=MARCH_2_9AM)
        [(to, message)] = server.messages
        assert to == ["risk@harbor.test"]
        assert "1 rows" in message["Subject"] or "1 row" in message["Subject"]
        [attachment] = list(message.iter_attachments())
        assert attachment.get_filename() == "vendors-2026-03-02.xlsx"
        sheet = load_workbook(io.BytesIO(attachment.get_content()), read_only=True).active
        names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert names == ["Nova Roofing"]
    finally:
        server.stop()
    assert ReportRun.objects.get().row_count == 1


@pytest.mark.django_db
def test_a_second_worker_finds_the_period_claimed(schedule):
    assert send_report(schedule, now=MARCH_2_9AM) == 1
    assert send_report(schedule, now=MARCH_2_9AM) == 0
    assert OutboxMessage.objects.filter(kind="report").count() == 1


@pytest.mark.django_db
def test_a_period_due_before_the_schedule_existed_is_not_sent(schedule):
    ReportSchedule.objects.filter(pk=schedule.pk).update(
        created_at=dt.datetime(2026, 3, 10, tzinfo=dt.UTC))
    schedule.refresh_from_db()
    assert send_report(schedule, now=dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC)) == 0
    assert send_report(schedule, now=dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC)) == 1


@pytest.mark.django_db
def test_csv_reports_are_attached_as_csv(schedule):
    schedule.format = "csv"
    schedule.save()
    send_report(schedule, now=MARCH_2_9AM)
    [item] = OutboxMessage.objects.get(kind="report").attachments
    assert item["name"] == "vendors-2026-03-02.csv" and item["content_type"] == "text/csv"


@pytest.mark.django_db
def test_paused_schedules_send_nothing(schedule):
    schedule.active = False
    schedule.save()
    assert send_due_reports(now=MARCH_2_9AM) == 0


@pytest.mark.django_db
def test_admins_schedule_a_report_in_settings(org, admin_client):
    response = admin_client.post(reverse("exports:schedules"), {
        "name": "Expired each Monday", "kind": "vendors",
        "filters": "/vendors/?compliance=expired&page=3", "format": "csv",
        "recipients": "a@harbor.test, b@harbor.test", "frequency": "weekly", "weekday": "0",
        "hour": "7", "active": "on"})
    assert response.status_code == 302
    made = ReportSchedule.objects.get(organization=org)
    assert made.filters == "compliance=expired"
    assert made.recipients == ["a@harbor.test", "b@harbor.test"]
    page = admin_client.get(reverse("exports:schedules")).content.decode()
    assert "Expired each Monday" in page


@pytest.mark.django_db
def test_bad_recipients_are_refused_and_nothing_is_saved(org, admin_client):
    response = admin_client.post(reverse("exports:schedules"), {
        "name": "X", "kind": "vendors", "format": "csv", "recipients": "not-an-address",
        "frequency": "monthly", "weekday": "0", "hour": "8"})
    assert response.status_code == 400
    assert "Not e-mail addresses: not-an-address" in response.content.decode()
    assert not ReportSchedule.objects.exists()


@pytest.mark.django_db
def test_reviewers_cannot_manage_schedules(org, reviewer_client, schedule):
    assert reviewer_client.get(reverse("exports:schedules")).status_code == 403
    assert reviewer_client.post(reverse("exports:schedule_delete",
                                        args=[schedule.pk])).status_code == 403
    assert ReportSchedule.objects.filter(pk=schedule.pk).exists()


@pytest.mark.django_db
def test_admins_edit_and_delete_schedules(admin_client, schedule):
    response = admin_client.post(reverse("exports:schedule_edit", args=[schedule.pk]), {
        "name": "Renamed", "kind": "vendors", "format": "xlsx",
        "recipients": "risk@harbor.test", "frequency": "monthly", "weekday": "0", "hour": "9"})
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert (schedule.name, schedule.hour, schedule.active) == ("Renamed", 9, False)
    admin_client.post(reverse("exports:schedule_delete", args=[schedule.pk]))
    assert not ReportSchedule.objects.exists()
