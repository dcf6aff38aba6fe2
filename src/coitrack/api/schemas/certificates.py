"""Certificates: the record (status, files) and its data in the documented certificate JSON
(shared/guide/certificate-schema.md, plus the added ``endorsements`` key)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from coitrack import schema

CertificateStatus = Literal["received", "processing", "needs_review", "accepted", "rejected",
                            "superseded"]
Coverage = Literal[tuple(schema.COVERAGES)]  # type: ignore[valid-type]


class DocumentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    page_count: int | None
    sha256: str


class CertificateOut(Schema):
    id: int
    vendor_id: int
    status: CertificateStatus
    status_reason: str
    source: Literal["upload", "portal", "email", "api"]
    received_date: dt.date
    certificate_date: dt.date | None
    documents: list[DocumentOut]
    open_flags: int = Field(description="Misinformation flags waiting for a reviewer.")
    created_at: dt.datetime
    updated_at: dt.datetime


class CertificatePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[CertificateOut]


class UploadOut(Schema):
    certificate: CertificateOut
    duplicates: list[str] = Field(
        description="Files already on file: their stored copy was reused.")


class AcceptIn(Schema):
    reason: str = Field("", max_length=2000)
    accept_with_open_flags: bool = Field(
        False, description="Accept although misinformation flags are open (they are then "
                           "resolved); without it such a certificate is refused with 409.")


class RejectIn(Schema):
    reason: str = Field(min_length=1, max_length=2000,
                        description="Why; this is what the vendor is told.")


# The certificate JSON. Extra keys are allowed: the schema is extended only by adding keys.
class _Open(Schema):
    model_config = ConfigDict(extra="allow")


class Producer(_Open):
    name: str
    address: str
    contact_name: str
    phone: str
    fax: str
    email: str


class Party(_Open):
    name: str
    address: str


class CertificateInsurer(_Open):
    letter: Literal[schema.INSURER_LETTERS]  # type: ignore[valid-type]
    name: str
    naic: str | None


class CertificatePolicy(_Open):
    coverage: Coverage
    description: str | None
    insurer_letter: str | None
    policy_number: str | None
    effective_date: dt.date | None
    expiration_date: dt.date | None
    additional_insured: bool | None
    subrogation_waived: bool | None
    claims_made: bool | None
    aggregate_applies_per: Literal["policy", "project", "location", "other"] | None
    auto_symbols: list[str]
    retention: int | None
    statutory: bool | None
    excluded_officers: bool | None
    limits: dict[str, int]


class Endorsement(_Open):
    form: str
    edition: str | None
    title: str
    page: int | None
    source: Literal["document", "description"]


class CertificateData(_Open):
    """What the certificate says, exactly the keys of the certificate schema."""

    form: Literal["acord25", "generic"] | None
    edition: str | None
    certificate_date: dt.date | None
    certificate_number: str | None
    revision_number: str | None
    producer: Producer
    insured: Party
    insurers: list[CertificateInsurer]
    policies: list[CertificatePolicy]
    description_of_operations: str
    certificate_holder: Party
    endorsements: list[Endorsement] | None = Field(
        None, description="Added key, present only when endorsement forms were found.")
