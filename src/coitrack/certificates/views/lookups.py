"""Fetching rows for a request: always within the request's organization, else 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from coitrack.certificates.models import Certificate, Document
from coitrack.vendors.models import Vendor


def vendor_or_404(request, pk: int) -> Vendor:
    return get_object_or_404(Vendor, organization=request.organization, pk=pk)


def certificate_or_404(request, pk: int) -> Certificate:
    return get_object_or_404(
        Certificate.objects.select_related("vendor"), organization=request.organization, pk=pk
    )


def document_or_404(request, pk: int) -> Document:
    return get_object_or_404(Document, organization=request.organization, pk=pk)
