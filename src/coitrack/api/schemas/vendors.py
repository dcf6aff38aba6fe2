"""Vendors, their contacts and projects as the API shows and accepts them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema

from coitrack.api.pagination import MAX_ID
from coitrack.compliance.models import STATUS_CHOICES

# An id sent in a body: a database column holds no larger one (it would not bind: 500)
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

ComplianceStatus = Literal[tuple(value for value, _ in STATUS_CHOICES)]  # type: ignore[valid-type]
VendorStatus = Literal["active", "inactive"]
ContactRole = Literal["vendor", "agent", "other"]


class VendorOut(Schema):
    id: int
    legal_name: str
    dba: str
    status: VendorStatus
    vendor_type_id: int | None
    vendor_type: str | None = Field(description="The vendor type's name.")
    owner_id: int | None
    tax_id: str
    address_line1: str
    address_line2: str
    city: str
    state: str
    postal_code: str
    notes: str
    tags: list[str]
    project_ids: list[int]
    next_expiration: dt.date | None = Field(
        description="First expiry among the current policies of accepted certificates.")
    certificate_count: int
    compliance_status: ComplianceStatus
    created_at: dt.datetime
    updated_at: dt.datetime


class VendorPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[VendorOut]


class VendorIn(Schema):
    legal_name: str = Field(min_length=1, max_length=300)
    dba: str = Field("", max_length=300)
    vendor_type_id: int | None = Field(None, ge=1, le=MAX_ID)
    owner_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="A member of the organization."
    )
    tax_id: str = Field("", max_length=20)
    address_line1: str = Field("", max_length=200)
    address_line2: str = Field("", max_length=200)
    city: str = Field("", max_length=100)
    state: str = Field("", max_length=50)
    postal_code: str = Field("", max_length=20)
    notes: str = ""
    tags: list[str] = Field(default_factory=list, max_length=20)
    project_ids: list[Id] = Field(default_factory=list, max_length=200)


class VendorPatch(Schema):
    """Only the keys sent change. ``status`` deactivates or reactivates the vendor."""

    legal_name: str | None = Field(None, min_length=1, max_length=300)
    dba: str | None = Field(None, max_length=300)
    vendor_type_id: int | None = Field(None, ge=1, le=MAX_ID)
    owner_id: int | None = Field(None, ge=1, le=MAX_ID)
    tax_id: str | None = Field(None, max_length=20)
    address_line1: str | None = Field(None, max_length=200)
    address_line2: str | None = Field(None, max_length=200)
    city: str | None = Field(None, max_length=100)
    state: str | None = Field(None, max_length=50)
    postal_code: str | None = Field(None, max_length=20)
    notes: str | None = None
    tags: list[str] | None = Field(None, max_length=20)
    project_ids: list[Id] | None = Field(None, max_length=200)
    status: VendorStatus | None = None


class ContactOut(Schema):
    id: int
    vendor_id: int
    role: ContactRole
    name: str
    email: str
    phone: str
    is_primary: bool


class ContactPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ContactOut]


class ContactIn(Schema):
    role: ContactRole = "vendor"
    name: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    is_primary: bool = False


class ContactPatch(Schema):
    role: ContactRole | None = None
    name: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    is_primary: bool | None = None


class ProjectOut(Schema):
    id: int
    name: str
    address: str
    start_date: dt.date | None
    end_date: dt.date | None
    vendor_count: int


class ProjectPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ProjectOut]


class ProjectIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    address: str = Field("", max_length=300)
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class ProjectPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    address: str | None = Field(None, max_length=300)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
