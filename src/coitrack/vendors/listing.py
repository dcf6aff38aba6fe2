"""The vendor list's search, filters and sorting, as one queryset built from the query string.

The list must stay fast at tens of thousands of vendors, so everything it shows or filters on is a
column of ``Vendor`` itself (the denormalized ``next_expiration`` and ``certificate_count``) or one
joined row (type, owner): one COUNT and one page query, whatever the page size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.db.models import F, Q, QuerySet

from coitrack.vendors.forms import organization_members, user_label
from coitrack.vendors.models import Contact, Project, Vendor, VendorStatus, VendorType

PAGE_SIZE = 50
EXPIRING_DAYS = 30

STATUS_CHOICES = [("active", "Active"), ("inactive", "Inactive"), ("all", "All")]
COVERAGE_CHOICES = [
    ("", "Any coverage"),
    ("expired", "Expired"),
    ("expiring", f"Expiring in {EXPIRING_DAYS} days"),
    ("current", "Current"),
    ("none", "No certificate"),
]

# Every ordering ends on a unique column so pages never overlap or skip rows.
SORTS: dict[str, list] = {
    "name": [F("legal_name").asc(), F("id").asc()],
    "-name": [F("legal_name").desc(), F("id").desc()],
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
            "sort": cleaned.get("sort") or DEFAULT_SORT,
        }


    def selects(self, values: dict) -> list[dict]:
        """The filter bar's drop-downs with the effective choice selected.

        Rendered by a plain loop in the template: Django's widget templates cost a template
        render per option, which a list page rendered on every click should not pay.
        """
        selects = []
        for name, label in (("status", "Status"), ("coverage", "Coverage"), ("type", "Type"),
                            ("project", "Project"), ("owner", "Owner")):
            current = "" if values[name] is None else str(values[name])
            options = [(str(value), text, str(value) == current)
                       for value, text in self.fields[name].choices]
            selects.append({"name": name, "label": label, "options": options})
        return selects


@dataclass(frozen=True)
class CoverageWindow:
    today: dt.date

    @property
    def soon(self) -> dt.date:
        return self.today + dt.timedelta(days=EXPIRING_DAYS)

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
        vendors = vendors.filter(vendorproject__project_id=values["project"])
    owner = values["owner"]
    if owner == "me":
        vendors = vendors.filter(owner=user)
    elif owner == "none":
        vendors = vendors.filter(owner__isnull=True)
    elif owner:
        vendors = vendors.filter(owner_id=int(owner))
    condition = CoverageWindow(today).condition(values["coverage"])
    if condition is not None:
        vendors = vendors.filter(condition)
    # prefetch, not select_related: a join would run for every row skipped by a deep page's
    # OFFSET, while two small queries fetch the types and owners of the 50 rows shown.
    return vendors.prefetch_related("vendor_type", "owner").order_by(*SORTS[values["sort"]])


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
