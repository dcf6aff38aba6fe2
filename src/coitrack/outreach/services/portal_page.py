"""What a live portal link shows: who asks, what they require, what is missing, what arrived.

Only what the vendor may know: the organization's and its own name, the requirements that
apply to it (in words), what it owes now, and the files it (or anyone for it) sent that await
review, by date and file name. Never another vendor, internal notes, review reasons, template
names or staff names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from coitrack.certificates.models import Certificate
from coitrack.compliance.services.clock import local_today
from coitrack.compliance.services.loading import PENDING
from coitrack.outreach.models import LogKind, PortalLink, RequestStatus
from coitrack.outreach.services.log import log
from coitrack.outreach.services.owed import owed_by_vendor
from coitrack.outreach.services.portal import record_opening
from coitrack.outreach.services.portal_words import RequirementWords, requirement_words
from coitrack.outreach.services.schedules import vendor_schedules


@dataclass(frozen=True, slots=True)
class Received:
    """A certificate awaiting review: when it arrived and its files' names."""

    received_date: dt.date
    names: list[str]


@dataclass(slots=True)
class PortalPage:
    organization_name: str
    vendor_name: str
    requirements: list[RequirementWords] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    awaiting: list[Received] = field(default_factory=list)
    answered: bool = False  # the open request waits for the organization's review


def window_days(vendor, *, today: dt.date) -> int:
    """How many days before expiry the organization asks this vendor for a renewal."""
    schedules = vendor_schedules(vendor.organization, {vendor.pk: vendor.vendor_type_id},
                                 today=today)
    return schedules[vendor.pk].first_request_days


def page_for(link: PortalLink, *, now=None) -> PortalPage:
    """Everything the portal page of ``link`` (a live link, from ``portal.resolve``) shows."""
    from coitrack.requirements.services import templates_for_vendor

    now = now or timezone.now()
    vendor = link.vendor
    today = local_today(link.organization, now=now)
    owed = owed_by_vendor([vendor.pk], today=today,
                          horizon=window_days(vendor, today=today))[vendor.pk]
    awaiting = [
        Received(cert.received_date, [d.original_name for d in cert.documents.all()])
        for cert in Certificate.objects.filter(vendor=vendor, status__in=PENDING)
        .prefetch_related("documents").order_by("-received_date", "-id")[:20]
    ]
    request = link.request
    return PortalPage(
        organization_name=link.organization.name,
        vendor_name=vendor.legal_name,
        requirements=[requirement_words(t.data, t.source)
                      for t in templates_for_vendor(vendor, today=today)],
        missing=owed.texts,
        awaiting=awaiting,
        answered=bool(request and request.status == RequestStatus.ANSWERED),
    )


def note_opening(link: PortalLink, *, now=None) -> None:
    """Count an opening of the page; the vendor's log gets a line for the *first* opening of
    each link only (decision: reloads and revisits would drown the log; the link keeps the
    count and the last time)."""
    now = now or timezone.now()
    if record_opening(link, now=now):
        log(vendor=link.vendor, request=link.request, kind=LogKind.LINK_OPENED, at=now,
            detail="Portal link opened")
