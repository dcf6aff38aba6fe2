"""What each export holds: its columns, and its rows read from the database in constant memory.

A dataset is built from the same query string as the screen it exports, so "export" gives
exactly the filtered list on screen: the vendor list through its own form and queryset
(``vendors.listing``), the certificate list through the same status and search filters. Rows are
read with ``values_list(...).iterator(chunk_size=2000)``: tuples, never model instances, so
50,000 vendors cost the same memory as 2,000. Everything is scoped to ``organization``.

Kinds: ``vendors`` (with compliance status and the open deficiencies in words),
``certificates`` (one row per policy, certificates without policies at the end),
``expirations`` (current policies of accepted certificates expiring in a date range) and
``outreach`` (the communications log).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.aggregates import StringAgg
from django.db.models.functions import Cast, Concat
from django.http import QueryDict

from coitrack import schema
from coitrack.certificates.models import (
    Certificate,
    CertificateStatus,
    Insurer,
    Limit,
    Policy,
    PolicyStatus,
)
from coitrack.compliance.labels import deficiency_label
from coitrack.compliance.models import STATUS_LABELS
from coitrack.compliance.services.clock import local_today, organization_zone
from coitrack.outreach.models import CommunicationLog, LogKind, MessageStatus
from coitrack.vendors.listing import VendorFilterForm, vendor_queryset
from coitrack.vendors.models import Vendor, VendorStatus, VendorType

CHUNK = 2000
DEFAULT_EXPIRING_DAYS = 30
MAX_RANGE_DAYS = 3660
CERTIFICATE_REVIEW = "review"  # the certificate list's "to review" filter


@dataclass
class Export:
    """An export ready to write: its columns and an iterator of rows (read lazily)."""

    kind: str
    title: str
    header: list[str]
    rows: Iterator[list]
    filters: list[str] = field(default_factory=list)  # the filters applied, in words


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    build: Callable[..., Export]


def _zone_time(value: dt.datetime | None, zone: ZoneInfo) -> dt.datetime | None:
    return value.astimezone(zone).replace(second=0, microsecond=0) if value else None


def _person(first: str | None, last: str | None, username: str | None) -> str:
    full = f"{first or ''} {last or ''}".strip()
    return full or username or ""


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


# -- vendors -----------------------------------------------------------------------------------

VENDOR_HEADER = ["Vendor", "DBA", "Type", "Owner", "Status", "Compliance", "Next expiration",
                 "Certificates", "Deficiencies", "Deficiency details", "Tax ID", "City",
                 "State", "Updated"]


def vendors(*, organization, user, query: QueryDict) -> Export:
    """The vendor list with the screen's filters and sort order."""
    today = local_today(organization)
    form = VendorFilterForm(query, organization=organization)
    values = form.values()
    queryset = (vendor_queryset(organization=organization, user=user, values=values, today=today)
                .prefetch_related(None)
                .values_list("legal_name", "dba", "vendor_type__name", "owner__first_name",
                             "owner__last_name", "owner__username", "status",
                             "compliance_status", "next_expiration", "certificate_count",
                             "evaluation__deficiencies", "tax_id", "city", "state",
                             "updated_at"))
    zone = organization_zone(organization)
    status_labels = dict(VendorStatus.choices)

    def rows() -> Iterator[list]:
        for (name, dba, type_name, first, last, username, status, compliance, expires, count,
             deficiencies, tax_id, city, state, updated) in queryset.iterator(chunk_size=CHUNK):
            open_ = [d for d in deficiencies or [] if not d.get("waived")]
            codes = list(dict.fromkeys(d.get("code", "") for d in open_))
            yield [name, dba, type_name or "", _person(first, last, username),
                   status_labels.get(status, status), STATUS_LABELS.get(compliance, compliance),
                   expires, count, "; ".join(deficiency_label(c) for c in codes),
                   " ".join(d.get("message", "") for d in open_), tax_id, city, state,
                   _zone_time(updated, zone)]

    return Export("vendors", "Vendors", VENDOR_HEADER, rows(), _vendor_filter_words(form, values))


def _vendor_filter_words(form: VendorFilterForm, values: dict) -> list[str]:
    words = []
    for select in form.selects(values):
        chosen = [text for value, text, selected in select["options"] if selected and value]
        if chosen and not (select["name"] == "status" and values["status"] == "active"):
            words.append(f"{select['label']}: {chosen[0]}")
    if values["status"] == "active":
        words.insert(0, "Active vendors")
    if values["q"]:
        words.append(f"Search: {values['q']}")
    return words


# -- certificates and policies -----------------------------------------------------------------

CERTIFICATE_HEADER = ["Certificate", "Vendor", "Status", "Received", "Certificate date",
                      "Insured", "Producer", "Coverage", "Policy number", "Insurer", "Effective",
                      "Expiration", "Policy status", "Limits"]


def _certificates(organization, query: QueryDict) -> tuple[object, list[str]]:
    """The certificate list's filters (``status``, ``q``), as on the list screen."""
    certificates = Certificate.objects.filter(organization=organization)
    words = []
    status = query.get("status", "")
    if status == CERTIFICATE_REVIEW:
        certificates = certificates.filter(
            status__in=[CertificateStatus.RECEIVED, CertificateStatus.NEEDS_REVIEW])
        words.append("Status: to review")
    elif status in CertificateStatus.values:
        certificates = certificates.filter(status=status)
        words.append(f"Status: {CertificateStatus(status).label}")
    q = query.get("q", "").strip()[:100]
    if q:
        certificates = certificates.filter(Q(vendor__legal_name__icontains=q)
                                           | Q(vendor__dba__icontains=q)
                                           | Q(insured_name__icontains=q))
        words.append(f"Search: {q}")
    return certificates, words


def _limits_text(coverage: str, text: str | None) -> str:
    """``"7:each_occurrence=1000000;8:..."`` -> the limits in words, in the order entered."""
    items = []
    for item in (text or "").split(";"):
        pk, _, rest = item.partition(":")
        key, _, amount = rest.partition("=")
        if pk.isdigit() and key and amount.isdigit():
            items.append((int(pk), f"{schema.limit_label(coverage, key)}: ${int(amount):,}"))
    return "; ".join(text for _, text in sorted(items))


def _limits_subquery():
    # Each limit carries its id: SQLite cannot order inside an aggregate, so Python sorts.
    return Subquery(
        Limit.objects.filter(policy=OuterRef("pk")).order_by().values("policy")
        .annotate(text=StringAgg(Concat(Cast("id", CharField()), Value(":"), "key", Value("="),
                                        Cast("amount", CharField())), Value(";")))
        .values("text")[:1])


def _insurer_subquery():
    return Subquery(Insurer.objects.filter(certificate=OuterRef("certificate"),
                                           letter=OuterRef("insurer_letter"))
                    .values("name")[:1])


def _coverage_label(coverage: str, description: str) -> str:
    if coverage == "other" and description:
        return description
    return schema.COVERAGES.get(coverage, coverage)


def certificates(*, organization, user, query: QueryDict) -> Export:
    """Certificates with their policies: one row per policy, newest certificate first."""
    certs, words = _certificates(organization, query)
    policies = (Policy.objects.filter(certificate__in=certs.values("pk"))
                .annotate(limits_text=_limits_subquery(), insurer_name=_insurer_subquery())
                .order_by("-certificate__received_date", "-certificate_id", "position", "id")
                .values_list("certificate_id", "certificate__vendor__legal_name",
                             "certificate__status", "certificate__received_date",
                             "certificate__certificate_date", "certificate__insured_name",
                             "certificate__producer_name", "coverage", "description",
                             "policy_number", "insurer_name", "effective_date",
                             "expiration_date", "status", "limits_text"))
    bare = (certs.filter(policies__isnull=True).order_by("-received_date", "-id")
            .values_list("pk", "vendor__legal_name", "status", "received_date",
                         "certificate_date", "insured_name", "producer_name"))
    cert_labels = dict(CertificateStatus.choices)
    policy_labels = dict(PolicyStatus.choices)

    def rows() -> Iterator[list]:
        for (pk, vendor, status, received, dated, insured, producer, coverage, description,
             number, insurer, effective, expiration, policy_status, limits) in (
                policies.iterator(chunk_size=CHUNK)):
            yield [pk, vendor, cert_labels.get(status, status), received, dated, insured,
                   producer, _coverage_label(coverage, description), number, insurer or "",
                   effective, expiration, policy_labels.get(policy_status, policy_status),
                   _limits_text(coverage, limits)]
        for pk, vendor, status, received, dated, insured, producer in bare.iterator(
                chunk_size=CHUNK):
            yield [pk, vendor, cert_labels.get(status, status), received, dated, insured,
                   producer, "", "", "", None, None, "", ""]

    return Export("certificates", "Certificates and policies", CERTIFICATE_HEADER, rows(), words)


# -- expirations in a date range ----------------------------------------------------------------

EXPIRATION_HEADER = ["Expiration", "Days left", "Vendor", "DBA", "Type", "Coverage",
                     "Policy number", "Insurer", "Effective", "Vendor compliance", "Certificate"]


def expiration_range(organization, query: QueryDict) -> tuple[dt.date, dt.date]:
    """``start``/``end`` of the query (ISO dates), by default today and 30 days on; a range
    given backwards is turned round, and one longer than ten years is cut there."""
    today = local_today(organization)
    start = _date(query.get("start")) or today
    end = _date(query.get("end")) or start + dt.timedelta(days=DEFAULT_EXPIRING_DAYS)
    if end < start:
        start, end = end, start
    return start, min(end, start + dt.timedelta(days=MAX_RANGE_DAYS))


def expirations(*, organization, user, query: QueryDict) -> Export:
    """Current policies of accepted certificates expiring from ``start`` to ``end`` inclusive,
    of active vendors (``type`` narrows to a vendor type), soonest first."""
    start, end = expiration_range(organization, query)
    today = local_today(organization)
    policies = Policy.objects.filter(
        certificate__organization=organization, certificate__status=CertificateStatus.ACCEPTED,
        status=PolicyStatus.CURRENT, vendor__merged_into__isnull=True,
        vendor__status=VendorStatus.ACTIVE, expiration_date__range=(start, end))
    words = [f"Expiring from {start.isoformat()} to {end.isoformat()}"]
    type_id = query.get("type", "")
    if type_id.isdigit():
        vendor_type = VendorType.objects.filter(organization=organization, pk=type_id).first()
        if vendor_type is not None:
            policies = policies.filter(vendor__vendor_type=vendor_type)
            words.append(f"Type: {vendor_type.name}")
    policies = (policies.annotate(insurer_name=_insurer_subquery())
                .order_by("expiration_date", "vendor__legal_name", "id")
                .values_list("expiration_date", "vendor__legal_name", "vendor__dba",
                             "vendor__vendor_type__name", "coverage", "description",
                             "policy_number", "insurer_name", "effective_date",
                             "vendor__compliance_status", "certificate_id"))

    def rows() -> Iterator[list]:
        for (expiration, vendor, dba, type_name, coverage, description, number, insurer,
             effective, compliance, certificate) in policies.iterator(chunk_size=CHUNK):
            yield [expiration, (expiration - today).days, vendor, dba, type_name or "",
                   _coverage_label(coverage, description), number, insurer or "", effective,
                   STATUS_LABELS.get(compliance, compliance), certificate]

    return Export("expirations", "Expirations", EXPIRATION_HEADER, rows(), words)


# -- outreach log -------------------------------------------------------------------------------

OUTREACH_HEADER = ["When", "Vendor", "What", "Detail", "Message subject", "Message status",
                   "Recipients"]


def outreach(*, organization, user, query: QueryDict) -> Export:
    """The communications log, newest first: ``vendor`` (an id), ``kind``, ``start``/``end``
    (local dates, inclusive)."""
    zone = organization_zone(organization)
    entries = CommunicationLog.objects.filter(organization=organization)
    words = []
    vendor_id = query.get("vendor", "")
    if vendor_id.isdigit():
        vendor = Vendor.objects.filter(organization=organization, pk=vendor_id).first()
        # An id that is not this organization's selects nothing (never another's log).
        entries = entries.filter(vendor=vendor) if vendor else entries.none()
        words.append(f"Vendor: {vendor.legal_name if vendor else 'unknown'}")
    kind = query.get("kind", "")
    if kind in LogKind.values:
        entries = entries.filter(kind=kind)
        words.append(f"What: {LogKind(kind).label}")
    start, end = _date(query.get("start")), _date(query.get("end"))
    if start:
        entries = entries.filter(at__gte=dt.datetime.combine(start, dt.time(), zone))
        words.append(f"From {start.isoformat()}")
    if end:
        entries = entries.filter(at__lt=dt.datetime.combine(end + dt.timedelta(days=1),
                                                            dt.time(), zone))
        words.append(f"To {end.isoformat()}")
    entries = entries.order_by("-at", "-id").values_list(
        "at", "vendor__legal_name", "kind", "detail", "message__subject", "message__status",
        "message__to")
    kinds = dict(LogKind.choices)
    statuses = dict(MessageStatus.choices)

    def rows() -> Iterator[list]:
        for at, vendor, kind_, detail, subject, status, to in entries.iterator(chunk_size=CHUNK):
            yield [_zone_time(at, zone), vendor, kinds.get(kind_, kind_), detail, subject or "",
                   statuses.get(status, status or ""), ", ".join(to or [])]

    return Export("outreach", "Outreach log", OUTREACH_HEADER, rows(), words)


KINDS: dict[str, Kind] = {
    "vendors": Kind("vendors", "Vendors with compliance status and deficiencies", vendors),
    "certificates": Kind("certificates", "Certificates and policies", certificates),
    "expirations": Kind("expirations", "Expirations in a date range", expirations),
    "outreach": Kind("outreach", "Outreach log", outreach),
}
FORMATS = ("csv", "xlsx")


def build(kind: str, *, organization, user, query: QueryDict) -> Export:
    """The export of ``kind`` for ``organization`` with the filters of ``query``."""
    return KINDS[kind].build(organization=organization, user=user, query=query)
