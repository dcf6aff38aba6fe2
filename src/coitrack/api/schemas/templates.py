"""Requirement templates in the documented JSON (shared/guide/requirements-format.md).

These models document the format and check its shape; the rules engine's parser
(``coitrack.rules.requirements``) is what decides validity, exactly as in the app. Unknown keys
are allowed (the format extends by adding keys); ``null`` means the same as absent.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from coitrack import schema

Match = Literal["exact", "normalized", "off"]
Evidence = Literal["indicated", "confirmed"]


class _Open(Schema):
    model_config = ConfigDict(extra="allow")


class HolderRequirement(_Open):
    name: str | None = None
    address: str | None = None
    match: Match | None = None


class InsurerRequirement(_Open):
    min_rating: str | None = Field(None, description="AM Best rating, e.g. A-")
    min_financial_size: str | int | None = Field(None, description="I..XV, or 1..15")
    allow_unrated: bool | None = None


class WorkPeriod(_Open):
    start: dt.date | None = None
    end: dt.date | None = None


class CoverageRequirement(_Open):
    coverage: Literal[tuple(schema.COVERAGES)]  # type: ignore[valid-type]
    description: str | None = Field(None, description="Required for `other`.")
    limits: dict[str, int | None] | None = None
    additional_insured: bool | None = None
    subrogation_waived: bool | None = None
    primary_noncontributory: bool | None = None
    occurrence_only: bool | None = None
    aggregate_per_project: bool | None = None
    statutory: bool | None = None
    max_retention: int | None = None
    additional_insured_evidence: Evidence | None = None
    subrogation_waived_evidence: Evidence | None = None
    primary_noncontributory_evidence: Evidence | None = None


class TemplateJSON(_Open):
    """A requirement template, exactly the documented JSON."""

    name: str = Field(min_length=1, max_length=200)
    expiring_within_days: int | None = None
    named_insured_match: Match | None = None
    certificate_holder: HolderRequirement | None = None
    insurer: InsurerRequirement | None = None
    work_period: WorkPeriod | None = None
    umbrella_applies_to: list[str] | None = None
    coverages: list[CoverageRequirement]


class TemplateOut(Schema):
    id: int
    name: str
    created_at: dt.datetime
    updated_at: dt.datetime
    template: TemplateJSON = Field(description="The template JSON as stored (key order kept).")


class TemplateSummary(Schema):
    id: int
    name: str
    created_at: dt.datetime
    updated_at: dt.datetime
    assignment_count: int


class TemplatePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[TemplateSummary]
