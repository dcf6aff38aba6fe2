"""Reviewing an automatic reading: the page images with the boxes of what was read beside the
editable data; confirming, correcting, reading again; the export of corrections."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from coitrack.accounts.access import can, member_required
from coitrack.accounts.models import Role
from coitrack.certificates.forms.editor import CertificateEditor
from coitrack.certificates.forms.evidence import annotate_editor, page_boxes
from coitrack.certificates.models import CertificateEvidence, CertificateStatus
from coitrack.certificates.reading_export import correction_lines
from coitrack.certificates.services import StatusChangeRefused, accept_certificate
from coitrack.certificates.services.corrections import save_reviewed_data
from coitrack.certificates.services.reading import (
    READABLE,
    ReadingRefused,
    flagged_paths,
    human_edited_paths,
    is_stale,
    schedule_reading,
)
from coitrack.certificates.views.lookups import certificate_or_404
from coitrack.certificates.views.pages import documents_with_previews

CONFIRM = "confirm"


def evidence_of(certificate) -> CertificateEvidence | None:
    return CertificateEvidence.objects.filter(certificate=certificate).select_related(
        "document"
    ).first()


@member_required(Role.REVIEWER)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = certificate_or_404(request, pk)
    evidence = evidence_of(certificate)
    if request.method != "POST":
        return _render(request, certificate, evidence, CertificateEditor(certificate))
    editor = CertificateEditor(certificate, request.POST)
    if not editor.is_valid():
        return _render(request, certificate, evidence, editor, status=400)
    try:
        saved = save_reviewed_data(
            certificate=certificate, data=editor.to_data(), actor=request.user
        )
    except (ValueError, ValidationError):
        messages.error(request, "The certificate changed while you were reviewing it; reload "
                                "the page and enter your changes again.")
        return _render(request, certificate, evidence, editor, status=409)
    if saved.corrections:
        messages.success(request, f"Saved {saved.corrections} correction"
                                  f"{'s' if saved.corrections != 1 else ''} of the reading.")
    elif saved.events:
        messages.success(request, "Certificate data saved.")
    if request.POST.get("action") != CONFIRM:
        if not saved.events:
            messages.info(request, "Nothing had changed.")
        return redirect("certificates:detail", pk=certificate.pk)
    # Confirming means: the data on screen is right, so the certificate is accepted; flags the
    # misinformation checks raised (now, on the saved data) must be acknowledged as on its page.
    flags = open_flags(certificate)
    if flags and request.POST.get("confirm_flags") != "1":
        messages.error(request, f"The data was saved but the certificate was not accepted: "
                                f"{flags} flag{'s are' if flags != 1 else ' is'} still open. "
                                "Resolve them, or tick “Accept although flags are open”.")
        return redirect("certificates:review", pk=certificate.pk)
    try:
        accept_certificate(certificate=certificate, actor=request.user,
                           reason="Confirmed after review of the reading.")
    except StatusChangeRefused as refused:
        messages.error(request, f"The data was saved but the certificate was not accepted: "
                                f"{refused}")
        return redirect("certificates:review", pk=certificate.pk)
    if flags:
        from coitrack.review.services import resolve_open_flags

        resolve_open_flags(certificate=certificate, actor=request.user,
                           note="Accepted by the reviewer although the flag was open.")
    messages.success(request, "Certificate confirmed and accepted.")
    return redirect("certificates:detail", pk=certificate.pk)


def open_flags(certificate) -> int:
    """Misinformation flags (coitrack.review) on the certificate still waiting for a reviewer."""
    from coitrack.review.models import CertificateFlag

    return CertificateFlag.objects.filter(
        certificate=certificate, organization_id=certificate.organization_id,
        resolved_at__isnull=True,
    ).count()


def _render(request, certificate, evidence, editor, status: int = 200) -> HttpResponse:
    attention = annotate_editor(editor, evidence)
    documents = documents_with_previews(certificate)
    for document in documents:
        read = evidence is not None and evidence.document_id == document.pk
        document.pages = [
            {"number": n, "boxes": page_boxes(evidence, n) if read else []}
            for n in document.preview_pages
        ]
        document.was_read = read
    return render(request, "certificates/review.html", {
        "certificate": certificate, "vendor": certificate.vendor, "editor": editor,
        "evidence": evidence, "attention": attention, "documents": documents,
        "open_flags": open_flags(certificate),
        "can_confirm": certificate.status not in (CertificateStatus.ACCEPTED,
                                                  CertificateStatus.SUPERSEDED),
    }, status=status)


@require_POST
@member_required(Role.REVIEWER)
def read_again(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = certificate_or_404(request, pk)
    try:
        schedule_reading(certificate=certificate, actor=request.user,
                         replace_human_edits=request.POST.get("replace") == "1")
    except ReadingRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "The certificate's file will be read again in a moment.")
    return redirect("certificates:detail", pk=certificate.pk)


@require_GET
@member_required()
def reading_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The reading panel alone, polled by htmx while the reading runs.

    Once the reading has finished, the whole page is reloaded (``HX-Refresh``): its data, status
    and history all changed.
    """
    certificate = certificate_or_404(request, pk)
    context = reading_panel_context(certificate, can(request, Role.REVIEWER))
    response = render(request, "certificates/_reading.html", context)
    evidence = context["evidence"]
    if request.htmx and (evidence is None or not evidence.pending):
        response["HX-Refresh"] = "true"
    return response


def reading_panel_context(certificate, can_review: bool) -> dict:
    """What ``_reading.html`` shows: the reading's state and what a reviewer may do next."""
    evidence = evidence_of(certificate)
    readable = certificate.status in READABLE and certificate.documents.exists()
    may_read_again = bool(can_review and readable and (
        evidence is None or not evidence.pending or is_stale(evidence)))
    return {
        "certificate": certificate,
        "evidence": evidence,
        "flagged": len(flagged_paths(evidence)) if evidence is not None else 0,
        "can_review": can_review,
        "may_read_again": may_read_again,
        "hand_edited": may_read_again and bool(human_edited_paths(certificate, evidence)),
    }


@require_GET
@member_required(Role.ADMIN)
def reading_examples(request: HttpRequest) -> StreamingHttpResponse:
    """The organization's corrections of the reader, one JSON object per line."""
    response = StreamingHttpResponse(
        correction_lines(request.organization), content_type="application/x-ndjson"
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="reading-examples-{stamp}.jsonl"'
    response["Cache-Control"] = "private, no-store"
    return response
