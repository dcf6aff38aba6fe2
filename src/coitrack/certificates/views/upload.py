"""Uploading the files of a certificate for a vendor."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.certificates.forms.upload import UploadForm
from coitrack.certificates.services import upload_certificate
from coitrack.certificates.services.upload import UploadFailed, UploadResult
from coitrack.certificates.views.lookups import vendor_or_404


def _today(organization):
    try:
        return timezone.localdate(timezone=ZoneInfo(organization.time_zone))
    except (ValueError, KeyError):
        return timezone.localdate()


@member_required(Role.REVIEWER)
def upload(request: HttpRequest, vendor_pk: int) -> HttpResponse:
    vendor = vendor_or_404(request, vendor_pk)
    form_kwargs = {"today": _today(request.organization), "max_bytes": settings.MAX_UPLOAD_BYTES}
    form = UploadForm(**form_kwargs)
    file_errors: list[str] = []
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, **form_kwargs)
        if form.is_valid():
            try:
                result = upload_certificate(
                    vendor=vendor,
                    files=[(f.name, f) for f in form.cleaned_data["files"]],
                    received_date=form.cleaned_data["received_date"],
                    source=form.cleaned_data["source"],
                    actor=request.user,
                )
            except UploadFailed as error:
                file_errors = error.errors
            else:
                return _after_upload(request, vendor, result)
    status = 400 if request.method == "POST" else 200
    return render(request, "certificates/upload.html", {
        "vendor": vendor, "form": form, "file_errors": file_errors,
    }, status=status)


def _after_upload(request: HttpRequest, vendor, result: UploadResult) -> HttpResponse:
    if result.duplicates:
        items = format_html_join(
            "; ", "{} is already on file as <a href=\"{}\">{} (certificate #{}, {})</a>",
            (
                (d.name, reverse("certificates:detail", args=[d.certificate.pk]),
                 d.certificate, d.certificate.pk, d.certificate.vendor)
                for d in result.duplicates
            ),
        )
        level = messages.INFO if result.certificate else messages.WARNING
        messages.add_message(request, level, format_html("{}.", items))
    if result.certificate is None:
        return redirect("certificates:detail", pk=result.duplicates[0].certificate.pk)
    count = result.certificate.documents.count()
    messages.success(request, format_html(
        "Certificate received with {} file{}. It is read automatically; then review what was "
        "read.",
        count, "" if count == 1 else "s",
    ))
    return redirect("certificates:detail", pk=result.certificate.pk)
