"""Renewal requests: list, read, and "request now" for a vendor."""

from __future__ import annotations

from ninja import Router

from coitrack.api.auth import actor
from coitrack.api.errors import ApiError, responses
from coitrack.api.lookups import org_object
from coitrack.api.pagination import id_param, limit_param, offset_param, optional_id_query, page
from coitrack.api.routers.vendors import live_vendor
from coitrack.api.schemas.outreach import RequestOut, RequestPage, RequestStatus
from coitrack.outreach.models import Request
from coitrack.outreach.services.requests import RequestRefused, request_now

router = Router(tags=["requests"])


def request_out(row: Request) -> dict:
    return {
        "id": row.pk, "vendor_id": row.vendor_id, "reason": row.reason, "status": row.status,
        "close_reason": row.close_reason, "opened_at": row.opened_at,
        "closed_at": row.closed_at, "expiration": row.expiration,
        "messages_sent": row.messages_sent, "unanswered": row.unanswered,
        "answered_at": row.answered_at, "escalated_at": row.escalated_at,
        "unresponsive_at": row.unresponsive_at, "next_action_at": row.next_action_at,
        "missing": [item for item in row.missing or [] if isinstance(item, dict)],
    }


@router.get("/requests", response=responses(200, RequestPage), operation_id="list_requests",
            summary="List renewal requests")
def list_requests(request, vendor_id: int | None = optional_id_query("vendor"),
                  status: RequestStatus | None = None,
                  limit: int = limit_param(), offset: int = offset_param()):
    rows = Request.objects.filter(organization=request.organization).order_by(
        "-opened_at", "-id")
    if vendor_id is not None:
        rows = rows.filter(vendor_id=vendor_id)
    if status is not None:
        rows = rows.filter(status=status)
    return page(rows, limit=limit, offset=offset, convert=request_out)


@router.get("/requests/{request_id}", response=responses(200, RequestOut),
            operation_id="get_request", summary="Read a renewal request")
def get_request(request, request_id: int = id_param("request")):
    return request_out(org_object(request, Request, request_id, "request"))


@router.post("/vendors/{vendor_id}/request-now", response=responses(200, RequestOut),
             operation_id="request_now",
             summary="Ask the vendor for a certificate now (at the next send-window moment)")
def ask_now(request, vendor_id: int = id_param("vendor")):
    vendor = live_vendor(request, vendor_id)
    try:
        row = request_now(vendor=vendor, actor=actor(request))
    except RequestRefused as refused:
        raise ApiError(409, str(refused)) from None
    return request_out(row)
