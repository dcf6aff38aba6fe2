"""Downloads: every export as CSV (streamed) or XLSX, and the per-vendor compliance report
(PDF, and a printable page). Any member may read them; everything is the member's organization's.
"""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from coitrack.accounts.access import member_required
from coitrack.compliance.services import local_today
from coitrack.exports import datasets, writers
from coitrack.exports.pdf import render_pdf
from coitrack.exports.report import build_report
from coitrack.vendors.models import Vendor


def export_response(export: datasets.Export, fmt: str, *, day) -> HttpResponse:
    """The download of ``export``: CSV streamed row chunk by row chunk, XLSX from a temporary
    file; named ``<kind>-<day>.<fmt>``."""
    filename = f"{export.kind}-{day.isoformat()}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            (piece.encode() for piece in writers.csv_text(export.header, export.rows)),
            content_type=writers.CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        handle = writers.write_xlsx(export.header, export.rows, title=export.title)
        response = FileResponse(handle, as_attachment=True, filename=filename,
                                content_type=writers.XLSX_CONTENT_TYPE)
    response["Cache-Control"] = "no-store"  # another member's filters, another organization
    return response


@require_safe
@member_required()
def download(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    export = datasets.build(kind, organization=request.organization, user=request.user,
                            query=request.GET)
    return export_response(export, fmt, day=local_today(request.organization))


def _vendor(request: HttpRequest, pk: int) -> Vendor:
    return get_object_or_404(
        Vendor.objects.select_related("vendor_type", "owner", "organization"),
        organization=request.organization, merged_into__isnull=True, pk=pk)


@require_safe
@member_required()
def vendor_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = build_report(_vendor(request, pk))
    response = HttpResponse(render_pdf(report), content_type="application/pdf")
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = (
        f'{disposition}; filename="compliance-{report.vendor.pk}-{report.today.isoformat()}.pdf"')
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@member_required()
def vendor_report_print(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "exports/vendor_report.html", {
        "report": build_report(_vendor(request, pk)), "generated_at": timezone.now()})
