"""Opening, answering, judging and closing requests. At most one open request per vendor.

Requests open by themselves (the tick: a policy expires within the schedule's window; a newly
accepted certificate leaves the vendor deficient) or by hand ("request now", one vendor or a
filtered selection). An upload from the vendor, through any channel, *answers* the open
request: chasing pauses until the answer is judged. Once nothing the vendor sent awaits review
and the vendor's evaluation is newer than the answer, the answer is judged: the request closes
when the vendor owes nothing any more, else a "what to fix" message starts a new round.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from coitrack.certificates.models import Certificate, CertificateStatus
from coitrack.chasing import plan
from coitrack.compliance.models import VendorEvaluation
from coitrack.compliance.services.clock import local_today, organization_zone
from coitrack.outreach.models import (
    CloseReason,
    CommunicationLog,
    LogKind,
    Reason,
    Request,
    RequestStatus,
)
from coitrack.outreach.services.log import log
from coitrack.outreach.services.schedules import Layers, vendor_schedules
from coitrack.outreach.services.state import columns_of, state_of
from coitrack.vendors.models import Vendor, VendorProject, VendorStatus
from coitrack.webhooks.services.hooks import request_answered

SATISFIED_STATUSES = ("compliant", "no_requirements", "expiring")
PENDING = (CertificateStatus.RECEIVED, CertificateStatus.PROCESSING,
           CertificateStatus.NEEDS_REVIEW)


class RequestRefused(Exception):
    """A request cannot be made for this vendor; the message says why."""


def open_request_of(vendor) -> Request | None:
    return Request.objects.filter(vendor=vendor, closed_at__isnull=True).first()


def request_now(*, vendor, actor, now=None) -> Request:
    """Ask ``vendor`` now, by hand: open a request, or have the open one send a request at
    the next moment of the send window. Refused for an inactive or merged vendor."""
    now = now or timezone.now()
    if vendor.status != VendorStatus.ACTIVE or vendor.merged_into_id:
        raise RequestRefused(f"{vendor} is not active: requests go only to active vendors.")
    with transaction.atomic():
        existing = Request.objects.select_for_update(of=("self",)).filter(
            vendor=vendor, closed_at__isnull=True).first()
        if existing is not None:
            Request.objects.filter(pk=existing.pk).update(
                send_now=True, status=RequestStatus.OPEN, next_action_at=now,
                step=existing.step + 1)
            log(vendor=vendor, request=existing, kind=LogKind.REQUEST_OPENED,
                detail=f"Request sent again by hand by {actor}")
            existing.refresh_from_db()
            return existing
        request = _create(vendor, Reason.MANUAL, now, actor=actor, send_now=True)
        log(vendor=vendor, request=request, kind=LogKind.REQUEST_OPENED,
            detail=f"Requested by hand by {actor}")
        return request


def request_now_many(*, organization, vendors, actor, now=None) -> tuple[int, int]:
    """"Request now" for a selection (a queryset of the organization's vendors). Returns
    ``(requested, skipped)``; inactive and merged vendors are skipped.

    Set-based (a handful of queries whatever the selection's size), in one transaction: open
    requests of the selection are told to send now, the other vendors get a new request; the
    tick sends them all at the next moment of the send window.
    """
    now = now or timezone.now()
    selected = vendors.filter(organization=organization)
    active = dict(selected.filter(status=VendorStatus.ACTIVE, merged_into__isnull=True)
                  .values_list("pk", "legal_name"))
    skipped = selected.count() - len(active)
    if not active:
        return 0, skipped
    today = local_today(organization, now=now)
    who = f"by hand by {actor}"
    with transaction.atomic():
        open_ids = dict(Request.objects.filter(vendor_id__in=list(active),
                                               closed_at__isnull=True)
                        .values_list("vendor_id", "pk"))
        Request.objects.filter(pk__in=list(open_ids.values())).update(
            send_now=True, status=RequestStatus.OPEN, next_action_at=now, step=F("step") + 1)
        Request.objects.bulk_create([
            Request(organization=organization, vendor_id=pk, reason=Reason.MANUAL,
                    opened_at=now, opened_on=today, send_now=True, next_action_at=now,
                    opened_by=actor if getattr(actor, "pk", None) else None)
            for pk in active if pk not in open_ids
        ], batch_size=1000, ignore_conflicts=True)
        requests_by_vendor = dict(Request.objects.filter(
            vendor_id__in=list(active), closed_at__isnull=True).values_list("vendor_id", "pk"))
        CommunicationLog.objects.bulk_create([
            CommunicationLog(organization=organization, vendor_id=pk,
                             request_id=requests_by_vendor.get(pk),
                             kind=LogKind.REQUEST_OPENED, at=now,
                             detail=f"Request sent again {who}" if pk in open_ids
                             else f"Requested {who}")
            for pk in active
        ], batch_size=1000)
    return len(active), skipped


def open_for_deficiency(*, vendor, now=None) -> Request | None:
    """A newly accepted certificate leaves ``vendor`` owing something, now or once its
    renewals start: open a request listing the fixes (unless one is open, or the
    organization's automatic requests are off)."""
    now = now or timezone.now()
    vendor = Vendor.objects.select_related("organization").get(pk=vendor.pk)
    if vendor.status != VendorStatus.ACTIVE or vendor.merged_into_id:
        return None
    schedule = vendor_schedules(vendor.organization, {vendor.pk: vendor.vendor_type_id})[vendor.pk]
    if not schedule.enabled or open_request_of(vendor) is not None:
        return None
    today = local_today(vendor.organization, now=now)
    missing = _judge(vendor, today, schedule.first_request_days, deficiencies_only=True)
    if not missing:
        return None
    try:
        with transaction.atomic():
            request = _create(vendor, Reason.DEFICIENT, now, missing=missing)
            log(vendor=vendor, request=request, kind=LogKind.REQUEST_OPENED,
                detail="A newly accepted certificate does not meet the requirements")
    except IntegrityError:  # another process opened one at the same moment
        return None
    return request


def _create(vendor, reason: str, now, *, actor=None, send_now: bool = False,
            expiration: dt.date | None = None, missing: list[dict] | None = None) -> Request:
    return Request.objects.create(
        organization_id=vendor.organization_id, vendor=vendor, reason=reason,
        opened_at=now, opened_on=local_today(vendor.organization, now=now),
        opened_by=actor if getattr(actor, "pk", None) else None, expiration=expiration,
        send_now=send_now, next_action_at=now, missing=missing or [])


def record_answer(*, vendor, channel: str, detail: str, now=None) -> Request | None:
    """The vendor sent something (``channel``: a ``LogKind``, e.g. upload or reply): log it and
    pause the open request until the answer is judged. In the caller's transaction."""
    now = now or timezone.now()
    request = Request.objects.select_for_update(of=("self",)).filter(
        vendor=vendor, closed_at__isnull=True).first()
    log(vendor=vendor, request=request, kind=channel, detail=detail, at=now)
    if request is None:
        return None
    state = plan.after_answer(state_of(request))
    Request.objects.filter(pk=request.pk).update(
        **columns_of(state), status=RequestStatus.ANSWERED, answered_at=now,
        next_action_at=None, step=request.step + 1)
    request.refresh_from_db()
    request_answered(request, channel=channel, detail=detail)  # webhooks: "request.answered"
    return request


def close(request: Request, reason: str, *, now=None, detail: str = "") -> bool:
    """Close ``request`` (if still open); return whether this call closed it."""
    now = now or timezone.now()
    with transaction.atomic():
        closed = Request.objects.filter(pk=request.pk, closed_at__isnull=True).update(
            closed_at=now, status=RequestStatus.CLOSED, close_reason=reason,
            next_action_at=None, step=request.step + 1)
        if closed:
            label = CloseReason(reason).label
            log(vendor=request.vendor, request=request, kind=LogKind.REQUEST_CLOSED,
                detail=f"{label}{': ' + detail if detail else ''}", at=now)
    return bool(closed)


def vendors_with_ended_projects(vendor_ids: Iterable[int], today: dt.date) -> set[int]:
    """Vendors that work on projects and whose every project has ended before ``today``
    (the vendor's own end date on the project, else the project's)."""
    ended: dict[int, bool] = {}
    for vendor_id, own_end, project_end in VendorProject.objects.filter(
            vendor_id__in=list(vendor_ids)).values_list(
            "vendor_id", "end_date", "project__end_date"):
        end = own_end or project_end
        over = end is not None and end < today
        ended[vendor_id] = ended.get(vendor_id, True) and over
    return {vendor_id for vendor_id, over in ended.items() if over}


def satisfied(status: str, next_expiration: dt.date | None, today: dt.date,
              first_request_days: int) -> bool:
    """Whether a vendor owes nothing: no failing status and no policy inside the window."""
    return status in SATISFIED_STATUSES and (
        next_expiration is None
        or next_expiration > today + dt.timedelta(days=first_request_days))


def settle(organization, *, now=None, vendor_ids: Iterable[int] | None = None) -> dict:
    """Close what should close and judge the answers that can be judged, for the
    organization's open requests (or those of ``vendor_ids``). Idempotent."""
    now = now or timezone.now()
    today = local_today(organization, now=now)
    requests = Request.objects.filter(organization=organization, closed_at__isnull=True)
    if vendor_ids is not None:
        requests = requests.filter(vendor_id__in=list(vendor_ids))
    requests = list(requests.select_related("vendor").annotate(
        has_pending=Exists(Certificate.objects.filter(vendor=OuterRef("vendor"),
                                                      status__in=PENDING))))
    counts = {"closed": 0, "judged": 0}
    if not requests:
        return counts
    vendors = {r.vendor_id: r.vendor for r in requests}
    layers = Layers(organization)
    schedules = vendor_schedules(organization, {pk: v.vendor_type_id for pk, v in
                                                vendors.items()}, layers=layers, today=today)
    ended = vendors_with_ended_projects(vendors, today)
    evaluated = dict(VendorEvaluation.objects.filter(vendor_id__in=list(vendors)).values_list(
        "vendor_id", "evaluated_at"))
    for request in requests:
        vendor = request.vendor
        schedule = schedules[vendor.pk]
        reason = None
        if vendor.merged_into_id:
            reason = CloseReason.MERGED
        elif vendor.status != VendorStatus.ACTIVE:
            reason = CloseReason.DEACTIVATED
        elif vendor.pk in ended:
            reason = CloseReason.PROJECTS_ENDED
        elif request.status != RequestStatus.ANSWERED and satisfied(
                vendor.compliance_status, vendor.next_expiration, today,
                schedule.first_request_days) and not request.has_pending and (
                request.reason != Reason.MANUAL or request.answered_at is not None) and (
                _judge(vendor, today, schedule.first_request_days) is None):
            reason = CloseReason.COMPLIANT
        if reason is not None:
            counts["closed"] += close(request, reason, now=now)
            continue
        if request.status == RequestStatus.ANSWERED and not request.has_pending:
            at = evaluated.get(vendor.pk)
            if at is None or at < request.answered_at:
                continue  # the vendor's evaluation does not include the answer yet
            verdict = _judge(vendor, today, schedule.first_request_days)
            if verdict is None:
                counts["closed"] += close(request, CloseReason.COMPLIANT, now=now)
            else:
                counts["judged"] += judge_answer(request, missing=verdict, now=now)
    return counts


def _judge(vendor, today: dt.date, first_request_days: int, *,
           deficiencies_only: bool = False) -> list[dict] | None:
    """``None`` when the vendor, as it will stand once its accepted renewals start, owes
    nothing; else what it still owes (items as in ``owed``). ``deficiencies_only``: a policy
    expiring inside the window does not count (a request about it opens by itself)."""
    from coitrack.compliance.services.forecast import status_when_renewals_start
    from coitrack.outreach.services.owed import deficiency_items, holders_of

    result = status_when_renewals_start(vendor, today)
    if result is None:
        return None
    if result.status in SATISFIED_STATUSES and (deficiencies_only or satisfied(
            result.status, vendor.next_expiration, today, first_request_days)):
        return None
    items = deficiency_items(result.deficiencies, holders_of([vendor.pk]).get(vendor.pk))
    return items or (None if deficiencies_only else [])


def judge_answer(request: Request, *, missing: list[dict] | None = None, now=None) -> bool:
    """The vendor's answer was reviewed and the vendor still owes something (``missing``):
    start a round with a "what to fix" message. Returns whether this call did it."""
    now = now or timezone.now()
    state = plan.after_judging(state_of(request))
    with transaction.atomic():
        done = Request.objects.filter(pk=request.pk, step=request.step,
                                      status=RequestStatus.ANSWERED).update(
            **columns_of(state), status=RequestStatus.OPEN, next_action_at=now,
            missing=missing or [], step=request.step + 1)
        if done:
            log(vendor=request.vendor, request=request, kind=LogKind.ANSWER_JUDGED,
                detail="What the vendor sent does not meet the requirements yet", at=now)
    return bool(done)


def zone_of(organization):
    return organization_zone(organization)
