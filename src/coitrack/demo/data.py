"""The shapes the demo generator produces: plain dataclasses that mirror the models, no Django.

Field names equal the model fields they become, so the loader copies them across by name.
References between rows are by name or by index (a vendor's owner is a username, a superseded
certificate points at the index of its successor in the vendor's list), never by database id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Scenario(StrEnum):
    """The situation a demo vendor is in, so the demo always shows each kind of case."""

    COMPLIANT = "compliant"  # every line in force for more than 30 days
    RENEWED = "renewed"  # compliant, and last year's certificate is kept as superseded
    EXPIRING = "expiring"  # a line ends within the next 30 days
    EXPIRED = "expired"  # every line has ended
    MISSING_LINE = "missing_line"  # accepted, but without workers' comp or general liability
    AWAITING_REVIEW = "awaiting_review"  # a new certificate arrived and nobody has read it yet
    FLAGGED = "flagged"  # a new certificate was read and something about it needs a human
    NO_CERTIFICATE = "no_certificate"  # never sent one


@dataclass(slots=True)
class UserData:
    username: str
    email: str
    first_name: str
    last_name: str
    role: str


@dataclass(slots=True)
class ProjectData:
    name: str
    address: str
    start_date: dt.date | None
    end_date: dt.date | None


@dataclass(slots=True)
class AssignmentData:
    project: str  # ProjectData.name
    start_date: dt.date | None = None
    end_date: dt.date | None = None


@dataclass(slots=True)
class ContactData:
    role: str  # "vendor" | "agent" | "other"
    name: str
    email: str
    phone: str
    is_primary: bool = False


@dataclass(slots=True)
class InsurerData:
    letter: str
    name: str
    naic: str


@dataclass(slots=True)
class PolicyData:
    coverage: str
    insurer_letter: str
    policy_number: str
    effective_date: dt.date | None
    expiration_date: dt.date | None
    limits: dict[str, int]
    description: str = ""
    additional_insured: bool | None = None
    subrogation_waived: bool | None = None
    claims_made: bool | None = None
    aggregate_applies_per: str = ""
    auto_symbols: list[str] = field(default_factory=list)
    retention: int | None = None
    statutory: bool | None = None
    excluded_officers: bool | None = None
    # Index, in the successor certificate's ``policies``, of the policy that replaced this one.
    superseded_by: int | None = None


@dataclass(slots=True)
class CertificateData:
    status: str  # a CertificateStatus value
    source: str
    received_date: dt.date
    status_reason: str = ""
    form: str = ""
    edition: str = ""
    certificate_date: dt.date | None = None
    certificate_number: str = ""
    revision_number: str = ""
    producer_name: str = ""
    producer_address: str = ""
    producer_contact_name: str = ""
    producer_phone: str = ""
    producer_fax: str = ""
    producer_email: str = ""
    insured_name: str = ""
    insured_address: str = ""
    description_of_operations: str = ""
    holder_name: str = ""
    holder_address: str = ""
    insurers: list[InsurerData] = field(default_factory=list)
    policies: list[PolicyData] = field(default_factory=list)
    # Index, in the vendor's ``certificates``, of the certificate that superseded this one.
    superseded_by: int | None = None


# Certificate fields that are model columns (the rest are related rows or references).
CERTIFICATE_COLUMNS = tuple(
    name for name in CertificateData.__dataclass_fields__
    if name not in {"insurers", "policies", "superseded_by"}
)
POLICY_COLUMNS = tuple(
    name for name in PolicyData.__dataclass_fields__ if name not in {"limits", "superseded_by"}
)


@dataclass(slots=True)
class VendorData:
    legal_name: str
    vendor_type: str
    scenario: Scenario
    dba: str = ""
    status: str = "active"
    address_line1: str = ""
    address_line2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    tax_id: str = ""
    owner: str | None = None  # a UserData.username
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    contacts: list[ContactData] = field(default_factory=list)
    projects: list[AssignmentData] = field(default_factory=list)
    certificates: list[CertificateData] = field(default_factory=list)  # oldest first


VENDOR_COLUMNS = (
    "legal_name", "dba", "status", "address_line1", "address_line2", "city", "state",
    "postal_code", "tax_id", "notes",
)


@dataclass(slots=True)
class DemoData:
    organization_name: str
    time_zone: str
    users: list[UserData]
    vendor_types: list[str]
    tags: list[str]
    projects: list[ProjectData]
    vendors: list[VendorData]
