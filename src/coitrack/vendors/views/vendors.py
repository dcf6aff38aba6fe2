"""The vendor list, a vendor's page, and creating, editing, deactivating and reactivating."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from coitrack import schema
from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.audit.models import Event
from coitrack.certificates.models import (
    Certificate,
    CertificateStatus,
    Insurer,
    Policy,
    PolicyStatus,
)
from coitrack.vendors import services
from coitrack.vendors.forms import VendorForm
from coitrack.vendors.listing import (
    PAGE_SIZE,
    CoverageWindow,
    VendorFilterForm,
    paginated_source,
    sort_headers,
    table_rows,
    vendor_queryset,
)
from coitrack.vendors.models import Vendor, VendorProject, VendorStatus
from coitrack.vendors.views.common import add_service_error, org_vendor

HISTORY_LIMIT = 100
CERTIFICATE_LIMIT = 100
SHORT_COVERAGE = {
    "general_liability": "GL",
    "automobile_liability": "Auto",
    "umbrella_liability": "Umbrella",
    "excess_liability": "Excess",
    "workers_compensation": "WC",
}


@require_safe
@member_required()
def vendor_list(request: HttpRequest) -> HttpResponse:
    org = request.organization
    today = timezone.localdate()
    filters = VendorFilterForm(request.GET, organization=org)
    values = filters.values()
    vendors = vendor_queryset(organization=org, user=request.user, values=values, today=today)
    page = Paginator(paginated_source(vendors, values), PAGE_SIZE).get_page(request.GET.get("page"))
    window = CoverageWindow(today)
    return render(request, "vendors/list.html", {
        "rows": table_rows(page.object_list, window),
        "filters": filters,
        "selects": filters.selects(values),
        "values": values,
        "page": page,
        "headers": sort_headers(values["sort"]),
        "today": window.today,
        "soon": window.soon,
        "filtered": any(request.GET.get(k) for k in
                        ("q", "type", "project", "owner", "coverage", "compliance",
                         "deficiency", "outreach")),
    })


def _url_exists(name: str, *args) -> bool:
    """Whether another app already provides URL ``name`` (screens are built in parallel)."""
    try:
        reverse(name, args=args)
    except NoReverseMatch:
        return False
    return True


def _policy_summary(policies) -> str:
    labels = []
    for policy in policies:
        label = SHORT_COVERAGE.get(policy.coverage) or policy.description or "Other"
        if label not in labels:
            labels.append(label)
    return ", ".join(labels)


@require_safe
@member_required()
def vendor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = request.organization
    vendor = get_object_or_404(
        Vendor.objects.select_related("vendor_type", "owner", "merged_into"),
        organization=org, pk=pk,
    )
    if vendor.merged_into_id:
        # The old address of a merged vendor leads to the survivor (merges keep this one hop).
        messages.info(request, f"{vendor} was merged into {vendor.merged_into}.")
        return redirect("vendors:detail", vendor.merged_into_id)

    today = timezone.localdate()
    certificates = list(
        Certificate.objects.filter(organization=org, vendor=vendor)
        .prefetch_related("policies")[:CERTIFICATE_LIMIT]
    )
    for certificate in certificates:
        policies = list(certificate.policies.all())
        certificate.policy_summary = _policy_summary(policies)
        dates = [p.expiration_date for p in policies if p.expiration_date]
        certificate.first_expiration = min(dates) if dates else None
    insurer_name = Insurer.objects.filter(
        certificate=OuterRef("certificate"), letter=OuterRef("insurer_letter")
    ).values("name")[:1]
    current_policies = (
        Policy.objects.filter(
            vendor=vendor, status=PolicyStatus.CURRENT,
            certificate__status=CertificateStatus.ACCEPTED, certificate__organization=org,
        )
        .annotate(insurer_name=Subquery(insurer_name))
        .order_by("expiration_date", "position", "id")
    )
    merged_from = list(Vendor.objects.filter(organization=org, merged_into=vendor)
                       .values_list("pk", "legal_name"))
    events = (
        Event.objects.filter(organization=org,
                             vendor_id__in=[vendor.pk, *(pk for pk, _ in merged_from)])
        .select_related("actor")[:HISTORY_LIMIT]
    )
    window = CoverageWindow(today)
    return render(request, "vendors/detail.html", {
        "vendor": vendor,
        "tags": list(vendor.tags.all()),
        "contacts": list(vendor.contacts.all()),
        "vendor_projects": VendorProject.objects.filter(vendor=vendor)
        .select_related("project").order_by("project__name"),
        "certificates": certificates,
        "certificate_limit": CERTIFICATE_LIMIT,
        "current_policies": current_policies,
        "merged_from": merged_from,
        "events": events,
        "history_limit": HISTORY_LIMIT,
        "today": window.today,
        "soon": window.soon,
        "coverages": schema.COVERAGES,
        "certificate_links": _url_exists("certificates:detail", 1),
        "upload_link": _url_exists("certificates:upload", vendor.pk),
    })


@member_required(Role.REVIEWER)
def vendor_create(request: HttpRequest) -> HttpResponse:
    org = request.organization
    form = VendorForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        try:
            vendor = services.create_vendor(
                organization=org, actor=request.user, data=form.service_data()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"Added {vendor}.")
            return redirect("vendors:detail", vendor.pk)
    return render(request, "vendors/form.html", {"form": form, "vendor": None})


@member_required(Role.REVIEWER)
def vendor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = request.organization
    vendor = org_vendor(request, pk)
    # The form works on its own copy: validating a ModelForm writes into its instance.
    form = VendorForm(request.POST or None, instance=org_vendor(request, pk), organization=org)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_vendor(
                organization=org, actor=request.user, vendor=vendor, data=form.service_data()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("vendors:detail", vendor.pk)
    return render(request, "vendors/form.html", {"form": form, "vendor": vendor})


def _set_status(request: HttpRequest, pk: int, status: VendorStatus) -> HttpResponse:
    vendor = org_vendor(request, pk)
    try:
        services.set_vendor_status(
            organization=request.organization, actor=request.user, vendor=vendor, status=status,
            note=request.POST.get("note", "")[:500],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        verb = "Reactivated" if status == VendorStatus.ACTIVE else "Deactivated"
        messages.success(request, f"{verb} {vendor}.")
    return redirect("vendors:detail", vendor.pk)


@member_required(Role.REVIEWER)
@require_POST
def vendor_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_status(request, pk, VendorStatus.INACTIVE)


@member_required(Role.REVIEWER)
@require_POST
def vendor_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_status(request, pk, VendorStatus.ACTIVE)
