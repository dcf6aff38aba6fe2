"""Scheduled report e-mails: saving schedules (admins, audited) and sending each period's once.

:func:`send_due_reports` runs every 15 minutes (``tasks.py``). For each active schedule it works
out the latest due moment in the organization's time zone (``periods.due_day``); a moment before
the schedule existed is not sent (a monthly report created on the 15th first goes out next
month). The claim is a ``ReportRun`` row unique per (schedule, period), inserted in the same
transaction as the outbox row: a second run, or a second worker at the same moment, hits the
constraint and sends nothing. The export is written as the schedule's creator would download it
(their "owner = me"), attached through the outbox (``outbox.queue(attachments=...)``), with dedupe
key ``report:<schedule>:<period>``. A file larger than :data:`MAX_ATTACHMENT_BYTES` is not
attached; the e-mail then links to the export instead.
"""

from __future__ import annotations

import datetime as dt
import logging
from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from coitrack.audit.models import Action
from coitrack.audit.services import diff, record, snapshot
from coitrack.compliance.services.clock import organization_zone
from coitrack.exports import datasets, periods, writers
from coitrack.exports.models import ReportRun, ReportSchedule

logger = logging.getLogger(__name__)
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
SCHEDULE_FIELDS = ("name", "kind", "filters", "format", "recipients", "frequency", "weekday",
                   "hour", "active")


def save_schedule(*, organization, actor, data: dict, schedule: ReportSchedule | None = None
                  ) -> ReportSchedule:
    """Create (``schedule`` None) or change a schedule from cleaned form data; audited."""
    with transaction.atomic():
        if schedule is None:
            schedule = ReportSchedule(organization=organization, created_by=actor)
            before = {}
            action = Action.CREATE
        else:
            before = snapshot(schedule, list(SCHEDULE_FIELDS))
            action = Action.UPDATE
        for name in SCHEDULE_FIELDS:
            setattr(schedule, name, data[name])
        schedule.save()
        after = snapshot(schedule, list(SCHEDULE_FIELDS))
        changes = diff(before, after)
        record(organization=organization, actor=actor, action=action, obj=schedule,
               changes=changes, note=f"Scheduled report “{schedule.name}”")
    return schedule


def delete_schedule(*, organization, actor, schedule: ReportSchedule) -> None:
    with transaction.atomic():
        record(organization=organization, actor=actor, action=Action.DELETE, obj=schedule,
               note=f"Scheduled report “{schedule.name}” deleted")
        schedule.delete()


def due_period(schedule: ReportSchedule, now: dt.datetime) -> dt.date | None:
    """The local date of the period due at ``now``, or None when its moment came before the
    schedule was created."""
    zone = organization_zone(schedule.organization)
    day = periods.due_day(schedule.frequency, now.astimezone(zone), hour=schedule.hour,
                          weekday=schedule.weekday)
    moment = dt.datetime.combine(day, dt.time(schedule.hour), zone)
    return day if moment >= schedule.created_at else None


def send_due_reports(*, now: dt.datetime | None = None) -> int:
    """Queue the e-mail of every schedule whose period is due and not sent; return how many."""
    now = now or timezone.now()
    sent = 0
    for schedule in ReportSchedule.objects.filter(active=True).select_related(
            "organization", "created_by"):
        try:
            sent += send_report(schedule, now=now)
        except Exception:  # one broken schedule must not stop the others
            logger.exception("scheduled report %s failed", schedule.pk)
    return sent


def send_report(schedule: ReportSchedule, *, now: dt.datetime) -> int:
    """This schedule's report for the period due at ``now``, once: 1 when an e-mail was queued."""
    period = due_period(schedule, now)
    if period is None or not schedule.recipients:
        return 0
    if ReportRun.objects.filter(schedule=schedule, period=period).exists():
        return 0
    try:
        with transaction.atomic():
            run = ReportRun.objects.create(schedule=schedule, period=period)
            return _fill(run, schedule, now)
    except IntegrityError:  # another worker claimed this period first
        return 0


def _fill(run: ReportRun, schedule: ReportSchedule, now: dt.datetime) -> int:
    from coitrack.notifications.services.transports import absolute_url, defuse
    from coitrack.outreach.models import Audience
    from coitrack.outreach.services.outbox import queue

    export = datasets.build(schedule.kind, organization=schedule.organization,
                            user=schedule.created_by, query=QueryDict(schedule.filters))
    counted = _Counter(export.rows)
    if schedule.format == "csv":
        content = "".join(writers.csv_text(export.header, counted)).encode()
    else:
        with writers.write_xlsx(export.header, counted, title=export.title) as handle:
            content = handle.read()
    run.row_count = counted.count
    filename = f"{export.kind}-{run.period.isoformat()}.{schedule.format}"
    link = absolute_url(reverse(f"exports:{schedule.kind}_{schedule.format}")
                        + (f"?{schedule.filters}" if schedule.filters else ""))
    attachments = []
    if len(content) <= MAX_ATTACHMENT_BYTES:
        attachments.append((filename, _content_type(schedule.format), content))
        where = f"The file is attached ({filename})."
    else:
        where = f"The file is too large to attach; download it from coitrack: {link}"
    filters = "; ".join(export.filters) or "no filters"
    text = (f"{schedule.name}\n\n{export.title} of {schedule.organization.name} as of "
            f"{run.period.isoformat()}: {counted.count} row{'s' if counted.count != 1 else ''} "
            f"({filters}).\n{where}\n\nThe same list, up to date: {link}\n\n"
            f"You receive this because an administrator of {schedule.organization.name} "
            "scheduled it in coitrack (Settings > Reports).\n")
    run.message = queue(
        organization=schedule.organization, vendor=None, audience=Audience.STAFF,
        dedupe_key=f"report:{schedule.pk}:{run.period.isoformat()}", to=schedule.recipients,
        kind="report", now=now, subject=f"{schedule.name}: {counted.count} rows · "
                                        f"{schedule.organization.name}",
        text=defuse(text), attachments=attachments)
    run.save(update_fields=["row_count", "message"])
    return 1 if run.message else 0


def _content_type(fmt: str) -> str:
    return writers.XLSX_CONTENT_TYPE if fmt == "xlsx" else "text/csv"


class _Counter:
    """Iterates rows once, counting them."""

    def __init__(self, rows):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def filters_query(query: QueryDict, kind: str) -> str:
    """The filters of a list's query string worth keeping in a schedule (no page number)."""
    kept = {k: v for k, v in query.items() if k not in ("page", "csrfmiddlewaretoken") and v}
    return urlencode(kept) if kind in datasets.KINDS else ""
