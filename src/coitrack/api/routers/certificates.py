"""Certificates: list, read, upload files to a vendor, read the extracted data, accept, reject.

Uploading returns the certificate in status ``received`` with its reading scheduled in the
background (as in the app): poll it until ``needs_review``, then read its data and confirm.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.http import JsonResponse
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from coitrack.api.auth import actor
from coitrack.api.errors import ApiError, responses
from coitrack.api.lookups import org_object
from coitrack.api.pagination import id_param, limit_param, offset_param, optional_id_query, page
from coitrack.api.routers.vendors import live_vendor
from coitrack.api.schemas.certificates import (
    AcceptIn,
    CertificateData,
    CertificateOut,
    CertificatePage,
    CertificateStatus,
    RejectIn,
    UploadOut,
)
from coitrack.certificates.models import Certificate, CertificateSource
from coitrack.certificates.schema_io import certificate_to_schema
from coitrack.certificates.services import (
    StatusChangeRefused,
    accept_certificate,
    reject_certificate,
    upload_certificate,
)
from coitrack.certificates.services.upload import UploadFailed
from coitrack.compliance.services import local_today

router = Router(tags=["certificates"])

MAX_FILES = 10
FILES = File(..., description="PDF or image files.")
RECEIVED_DATE = Form(None, description="Default: today in the organization's time zone.")


def certificate_out(cert: Certificate) -> dict:
    return {
        "id": cert.pk, "vendor_id": cert.vendor_id, "status": cert.status,
        "status_reason": cert.status_reason, "source": cert.source,
        "received_date": cert.received_date, "certificate_date": cert.certificate_date,
        "documents": [{"id": d.pk, "name": d.original_name, "content_type": d.content_type,
                       "size": d.size, "page_count": d.page_count, "sha256": d.sha256}
                      for d in cert.documents.all()],
        "open_flags": cert.open_flag_count,
        "created_at": cert.created_at, "updated_at": cert.updated_at,
    }


def _certificates(request):
    return (Certificate.objects.filter(organization=request.organization)
            .prefetch_related("documents")
            .annotate(open_flag_count=Count("flags", filter=Q(flags__resolved_at__isnull=True),
                                            distinct=True)))


def org_certificate(request, pk: int) -> Certificate:
    return org_object(request, _certificates(request), pk, "certificate")


@router.get("/certificates", response=responses(200, CertificatePage),
            operation_id="list_certificates", summary="List certificates")
def list_certificates(request, vendor_id: int | None = optional_id_query("vendor"),
                      status: CertificateStatus | None = None,
                      limit: int = limit_param(), offset: int = offset_param()):
    certificates = _certificates(request).order_by("-received_date", "-id")
    if vendor_id is not None:
        certificates = certificates.filter(vendor_id=vendor_id)
    if status is not None:
        certificates = certificates.filter(status=status)
    return page(certificates, limit=limit, offset=offset, convert=certificate_out)


@router.get("/certificates/{certificate_id}", response=responses(200, CertificateOut),
            operation_id="get_certificate", summary="Read a certificate's record")
def get_certificate(request, certificate_id: int = id_param("certificate")):
    return certificate_out(org_certificate(request, certificate_id))


@router.get("/certificates/{certificate_id}/data", response=responses(200, CertificateData),
            operation_id="get_certificate_data",
            summary="What the certificate says, in the documented certificate JSON")
def get_certificate_data(request, certificate_id: int = id_param("certificate")):
    cert = org_certificate(request, certificate_id)
    # Returned as is (not through the response model) so the keys keep the documented order
    # and an absent optional key stays absent.
    return JsonResponse(certificate_to_schema(cert))


@router.post("/vendors/{vendor_id}/certificates", response=responses(201, UploadOut),
             operation_id="upload_certificate",
             summary="Upload the files of one certificate for a vendor")
def upload(request, vendor_id: int = id_param("vendor"),
           files: list[UploadedFile] = FILES,
           received_date: dt.date | None = RECEIVED_DATE):
    vendor = live_vendor(request, vendor_id)
    if not files:
        raise ApiError(422, "Send at least one file.", details=[{"field": "files",
                                                                 "message": "Required."}])
    if len(files) > MAX_FILES:
        raise ApiError(422, f"Send at most {MAX_FILES} files per certificate.",
                       details=[{"field": "files", "message": "Too many files."}])
    try:
        result = upload_certificate(
            vendor=vendor, files=[(f.name or "upload", f) for f in files],
            received_date=received_date or local_today(request.organization),
            source=CertificateSource.API, actor=actor(request),
        )
    except UploadFailed as failed:
        raise ApiError(422, "The files were refused; nothing was stored.",
                       details=[{"field": "files", "message": m} for m in failed.errors]
                       ) from None
    if result.certificate is None:
        known = result.duplicates[0].certificate
        raise ApiError(409, f"These files are already on file as certificate {known.pk}.",
                       details=[{"field": "files", "message": f"{d.name}: certificate "
                                                              f"{d.certificate.pk}"}
                                for d in result.duplicates])
    return Status(201, {
        "certificate": certificate_out(org_certificate(request, result.certificate.pk)),
        "duplicates": [d.name for d in result.duplicates],
    })


@router.post("/certificates/{certificate_id}/accept", response=responses(200, CertificateOut),
             operation_id="accept_certificate",
             summary="Confirm the certificate's data and accept it")
def accept(request, payload: AcceptIn, certificate_id: int = id_param("certificate")):
    cert = org_certificate(request, certificate_id)
    if cert.open_flag_count and not payload.accept_with_open_flags:
        raise ApiError(409, f"{cert.open_flag_count} misinformation flag(s) are open: resolve "
                            "them in the app, or send accept_with_open_flags.")
    try:
        accept_certificate(certificate=cert, actor=actor(request),
                           reason=payload.reason.strip())
    except StatusChangeRefused as refused:
        raise ApiError(409, str(refused)) from None
    if cert.open_flag_count:
        from coitrack.review.services import resolve_open_flags

        resolve_open_flags(certificate=cert, actor=actor(request),
                           note="Accepted through the API although the flag was open.")
    return certificate_out(org_certificate(request, cert.pk))


@router.post("/certificates/{certificate_id}/reject", response=responses(200, CertificateOut),
             operation_id="reject_certificate", summary="Reject the certificate")
def reject(request, payload: RejectIn, certificate_id: int = id_param("certificate")):
    cert = org_certificate(request, certificate_id)
    reason = payload.reason.strip()
    if not reason:
        raise ApiError(422, "Say why the certificate is rejected.",
                       details=[{"field": "reason", "message": "Required."}])
    try:
        reject_certificate(certificate=cert, actor=actor(request), reason=reason)
    except StatusChangeRefused as refused:
        raise ApiError(409, str(refused)) from None
    return certificate_out(org_certificate(request, cert.pk))
