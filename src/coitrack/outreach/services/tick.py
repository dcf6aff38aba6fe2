"""The scheduler's pass: open due requests, settle answered ones, send every step that is due.

Safe to run twice, or in two processes at once. Opening relies on the unique "one open request
per vendor" constraint; every step on a request is claimed with a conditional UPDATE on its
``step`` version, so only one process takes it; the messages of a step carry a unique dedupe key
(request, step, audience) as a second guard. A step's messages are written in the transaction
that claims it (the outbox), so a step is never taken without its messages nor the reverse.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from coitrack.accounts.models import Organization
from coitrack.chasing import calendar, plan
from coitrack.chasing.schedule import Schedule
from coitrack.chasing.wording import holder_text
from coitrack.compliance.services.clock import local_today, organization_zone
from coitrack.outreach.messages import MessageContext, render, source_for
from coitrack.outreach.models import (
    Audience,
    CommunicationLog,
    LogKind,
    MessageTemplate,
    OutboxMessage,
    Reason,
    Request,
    RequestStatus,
)
from coitrack.outreach.services import outbox
from coitrack.outreach.services.log import log_rows
from coitrack.outreach.services.owed import owed_by_vendor
from coitrack.outreach.services.requests import settle, vendors_with_ended_projects
from coitrack.outreach.services.schedules import Layers, vendor_schedules
from coitrack.outreach.services.state import columns_of, state_of
from coitrack.vendors.models import Contact, ContactRole, Vendor, VendorStatus

CHUNK = 500


@dataclass(slots=True)
class TickReport:
    opened: int = 0
    closed: int = 0
    judged: int = 0
    messages: int = 0
    unresponsive: int = 0
    deferred: int = 0
    seconds: float = 0.0
    by_kind: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, other: TickReport) -> None:
        for name in ("opened", "closed", "judged", "messages", "unresponsive", "deferred"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, n in other.by_kind.items():
            self.by_kind[kind] += n


def tick(*, now: dt.datetime | None = None) -> TickReport:
    """One pass over every organization."""
    started = time.perf_counter()
    now = now or timezone.now()
    report = TickReport()
    for organization in Organization.objects.order_by("pk"):
        report.add(tick_organization(organization, now=now))
    if report.messages:
        transaction.on_commit(outbox.kick_delivery)
    report.seconds = time.perf_counter() - started
    return report


def tick_organization(organization, *, now: dt.datetime) -> TickReport:
    report = TickReport()
    settled = settle(organization, now=now)
    report.closed, report.judged = settled["closed"], settled["judged"]
    layers = Layers(organization)
    report.opened = _open_due(organization, layers, now)
    _send_due(organization, layers, now, report)
    return report


def _open_due(organization, layers: Layers, now: dt.datetime) -> int:
    """Open a request for each active vendor whose first policy expires within its window."""
    today = local_today(organization, now=now)
    horizon = today + dt.timedelta(days=layers.upper_first_request_days())
    found = list(
        Vendor.objects.filter(
            organization=organization, status=VendorStatus.ACTIVE, merged_into__isnull=True,
            next_expiration__lte=horizon,
        ).exclude(Exists(Request.objects.filter(vendor=OuterRef("pk"),
                                                closed_at__isnull=True)))
        .values_list("pk", "vendor_type_id", "next_expiration"))
    if not found:
        return 0
    candidates = {pk: type_id for pk, type_id, _ in found}
    expirations = {pk: expiration for pk, _, expiration in found}
    schedules = vendor_schedules(organization, candidates, layers=layers, today=today)
    ended = vendors_with_ended_projects(candidates, today)
    rows = []
    for vendor_id, schedule in schedules.items():
        expiration = expirations[vendor_id]
        if (not schedule.enabled or vendor_id in ended
                or plan.request_opens_on(expiration, schedule) > today):
            continue
        rows.append(Request(
            organization=organization, vendor_id=vendor_id,
            reason=Reason.EXPIRED if expiration <= today else Reason.EXPIRING,
            opened_at=now, opened_on=today, expiration=expiration, next_action_at=now))
    # A vendor that got an open request meanwhile (another tick) is skipped by the constraint.
    created = Request.objects.bulk_create(rows, batch_size=CHUNK, ignore_conflicts=True)
    return len(created)


def _send_due(organization, layers: Layers, now: dt.datetime, report: TickReport) -> None:
    zone = organization_zone(organization)
    today = local_today(organization, now=now)
    custom = {t.kind: t for t in MessageTemplate.objects.filter(organization=organization)}
    sources = {kind: source_for(organization, kind, custom=custom)
               for kind in (*plan.KINDS, "agent")}
    due = Request.objects.filter(
        organization=organization, closed_at__isnull=True, status=RequestStatus.OPEN,
        next_action_at__lte=now).order_by("next_action_at", "pk")
    last_pk = 0
    while True:
        chunk = list(due.filter(pk__gt=last_pk).order_by("pk").select_related("vendor")[:CHUNK])
        if not chunk:
            break
        last_pk = chunk[-1].pk
        vendors = {r.vendor_id: r.vendor.vendor_type_id for r in chunk}
        schedules = vendor_schedules(organization, vendors, layers=layers, today=today)
        owed = owed_by_vendor(list(vendors), today=today, horizon={
            pk: s.first_request_days for pk, s in schedules.items()})
        contacts = _contacts(list(vendors))
        with transaction.atomic():
            batch = _Batch()
            for request in chunk:
                _advance(request, schedules[request.vendor_id], owed[request.vendor_id],
                         contacts.get(request.vendor_id, {}), sources, zone, today, now,
                         report, batch, organization)
            batch.write()


class _Batch:
    """The messages and log lines of one chunk, written together (two bulk INSERTs)."""

    def __init__(self) -> None:
        self.messages: list[OutboxMessage] = []
        self.logs: list[CommunicationLog] = []

    def write(self) -> None:
        # The step claims make a second row per step impossible; the unique dedupe key would
        # refuse one anyway (and roll the chunk back, to be taken again by the next tick).
        OutboxMessage.objects.bulk_create(self.messages, batch_size=CHUNK)
        for line in self.logs:
            if line.message is not None:
                line.message_id = line.message.pk
        log_rows(self.logs)


def _advance(request: Request, schedule: Schedule, owed, contacts: dict, sources: dict,
             zone, today: dt.date, now: dt.datetime, report: TickReport, batch: _Batch,
             organization) -> None:
    # What the vendor owes now decides whether follow-ups after expiry apply: a renewal that
    # arrived (even with other gaps) ends them.
    state = replace(state_of(request), expiration=owed.expiration)
    moment = calendar.next_moment(now, zone, schedule)
    if not schedule.enabled and not state.send_now and request.reason != Reason.MANUAL:
        # Automatic requests switched off: this one waits (a request by hand still goes out).
        moment = calendar.send_time(today + dt.timedelta(days=1), zone, schedule)
    if moment != now.astimezone(zone):
        report.deferred += Request.objects.filter(pk=request.pk, step=request.step).update(
            next_action_at=moment)
        return
    step = plan.next_step(state, schedule)
    unresponsive = plan.unresponsive_on(state, schedule)
    changes: dict = {}
    if unresponsive is not None and unresponsive <= today:
        changes["unresponsive_at"] = now
        state = replace(state, unresponsive=True)
    message_step = step if step is not None and step.on <= today else None
    items: list[dict] = []
    if message_step is not None:
        items = _items(request, message_step, owed)
        state = plan.after_sending(state, message_step, today)
        changes.update(messages_sent=request.messages_sent + 1, missing=items)
        if message_step.escalate:
            changes["escalated_at"] = now
    # Nothing more planned (every reminder and follow-up sent): look again the next day, since
    # what the vendor owes may change (a policy that expires starts follow-ups).
    following = plan.next_action_on(state, schedule) or today + dt.timedelta(days=1)
    changes.update(columns_of(state), step=request.step + 1,
                   next_action_at=calendar.send_time(following, zone, schedule))
    if not Request.objects.filter(pk=request.pk, step=request.step,
                                  closed_at__isnull=True).update(**changes):
        return  # another process took this step
    vendor = request.vendor
    vendor.organization = organization  # saves a query per request
    if "unresponsive_at" in changes:
        report.unresponsive += 1
        batch.logs.append(_log(request, LogKind.UNRESPONSIVE,
                               f"No answer since {state.waiting_since:%m/%d/%Y}", now))
        _tell_owner(request, "vendor_unresponsive", f"{vendor} is unresponsive",
                    "No answer to the certificate requests.")
    if message_step is None:
        return
    report.messages += _queue_step(request, message_step, items, owed, contacts, sources, now,
                                   batch)
    report.by_kind[message_step.kind] += 1
    if message_step.escalate:
        batch.logs.append(_log(
            request, LogKind.ESCALATED,
            f"{request.unanswered} unanswered messages: the agent is copied", now))
        _tell_owner(request, "request_escalated", f"{vendor}: request escalated to the agent",
                    "The vendor has not answered; its insurance agent now gets the requests.")


def _items(request: Request, step: plan.Step, owed) -> list[dict]:
    """What the message asks for: what the vendor owes now, and for a "what to fix" message
    (or the first message of a request a deficient certificate opened) first what judging the
    certificate found (as the vendor will stand once its renewals start)."""
    items = list(owed.items)
    if step.kind == plan.FIX or (step.kind == plan.REQUEST and request.reason == Reason.DEFICIENT
                                 and request.messages_sent == 0):
        known = {item["text"] for item in request.missing}
        items = list(request.missing) + [i for i in items if i["text"] not in known]
    return items


def _queue_step(request: Request, step: plan.Step, items: list[dict], owed, contacts: dict,
                sources: dict, now: dt.datetime, batch: _Batch) -> int:
    vendor = request.vendor
    context = MessageContext(
        organization_name=vendor.organization.name, vendor_name=vendor.display_name,
        contact_name=contacts.get("vendor_name", ""),
        items=[i["text"] for i in items] or ["A current certificate of insurance."],
        agent_items=[i["agent_text"] for i in items] or [
            "A current certificate of insurance."],
        expiration=owed.expiration.strftime("%m/%d/%Y") if owed.expiration else "",
        reminder_number=request.messages_sent,
        holder=holder_text(owed.holder),
        # The reply address carries a token minted when the message is sent (outbox._email).
        reply_to=OutboxMessage.REPLY_TO_MARK if settings.INBOUND_ADDRESS else "",
    )
    audiences = [(Audience.VENDOR, step.kind, contacts.get(ContactRole.VENDOR, []))]
    if step.copy_agent:
        audiences.append((Audience.AGENT, "agent", contacts.get(ContactRole.AGENT, [])))
    queued = 0
    for audience, kind, addresses in audiences:
        if not addresses:
            batch.logs.append(_log(request, LogKind.NO_RECIPIENT,
                                   f"No {Audience(audience).label.lower()} e-mail address for "
                                   f"the {step.kind}", now))
            continue
        rendered = render(sources[kind], context)
        message = OutboxMessage(
            organization_id=request.organization_id, vendor=vendor, request=request,
            kind=step.kind, audience=audience,
            dedupe_key=f"request:{request.pk}:step:{request.step + 1}:{audience}",
            to=sorted(set(addresses)), subject=rendered.subject, text_body=rendered.text,
            html_body=rendered.html, next_attempt_at=now)
        batch.messages.append(message)
        queued += 1
        batch.logs.append(_log(request, LogKind.MESSAGE_QUEUED,
                               f"{step.kind.capitalize()} to {', '.join(addresses)}: "
                               f"{rendered.subject}", now, message=message))
    return queued


def _contacts(vendor_ids: list[int]) -> dict[int, dict]:
    """``{vendor: {"vendor": [addresses], "agent": [addresses], "vendor_name": name}}``:
    vendor contacts (and "other" ones) get the vendor's messages, agents the agent's."""
    found: dict[int, dict] = defaultdict(lambda: defaultdict(list))
    for vendor_id, role, name, email in Contact.objects.filter(
            vendor_id__in=vendor_ids).exclude(email="").order_by(
            "vendor_id", "-is_primary", "pk").values_list("vendor_id", "role", "name", "email"):
        entry = found[vendor_id]
        key = ContactRole.AGENT if role == ContactRole.AGENT else ContactRole.VENDOR
        if email not in entry[key]:
            entry[key].append(email)
        if key == ContactRole.VENDOR and "vendor_name" not in entry:
            entry["vendor_name"] = name
    return found


def _log(request: Request, kind: str, detail: str, at, message: OutboxMessage | None = None
         ) -> CommunicationLog:
    return CommunicationLog(organization_id=request.organization_id, vendor_id=request.vendor_id,
                            request=request, message=message, kind=kind, detail=detail[:2000],
                            at=at)


def _tell_owner(request: Request, kind: str, title: str, body: str) -> None:
    """Publish ``kind`` (vendor unresponsive, request escalated) about the request's vendor: its
    owner, and whoever follows every vendor for it, hear of it as they chose."""
    from coitrack.notifications.services import publish

    publish(kind, request.vendor.organization, vendor=request.vendor, title=title, body=body,
            url=f"/vendors/{request.vendor_id}/")
