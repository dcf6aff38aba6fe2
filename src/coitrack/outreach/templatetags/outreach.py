"""``{% vendor_outreach vendor %}``: the vendor page's outreach panel (open request, delivery
problems, latest communications, "Request now" and "Revoke portal links"); ``|message_css``:
the badge class of an outbox message's status (rejected and failed in red)."""

from __future__ import annotations

from django import template

from coitrack.accounts.access import can
from coitrack.accounts.models import Role
from coitrack.compliance.services.clock import organization_zone
from coitrack.outreach.services import communications, staff_actions

register = template.Library()
PANEL_ENTRIES = 10


@register.filter
def message_css(status: str) -> str:
    return communications.STATUS_CSS.get(status, "")


@register.inclusion_tag("outreach/staff/_vendor_panel.html", takes_context=True)
def vendor_outreach(context, vendor) -> dict:
    request = context["request"]
    entries = list(communications.log_entries(vendor)[:PANEL_ENTRIES + 1])
    return {
        "request": request,
        "vendor": vendor,
        "open_request": communications.open_request(vendor),
        "problems": communications.delivery_problems(vendor),
        "entries": entries[:PANEL_ENTRIES],
        "more": len(entries) > PANEL_ENTRIES,
        "live_links": staff_actions.live_links(vendor),
        "zone": organization_zone(request.organization),
        "can_request": can(request, Role.REVIEWER),
        "csrf_token": context.get("csrf_token"),
    }
