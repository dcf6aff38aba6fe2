"""Test helpers: templates and assignments written directly (no re-evaluation side effects)."""

from __future__ import annotations

import datetime as dt

from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
from coitrack.testing import factories

GL_1M = {
    "name": "General liability 1M",
    "expiring_within_days": 30,
    "named_insured_match": "off",
    "coverages": [{"coverage": "general_liability", "limits": {"each_occurrence": 1_000_000}}],
}


def template(org, data=None, **changes) -> RequirementTemplate:
    data = {**(data or GL_1M), **changes}
    return RequirementTemplate.objects.create(organization=org, name=data["name"], data=data)


def assign(template_row, *, vendor_type=None, project=None, vendor=None, overrides=None):
    return TemplateAssignment.objects.create(
        organization=template_row.organization, template=template_row, vendor_type=vendor_type,
        project=project, vendor=vendor, overrides=overrides or {},
    )


def gl_certificate(vendor, *, each_occurrence=1_000_000, effective=dt.date(2026, 1, 1),
                   expiration=dt.date(2027, 1, 1), **kwargs):
    return factories.certificate(vendor, limits={"each_occurrence": each_occurrence},
                                 effective=effective, expiration=expiration, **kwargs)
