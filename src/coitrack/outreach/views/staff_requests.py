"""Requests by hand ("request now" for a vendor or the vendor list's filtered selection),
revoking a vendor's portal links, and the overview of open requests."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.views.decorators.http import require_POST, require_safe

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.compliance.services.clock import organization_zone
from coitrack.outreach.models import Request, RequestStatus
from coitrack.outreach.services import staff_actions
from coitrack.outreach.services.communications import when_sent
from coitrack.outreach.services.requests import RequestRefused
from coitrack.outreach.services.schedules import Layers, vendor_schedules
from coitrack.vendors.listing import VendorFilterForm, vendor_queryset
from coitrack.vendors.models import Vendor, VendorStatus

PAGE_SIZE = 50
FILTERS = {
    "": ("All open", Q()),
    "waiting": ("Waiting for the vendor", Q(status=RequestStatus.OPEN)),
    "answered": ("Answered, awaiting review", Q(status=RequestStatus.ANSWERED)),
    "escalated": ("Escalated to the agent", Q(escalated_at__isnull=False)),
    "unresponsive": ("Unresponsive", Q(unresponsive_at__isnull=False)),
}
# The vendor list's filters carried by the "request now for these vendors" pages.
FILTER_KEYS = ("q", "type", "status", "project", "owner", "coverage", "within", "compliance",
               "deficiency", "outreach")


def _vendor(request: HttpRequest, pk: int) -> Vendor:
    return get_object_or_404(Vendor.objects.select_related("organization"),
                             organization=request.organization, pk=pk, merged_into__isnull=True)


def _when(org, schedule) -> str:
    moment = when_sent(org, schedule)
    if moment is None:
        return "The message goes out within the next few minutes."
    local = timezone.localtime(moment, organization_zone(org))
    return (f"The message goes out when the send window opens, "
            f"{formats.date_format(local, 'D M j, H:i')} ({org.time_zone}).")


@require_POST
@member_required(Role.REVIEWER)
def request_now(request: HttpRequest, pk: int) -> HttpResponse:
    vendor = _vendor(request, pk)
    try:
        staff_actions.request_now(vendor=vendor, actor=request.user)
    except RequestRefused as error:
        messages.error(request, str(error))
    else:
        schedule = vendor_schedules(request.organization, {vendor.pk: vendor.vendor_type_id})
        messages.success(request, f"Certificate requested from {vendor}. "
                                  f"{_when(request.organization, schedule[vendor.pk])}")
    return redirect("vendors:detail", vendor.pk)


def _selection(request: HttpRequest, data):
    org = request.organization
    filters = VendorFilterForm(data, organization=org)
    values = filters.values()
    vendors = vendor_queryset(organization=org, user=request.user, values=values,
                              today=timezone.localdate())
    # Neither the list's sort nor its page prefetches matter to a selection.
    return filters, values, vendors.prefetch_related(None).order_by()


def _describe(filters: VendorFilterForm, values: dict) -> str:
    parts = []
    if values["q"]:
        parts.append(f"search “{values['q']}”")
    for select in filters.selects(values):
        chosen = [text for value, text, selected in select["options"] if selected and value]
        if chosen and not (select["name"] == "status" and values["status"] == "active"):
            parts.append(f"{select['label'].lower()}: {chosen[0]}")
    return "active vendors" + (", " + "; ".join(parts) if parts else "")


@member_required(Role.REVIEWER)
def request_now_many(request: HttpRequest) -> HttpResponse:
    """GET: how many vendors the vendor list's current filters select, and a confirm button.
    POST: request certificates from all of them (inactive ones skipped)."""
    data = request.POST if request.method == "POST" else request.GET
    filters, values, vendors = _selection(request, data)
    description = _describe(filters, values)
    if request.method == "POST":
        requested, skipped = staff_actions.request_now_many(
            organization=request.organization, vendors=vendors, actor=request.user,
            description=description)
        text = (f"Certificates requested from {requested} vendor{'s' if requested != 1 else ''}."
                " The messages go out within minutes, inside the send window.")
        if skipped:
            text += f" {skipped} inactive vendor{'s were' if skipped != 1 else ' was'} skipped."
        messages.success(request, text)
        return redirect("outreach:overview")
    total = vendors.count()
    active = vendors.filter(status=VendorStatus.ACTIVE).count()
    return render(request, "outreach/staff/request_many.html", {
        "total": total, "active": active, "inactive": total - active,
        "description": description,
        "hidden": [(k, data.get(k)) for k in FILTER_KEYS if data.get(k)],
        "query": data.urlencode() if hasattr(data, "urlencode") else "",
        "sample": list(vendors.filter(status=VendorStatus.ACTIVE)
                       .order_by("legal_name", "pk").values_list("pk", "legal_name")[:10]),
    })


@require_POST
@member_required(Role.REVIEWER)
def revoke_links(request: HttpRequest, pk: int) -> HttpResponse:
    vendor = _vendor(request, pk)
    count = staff_actions.revoke_links(vendor=vendor, actor=request.user)
    if count:
        messages.success(request, f"Revoked {count} portal link{'s' if count != 1 else ''} of "
                                  f"{vendor}. The next message sent carries a new one.")
    else:
        messages.info(request, f"{vendor} had no live portal links.")
    return redirect("vendors:detail", vendor.pk)


@require_safe
@member_required()
def overview(request: HttpRequest) -> HttpResponse:
    org = request.organization
    current = request.GET.get("status", "")
    if current not in FILTERS:
        current = ""
    open_requests = Request.objects.filter(organization=org, closed_at__isnull=True)
    counts = {key: open_requests.filter(condition).count() for key, (_, condition)
              in FILTERS.items()}
    rows = (open_requests.filter(FILTERS[current][1]).select_related("vendor", "vendor__owner")
            .order_by(F("next_action_at").asc(nulls_last=True), "-opened_at", "pk"))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    layers = Layers(org)
    return render(request, "outreach/staff/overview.html", {
        "page": page,
        "tabs": [(key, label, counts[key], key == current)
                 for key, (label, _) in FILTERS.items()],
        "current": current,
        "zone": organization_zone(org),
        "automatic": layers.organization_schedule.enabled,
    })
