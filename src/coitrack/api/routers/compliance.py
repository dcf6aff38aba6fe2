"""A vendor's evaluation, and waivers (list, read, grant, revoke) through compliance services."""

from __future__ import annotations

from typing import Literal

from django.db.models import Q
from ninja import Query, Router, Status

from coitrack.api.auth import actor
from coitrack.api.errors import ApiError, responses
from coitrack.api.lookups import org_object, org_reference
from coitrack.api.pagination import id_param, limit_param, offset_param, optional_id_query, page
from coitrack.api.routers.vendors import live_vendor
from coitrack.api.schemas.compliance import (
    EvaluationOut,
    RevokeIn,
    WaiverIn,
    WaiverOut,
    WaiverPage,
)
from coitrack.compliance.models import VendorEvaluation, Waiver
from coitrack.compliance.services import local_today
from coitrack.compliance.services.waivers import create_waiver, revoke_waiver, waiver_state
from coitrack.vendors.models import Project

router = Router(tags=["compliance"])


@router.get("/vendors/{vendor_id}/evaluation", response=responses(200, EvaluationOut),
            operation_id="get_evaluation",
            summary="The vendor's evaluation against its requirement templates")
def get_evaluation(request, vendor_id: int = id_param("vendor")):
    vendor = live_vendor(request, vendor_id)
    evaluation = VendorEvaluation.objects.filter(vendor=vendor,
                                                 organization=request.organization).first()
    if evaluation is None:
        raise ApiError(404, "This vendor has not been evaluated yet; try again in a moment.",
                       code="not_evaluated")
    return {
        "vendor_id": vendor.pk, "status": evaluation.status, "as_of": evaluation.as_of,
        "deficiencies": evaluation.deficiencies, "evaluated_at": evaluation.evaluated_at,
        "pending_certificates": evaluation.pending_certificates,
        "templates": evaluation.evaluations,
    }


def waiver_out(waiver: Waiver, today) -> dict:
    return {"id": waiver.pk, "vendor_id": waiver.vendor_id, "project_id": waiver.project_id,
            "code": waiver.code, "coverage": waiver.coverage, "limit": waiver.limit,
            "reason": waiver.reason, "expires_on": waiver.expires_on,
            "until_renewal": waiver.until_renewal, "state": waiver_state(waiver, today=today),
            "created_at": waiver.created_at, "revoked_at": waiver.revoked_at}


@router.get("/waivers", response=responses(200, WaiverPage), operation_id="list_waivers",
            summary="List waivers")
def list_waivers(request, vendor_id: int | None = optional_id_query("vendor"),
                 state: Literal["active", "revoked", "all"] = Query("all"),
                 limit: int = limit_param(), offset: int = offset_param()):
    today = local_today(request.organization)
    waivers = Waiver.objects.filter(organization=request.organization).order_by(
        "-created_at", "-id")
    if vendor_id is not None:
        waivers = waivers.filter(vendor_id=vendor_id)
    if state == "revoked":
        waivers = waivers.filter(revoked_at__isnull=False)
    elif state == "active":
        waivers = waivers.filter(Q(expires_on__isnull=True) | Q(expires_on__gt=today),
                                 revoked_at__isnull=True)
    return page(waivers, limit=limit, offset=offset, convert=lambda w: waiver_out(w, today))


@router.get("/waivers/{waiver_id}", response=responses(200, WaiverOut),
            operation_id="get_waiver", summary="Read a waiver")
def get_waiver(request, waiver_id: int = id_param("waiver")):
    waiver = org_object(request, Waiver, waiver_id, "waiver")
    return waiver_out(waiver, local_today(request.organization))


@router.post("/vendors/{vendor_id}/waivers", response=responses(201, WaiverOut),
             operation_id="create_waiver",
             summary="Waive one of the vendor's current deficiencies")
def create(request, payload: WaiverIn, vendor_id: int = id_param("vendor")):
    vendor = live_vendor(request, vendor_id)
    project = org_reference(request, Project, payload.project_id, "project_id", "project")
    waiver = create_waiver(
        organization=request.organization, actor=actor(request), vendor=vendor,
        code=payload.code, coverage=payload.coverage, limit=payload.limit,
        reason=payload.reason, expires_on=payload.expires_on,
        until_renewal=payload.until_renewal, project=project, template_id=payload.template_id,
    )
    return Status(201, waiver_out(waiver, local_today(request.organization)))


@router.post("/waivers/{waiver_id}/revoke", response=responses(200, WaiverOut),
             operation_id="revoke_waiver", summary="Revoke a waiver")
def revoke(request, payload: RevokeIn, waiver_id: int = id_param("waiver")):
    waiver = org_object(request, Waiver, waiver_id, "waiver")
    if waiver.revoked_at is not None:
        raise ApiError(409, "This waiver was already revoked.")
    waiver = revoke_waiver(organization=request.organization, actor=actor(request),
                           waiver=waiver, note=payload.note)
    return waiver_out(waiver, local_today(request.organization))
