"""Vendors: list with the vendor list's filters, read, create, change (including status)."""

from __future__ import annotations

from typing import Literal

from django.contrib.auth import get_user_model
from ninja import Query, Router, Status

from coitrack.accounts.models import Membership
from coitrack.api.auth import actor
from coitrack.api.errors import ApiError, responses
from coitrack.api.lookups import org_object, org_reference
from coitrack.api.pagination import id_param, limit_param, offset_param, optional_id_query, page
from coitrack.api.schemas.vendors import (
    ComplianceStatus,
    VendorIn,
    VendorOut,
    VendorPage,
    VendorPatch,
)
from coitrack.compliance.services import local_today
from coitrack.rules.deficiencies import CODES
from coitrack.vendors import services
from coitrack.vendors.listing import SORTS, vendor_queryset
from coitrack.vendors.models import Project, Vendor, VendorType

router = Router(tags=["vendors"])

SortKey = Literal[tuple(SORTS)]  # type: ignore[valid-type]
Coverage = Literal["expired", "expiring", "current", "none"]
DeficiencyCode = Literal[tuple(CODES)]  # type: ignore[valid-type]


def vendor_out(vendor: Vendor) -> dict:
    return {
        "id": vendor.pk, "legal_name": vendor.legal_name, "dba": vendor.dba,
        "status": vendor.status, "vendor_type_id": vendor.vendor_type_id,
        "vendor_type": vendor.vendor_type.name if vendor.vendor_type else None,
        "owner_id": vendor.owner_id, "tax_id": vendor.tax_id,
        "address_line1": vendor.address_line1, "address_line2": vendor.address_line2,
        "city": vendor.city, "state": vendor.state, "postal_code": vendor.postal_code,
        "notes": vendor.notes,
        "tags": sorted((t.name for t in vendor.tags.all()), key=str.lower),
        "project_ids": sorted(p.pk for p in vendor.projects.all()),
        "next_expiration": vendor.next_expiration,
        "certificate_count": vendor.certificate_count,
        "compliance_status": vendor.compliance_status,
        "created_at": vendor.created_at, "updated_at": vendor.updated_at,
    }


def live_vendor(request, pk: int) -> Vendor:
    """The organization's vendor ``pk`` (merged-away vendors are gone for the API too)."""
    return org_object(request, Vendor.objects.filter(merged_into__isnull=True)
                      .select_related("vendor_type").prefetch_related("tags", "projects"),
                      pk, "vendor")


def _owner(request, pk: int | None):
    if pk is None:
        return None
    if not Membership.objects.filter(organization=request.organization, user_id=pk).exists():
        raise ApiError(422, "The owner must be a member of this organization.",
                       details=[{"field": "owner_id", "message": "Not a member of this "
                                                                 "organization."}])
    return get_user_model().objects.get(pk=pk)


def _service_data(request, values: dict) -> dict:
    """The API's keys in the shape the vendor services take (rows instead of ids)."""
    data = {k: v for k, v in values.items()
            if k not in ("vendor_type_id", "owner_id", "project_ids", "status")}
    if "vendor_type_id" in values:
        data["vendor_type"] = org_reference(request, VendorType, values["vendor_type_id"],
                                            "vendor_type_id", "vendor type")
    if "owner_id" in values:
        data["owner"] = _owner(request, values["owner_id"])
    if "project_ids" in values:
        ids = set(values["project_ids"] or [])
        projects = list(Project.objects.filter(organization=request.organization, pk__in=ids))
        if len(projects) != len(ids):
            raise ApiError(422, "No such project in this organization.",
                           details=[{"field": "project_ids",
                                     "message": "No such project in this organization."}])
        data["projects"] = projects
    if "tags" in values:
        data["tags"] = [" ".join(t.split()) for t in values["tags"] or [] if t.strip()]
    return data


@router.get("/vendors", response=responses(200, VendorPage), operation_id="list_vendors",
            summary="List vendors")
def list_vendors(
    request,
    q: str = Query("", max_length=200, description="Name, DBA, tax id, or a contact's name "
                                                   "or e-mail containing this."),
    status: Literal["active", "inactive", "all"] = "active",
    compliance: ComplianceStatus | None = None,
    coverage: Coverage | None = None,
    deficiency: DeficiencyCode | None = None,
    vendor_type_id: int | None = optional_id_query("vendor type"),
    project_id: int | None = optional_id_query("project"),
    sort: SortKey = "name",
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    values = {"q": q.replace("\x00", "").strip(), "type": vendor_type_id, "status": status,
              "project": project_id, "owner": "", "coverage": coverage or "",
              "compliance": compliance or "", "deficiency": deficiency or "", "within": None,
              "outreach": "", "sort": sort}
    vendors = vendor_queryset(organization=request.organization, user=None, values=values,
                              today=local_today(request.organization))
    vendors = vendors.select_related("vendor_type").prefetch_related("tags", "projects")
    return page(vendors, limit=limit, offset=offset, convert=vendor_out)


@router.get("/vendors/{vendor_id}", response=responses(200, VendorOut),
            operation_id="get_vendor", summary="Read a vendor")
def get_vendor(request, vendor_id: int = id_param("vendor")):
    return vendor_out(live_vendor(request, vendor_id))


@router.post("/vendors", response=responses(201, VendorOut), operation_id="create_vendor",
             summary="Create a vendor")
def create_vendor(request, payload: VendorIn):
    data = _service_data(request, payload.model_dump())
    vendor = services.create_vendor(organization=request.organization, actor=actor(request),
                                    data=data)
    return Status(201, vendor_out(live_vendor(request, vendor.pk)))


@router.patch("/vendors/{vendor_id}", response=responses(200, VendorOut),
              operation_id="update_vendor", summary="Change a vendor")
def update_vendor(request, payload: VendorPatch, vendor_id: int = id_param("vendor")):
    vendor = live_vendor(request, vendor_id)
    values = payload.model_dump(exclude_unset=True)
    if values.get("legal_name", "") is None:
        values.pop("legal_name")
    data = _service_data(request, values)
    if data:
        services.update_vendor(organization=request.organization, actor=actor(request),
                               vendor=vendor, data=data)
    if values.get("status"):
        services.set_vendor_status(organization=request.organization, actor=actor(request),
                                   vendor=vendor, status=values["status"])
    return vendor_out(live_vendor(request, vendor.pk))
