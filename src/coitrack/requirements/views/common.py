"""Helpers the requirements views share."""

from __future__ import annotations

import contextlib
import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, QueryDict
from django.shortcuts import get_object_or_404

from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
from coitrack.vendors.models import Vendor, VendorStatus

ADD_ROW = "add_coverage"


def org_template(request: HttpRequest, pk: int) -> RequirementTemplate:
    return get_object_or_404(RequirementTemplate, organization=request.organization, pk=pk)


def with_extra_row(data: QueryDict, prefix: str = "coverages") -> QueryDict:
    """The posted data with one more (blank) coverage row, for "Add a coverage" without JS."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    with contextlib.suppress(ValueError):  # a tampered count: the formset reports it
        data[key] = str(min(int(data.get(key, "0")) + 1, 40))
    return data


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def reached_vendors(organization, assignments: list[TemplateAssignment], today: dt.date):
    """Active vendors a template's assignments reach today (ended projects left out)."""
    type_ids = [a.vendor_type_id for a in assignments if a.vendor_type_id]
    project_ids = [a.project_id for a in assignments if a.project_id]
    vendor_ids = [a.vendor_id for a in assignments if a.vendor_id]
    if not (type_ids or project_ids or vendor_ids):
        return Vendor.objects.none()
    ongoing = (
        Q(vendorproject__project_id__in=project_ids)
        & (Q(vendorproject__project__end_date__isnull=True)
           | Q(vendorproject__project__end_date__gte=today))
        & (Q(vendorproject__end_date__isnull=True) | Q(vendorproject__end_date__gte=today))
    )
    return Vendor.objects.filter(
        Q(vendor_type_id__in=type_ids) | ongoing | Q(pk__in=vendor_ids),
        organization=organization, merged_into__isnull=True, status=VendorStatus.ACTIVE,
    ).distinct()
