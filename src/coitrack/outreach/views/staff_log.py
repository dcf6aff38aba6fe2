"""A vendor's communications log (full page) and one sent message as the vendor received it."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from coitrack.accounts.access import member_required
from coitrack.compliance.services.clock import organization_zone
from coitrack.outreach.models import OutboxMessage
from coitrack.outreach.services import communications
from coitrack.vendors.models import Vendor

PAGE_SIZE = 50
LINK_SHOWN = "[the vendor's upload link]"


@require_safe
@member_required()
def vendor_log(request: HttpRequest, pk: int) -> HttpResponse:
    vendor = get_object_or_404(Vendor, organization=request.organization, pk=pk)
    page = Paginator(communications.log_entries(vendor), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "outreach/staff/log.html", {
        "vendor": vendor,
        "page": page,
        "entries": page.object_list,
        "problems": communications.delivery_problems(vendor),
        "request_": communications.last_request(vendor),
        "zone": organization_zone(request.organization),
    })


@require_safe
@member_required()
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # Only the conversation with vendors and agents: a member's own notification e-mails
    # (audience "staff") are theirs alone.
    message = get_object_or_404(OutboxMessage.objects.select_related("vendor", "request")
                                .filter(vendor__isnull=False).exclude(audience="staff"),
                                organization=request.organization, pk=pk)
    # The stored bodies hold a mark where each e-mail got its own link; no token is stored.
    mark = OutboxMessage.PORTAL_LINK_MARK
    return render(request, "outreach/staff/message_detail.html", {
        "message": message,
        "vendor": message.vendor,
        "text": message.text_body.replace(mark, LINK_SHOWN),
        "html": message.html_body.replace(mark, "#"),
        "zone": organization_zone(request.organization),
        "status_css": communications.STATUS_CSS.get(message.status, ""),
    })
