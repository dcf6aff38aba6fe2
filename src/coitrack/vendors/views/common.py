"""Helpers the vendors views share: finding an organization's rows, showing service errors."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from coitrack.vendors.models import Vendor


def org_vendor(request: HttpRequest, pk: int) -> Vendor:
    """A vendor of the active organization that was not merged away; 404 otherwise."""
    return get_object_or_404(
        Vendor.objects.select_related("vendor_type", "owner"),
        organization=request.organization, pk=pk, merged_into__isnull=True,
    )


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
