"""The vendor list's search, filters and sorting, as one queryset built from the query string.

The list must stay fast at tens of thousands of vendors, so everything it shows or filters on is a
column of ``Vendor`` itself (the denormalized ``next_expiration`` and ``certificate_count``), and
the indexes on ``Vendor`` (see its Meta) answer each filter and sort from an index: a COUNT and a
page query, plus two small queries for the page's types and owners, whatever the page size.
A search cannot use an index (it looks for text anywhere in a name), so :class:`SearchResults`
reads the matching ids once instead of scanning twice (for the count and for the page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import dateformat, timezone

from coitrack.compliance.labels import COMPLIANCE_CHOICES, DEFICIENCY_CHOICES
from coitrack.compliance.models import STATUS_LABELS as COMPLIANCE_LABELS
from coitrack.compliance.models import OpenDeficiency
from coitrack.outreach.models import Request, RequestStatus
from coitrack.vendors.forms import organization_members, user_label
from coitrack.vendors.models import (
    Contact,
    Project,
    Vendor,
    VendorProject,
    VendorStatus,
    VendorType,
)

PAGE_SIZE = 50
DATE_FORMAT = "M j, Y"
PAGE_RELATED = ("vendor_type", "owner")  # fetched for the rows of a page, not joined
EXPIRING_DAYS = 30
MAX_WITHIN_DAYS = 365

STATUS_CHOICES = [("active", "Active"), ("inactive", "Inactive"), ("all", "All")]
COVERAGE_CHOICES = [
    ("", "Any coverage"),
    ("expired", "Expired"),
    ("expiring", f"Expiring in {EXPIRING_DAYS} days"),
    ("current", "Current"),
    ("none", "No certificate"),
]

# Vendors by their open renewal request (the dashboard's outreach numbers link here). "Reminded":
# asked again since the vendor last answered (two or more unanswered messages).
OUTREACH_CHOICES = [
    ("", "Any outreach"),
    ("open", "Open request"),
    ("waiting", "Waiting for the vendor"),
    ("reminded", "Reminded"),
    ("unresponsive", "Unresponsive"),
    ("answered", "Answered, awaiting review"),
]
OUTREACH_CONDITIONS = {
    "open": Q(),
    "waiting": Q(status=RequestStatus.OPEN),
    "reminded": Q(status=RequestStatus.OPEN, unanswered__gte=2),
    "unresponsive": Q(unresponsive_at__isnull=False),
    "answered": Q(status=RequestStatus.ANSWERED),
}

# Every ordering ends on a unique column so pages never overlap or skip rows.
SORTS: dict[str, list] = {
    # DBA and tax id break ties of equal names, and match the name indexes' column order.
    "name": [F("legal_name").asc(), F("dba").asc(), F("tax_id").asc(), F("id").asc()],
    "-name": [F("legal_name").desc(), F("dba").desc(), F("tax_id").desc(), F("id").desc()],
    "type": [F("vendor_type__name").asc(nulls_last=True), F("legal_name").asc(), F("id").asc()],
    "-type": [F("vendor_type__name").desc(nulls_last=True), F("legal_name").asc(), F("id").asc()],
    "expires": [F("next_expiration").asc(nulls_last=True), F("legal_name").asc(), F("id").asc()],
    "-expires": [
        F("next_expiration").desc(nulls_last=True), F("legal_name").asc(), F("id").asc()
    ],
    "updated": [F("updated_at").asc(), F("id").asc()],
    "-updated": [F("updated_at").desc(), F("id").desc()],
}
DEFAULT_SORT = "name"

# (column label, sort key or None when not sortable, CSS class) for the clickable headers.
COLUMNS = [
    ("Vendor", "name", ""),
    ("Type", "type", ""),
    ("Owner", None, ""),
    ("Next expiration", "expires", ""),
    ("Certificates", None, "num"),
    ("Compliance", None, ""),
    ("Status", None, ""),
    ("Updated", "updated", ""),
]


class VendorFilterForm(forms.Form):
    """The filter bar. Invalid values (a bad id, another organization's id) are ignored."""

    q = forms.CharField(required=False, max_length=200)
    type = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(required=False, choices=STATUS_CHOICES)
    project = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    owner = forms.ChoiceField(required=False)
    coverage = forms.ChoiceField(required=False, choices=COVERAGE_CHOICES)
    # "Expiring" within this many days instead of 30 (the dashboard's "expiring in N days").
    within = forms.IntegerField(required=False, min_value=1, max_value=MAX_WITHIN_DAYS)
    outreach = forms.ChoiceField(required=False, choices=OUTREACH_CHOICES)
    compliance = forms.ChoiceField(required=False,
                                   choices=[("", "Any compliance"), *COMPLIANCE_CHOICES])
    deficiency = forms.ChoiceField(required=False,
                                   choices=[("", "Any deficiency"), *DEFICIENCY_CHOICES])
    sort = forms.ChoiceField(required=False, choices=[(k, k) for k in SORTS])

    def __init__(self, data, *, organization, **kwargs):
        super().__init__(data, **kwargs)
        types = VendorType.objects.filter(organization=organization).values_list("id", "name")
        self.fields["type"].choices = [("", "Any type"), *types]
        projects = Project.objects.filter(organization=organization).values_list("id", "name")
        self.fields["project"].choices = [("", "Any project"), *projects]
        members = [(str(u.pk), user_label(u)) for u in organization_members(organization)]
        self.fields["owner"].choices = [
            ("", "Anyone"), ("me", "Me"), ("none", "Nobody"), *members
        ]
        within = self.data.get("within") if hasattr(self.data, "get") else None
        if within and str(within).isdigit() and 1 <= int(within) <= MAX_WITHIN_DAYS:
            self.fields["coverage"].choices = [
                (v, f"Expiring in {within} days" if v == "expiring" else text)
                for v, text in COVERAGE_CHOICES
            ]

    def values(self) -> dict:
        """The valid filters, with defaults for missing or invalid ones."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "q": (cleaned.get("q") or "").strip(),
            "type": cleaned.get("type"),
            "status": cleaned.get("status") or "active",
            "project": cleaned.get("project"),
            "owner": cleaned.get("owner") or "",
            "coverage": cleaned.get("coverage") or "",
            "compliance": cleaned.get("compliance") or "",
            "deficiency": cleaned.get("deficiency") or "",
            "within": cleaned.get("within"),
            "outreach": cleaned.get("outreach") or "",
            "sort": cleaned.get("sort") or DEFAULT_SORT,
        }


    def selects(self, values: dict) -> list[dict]:
        """The filter bar's drop-downs with the effective choice selected.

        Rendered by a plain loop in the template: Django's widget templates cost a template
        render per option, which a list page rendered on every click should not pay.
        """
        selects = []
        for name, label in (("status", "Status"), ("compliance", "Compliance"),
                            ("deficiency", "Deficiency"), ("coverage", "Coverage"),
                            ("outreach", "Outreach"), ("type", "Type"), ("project", "Project"),
                            ("owner", "Owner")):
            current = "" if values[name] is None else str(values[name])
            options = [(str(value), text, str(value) == current)
                       for value, text in self.fields[name].choices]
            selects.append({"name": name, "label": label, "options": options})
        return selects


@dataclass(frozen=True)
class CoverageWindow:
    today: dt.date
    days: int = EXPIRING_DAYS  # "expiring": expires after today and at most this many days on

    @property
    def soon(self) -> dt.date:
        return self.today + dt.timedelta(days=self.days)

    def badge(self, date: dt.date | None) -> str:
        """``expired``, ``expiring`` or "" for an expiration date (the badge's CSS class)."""
        if date is None:
            return ""
        if date <= self.today:
            return "expired"
        return "expiring" if date <= self.soon else ""

    def condition(self, coverage: str) -> Q | None:
        if coverage == "expired":
            return Q(next_expiration__lte=self.today)
        if coverage == "expiring":
            return Q(next_expiration__gt=self.today, next_expiration__lte=self.soon)
        if coverage == "current":
            return Q(next_expiration__gt=self.soon)
        if coverage == "none":
            return Q(next_expiration__isnull=True)
        return None


def search_condition(q: str) -> Q:
    """Legal name, DBA, tax id, or a contact's name or e-mail containing ``q``."""
    # The contacts subquery is not joined to vendors to scope it: that join costs a lookup per
    # contact, and the outer query already keeps only this organization's vendors, so other
    # organizations' contacts can never match a row shown.
    contact_vendor_ids = Contact.objects.filter(
        Q(name__icontains=q) | Q(email__icontains=q)
    ).values("vendor_id")
    return (
        Q(legal_name__icontains=q)
        | Q(dba__icontains=q)
        | Q(tax_id__icontains=q)
        | Q(pk__in=contact_vendor_ids)
    )


def vendor_queryset(*, organization, user, values: dict, today: dt.date) -> QuerySet[Vendor]:
    """The organization's vendors (never merged ones) matching ``values``, in their sort order."""
    vendors = Vendor.objects.filter(organization=organization, merged_into__isnull=True)
    if values["status"] != "all":
        vendors = vendors.filter(status=VendorStatus(values["status"]))
    if values["q"]:
        vendors = vendors.filter(search_condition(values["q"]))
    if values["type"]:
        vendors = vendors.filter(vendor_type_id=values["type"])
    if values["project"]:
        # A subquery rather than a join: SQLite then reads the project's few assignments once
        # instead of probing the assignments once per vendor.
        on_project = VendorProject.objects.filter(project_id=values["project"]).values("vendor_id")
        vendors = vendors.filter(pk__in=on_project)
    owner = values["owner"]
    if owner == "me":
        vendors = vendors.filter(owner=user)
    elif owner == "none":
        vendors = vendors.filter(owner__isnull=True)
    elif owner:
        vendors = vendors.filter(owner_id=int(owner))
    window = CoverageWindow(today, values.get("within") or EXPIRING_DAYS)
    condition = window.condition(values["coverage"])
    if condition is not None:
        vendors = vendors.filter(condition)
    if values["compliance"]:
        vendors = vendors.filter(compliance_status=values["compliance"])
    if values["deficiency"]:
        # A subquery on the (organization, code, vendor) index, like the project filter.
        having = OpenDeficiency.objects.filter(organization=organization,
                                               code=values["deficiency"]).values("vendor_id")
        vendors = vendors.filter(pk__in=having)
    if values.get("outreach"):
        requests = Request.objects.filter(OUTREACH_CONDITIONS[values["outreach"]],
                                          organization=organization, closed_at__isnull=True)
        vendors = vendors.filter(pk__in=requests.values("vendor_id"))
    # prefetch, not select_related: a join would run for every row skipped by a deep page's
    # OFFSET, while two small queries fetch the types and owners of the 50 rows shown.
    return vendors.prefetch_related(*PAGE_RELATED).order_by(*SORTS[values["sort"]])


def sort_headers(current: str) -> list[dict]:
    """Column headers: the sort a click asks for, and which way the list is sorted now."""
    headers = []
    for label, key, css in COLUMNS:
        header = {"label": label, "key": key, "css": css, "next": None, "direction": ""}
        if key:
            if current == key:
                header.update(next=f"-{key}", direction="ascending")
            elif current == f"-{key}":
                header.update(next=key, direction="descending")
            else:
                header["next"] = key
        headers.append(header)
    return headers


class SearchResults(Sequence):
    """The vendors of a search, for the Paginator: ids read in one pass, rows read per page.

    A search scans every vendor name and contact; doing it once for the ids (from the covering
    name index, in sort order) costs half of a COUNT plus a page query that each scan again.
    """

    def __init__(self, vendors: QuerySet[Vendor]):
        self._ids = list(vendors.values_list("pk", flat=True))

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, index):
        ids = self._ids[index] if isinstance(index, slice) else [self._ids[index]]
        rows = Vendor.objects.filter(pk__in=ids).prefetch_related(*PAGE_RELATED)
        by_pk = {vendor.pk: vendor for vendor in rows}
        found = [by_pk[pk] for pk in ids if pk in by_pk]
        return found if isinstance(index, slice) else found[0]


def paginated_source(vendors: QuerySet[Vendor], values: dict) -> QuerySet[Vendor] | SearchResults:
    """What to hand the Paginator: the queryset, or a search's ids read once."""
    return SearchResults(vendors) if values["q"] else vendors


@dataclass(frozen=True)
class Row:
    """One line of the vendor table, formatted in Python: a page of 50 rows rendered through
    template lookups and filters costs several times more than these few function calls."""

    url: str
    legal_name: str
    dba: str
    type_name: str
    owner_name: str
    expires: str
    badge: str
    certificate_count: int
    compliance: str
    compliance_label: str
    status: str
    status_label: str
    updated: str


def table_rows(vendors, window: CoverageWindow) -> list[Row]:
    return [
        Row(
            url=reverse("vendors:detail", args=[v.pk]),
            legal_name=v.legal_name,
            dba=v.dba,
            type_name=v.vendor_type.name if v.vendor_type else "",
            owner_name=user_label(v.owner) if v.owner else "",
            expires=dateformat.format(v.next_expiration, DATE_FORMAT) if v.next_expiration
            else "",
            badge=window.badge(v.next_expiration),
            certificate_count=v.certificate_count,
            compliance=v.compliance_status,
            compliance_label=COMPLIANCE_LABELS.get(v.compliance_status, v.compliance_status),
            status=v.status,
            status_label=v.get_status_display(),
            updated=dateformat.format(timezone.localtime(v.updated_at), DATE_FORMAT),
        )
        for v in vendors
    ]
