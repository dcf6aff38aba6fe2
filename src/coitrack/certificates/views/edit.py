"""Data entry and correction of a certificate's fields, insurers and policies."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.certificates.forms.editor import CertificateEditor
from coitrack.certificates.services.corrections import save_reviewed_data
from coitrack.certificates.views.lookups import certificate_or_404
from coitrack.certificates.views.pages import documents_with_previews


@member_required(Role.REVIEWER)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = certificate_or_404(request, pk)
    if request.method != "POST":
        return _render(request, certificate, CertificateEditor(certificate))
    editor = CertificateEditor(certificate, request.POST)
    if not editor.is_valid():
        return _render(request, certificate, editor, status=400)
    try:
        # Also keeps what the reviewer corrected of an automatic reading (labelled examples).
        events = save_reviewed_data(
            certificate=certificate, data=editor.to_data(), actor=request.user
        ).events
    except (ValueError, ValidationError):
        # Another reviewer removed a policy between page load and save.
        messages.error(request, "The certificate changed while you were editing; reload the "
                                "page and enter your changes again.")
        return _render(request, certificate, editor, status=409)
    if events:
        messages.success(request, "Certificate data saved.")
    else:
        messages.info(request, "Nothing had changed.")
    return redirect("certificates:detail", pk=certificate.pk)


def _render(request, certificate, editor, status: int = 200) -> HttpResponse:
    return render(request, "certificates/edit.html", {
        "certificate": certificate, "vendor": certificate.vendor, "editor": editor,
        "documents": documents_with_previews(certificate),
    }, status=status)
