"""A vendor's evaluation (the documented evaluation shape, with the app's added keys) and
waivers."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from coitrack.api.pagination import MAX_ID
from coitrack.api.schemas.vendors import ComplianceStatus
from coitrack.rules.deficiencies import CODES

DeficiencyCode = Literal[tuple(CODES)]  # type: ignore[valid-type]


class Deficiency(Schema):
    model_config = ConfigDict(extra="allow")

    code: str
    severity: Literal["fail", "warn"]
    coverage: str | None
    limit: str | None
    required: Any = None
    actual: Any = None
    waived: bool
    message: str
    template: str | None = Field(None, description="Added: the template's name.")
    template_id: int | None = Field(None, description="Added: the template's id.")


class TemplateEvaluation(Schema):
    model_config = ConfigDict(extra="allow")

    template_id: int | None
    name: str
    status: str


class EvaluationOut(Schema):
    """requirements-format.md's evaluation of the vendor against every template that applies.

    ``status`` is the worst of the templates' statuses (``no_requirements`` when none applies).
    """

    vendor_id: int
    status: ComplianceStatus
    as_of: dt.date
    deficiencies: list[Deficiency]
    evaluated_at: dt.datetime
    pending_certificates: int = Field(
        description="Certificates received but not accepted yet (they do not count yet).")
    templates: list[TemplateEvaluation] = Field(
        description="One entry per applied template, with its own status and coverage report.")


class WaiverOut(Schema):
    id: int
    vendor_id: int
    project_id: int | None
    code: str
    coverage: str | None
    limit: str | None
    reason: str
    expires_on: dt.date | None
    until_renewal: bool
    state: Literal["active", "expired", "revoked"]
    created_at: dt.datetime
    revoked_at: dt.datetime | None


class WaiverPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[WaiverOut]


class WaiverIn(Schema):
    """Waive one deficiency the vendor has now (as its evaluation reports it)."""

    code: DeficiencyCode
    coverage: str | None = Field(None, max_length=32)
    limit: str | None = Field(None, max_length=64)
    template_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Whose deficiency, when several templates report it."
    )
    reason: str = Field(min_length=1, max_length=2000)
    expires_on: dt.date | None = Field(None, description="Either this, or until_renewal.")
    until_renewal: bool = False
    project_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only for the templates that apply through this project."
    )


class RevokeIn(Schema):
    note: str = Field("", max_length=2000)
