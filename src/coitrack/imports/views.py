"""Import screens: list and upload, mapping with the preview, the run's progress (htmx) and the
report with its errors as CSV; the vendor export. Thin: the rules are in ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.imports.columns import FIELDS
from coitrack.imports.escaping import write_csv
from coitrack.imports.forms import MappingForm, UploadForm
from coitrack.imports.models import ImportJob
from coitrack.imports.services import jobs
from coitrack.imports.services.export import vendor_csv_chunks
from coitrack.imports.tabular import TableError

PREVIEW_ROWS = 100
ACTION_LABELS = {"create": "new", "update": "update", "unchanged": "unchanged",
                 "skip": "skipped", "error": "not imported"}


def _job(request: HttpRequest, pk: int) -> ImportJob:
    return get_object_or_404(ImportJob, organization=request.organization, pk=pk)


@require_safe
@member_required()
def job_list(request: HttpRequest) -> HttpResponse:
    recent = ImportJob.objects.filter(organization=request.organization).select_related(
        "created_by")[:50]
    return render(request, "imports/list.html", {"jobs": recent, "form": UploadForm(
        initial={"kind": request.GET.get("kind", "vendors")})})


@member_required(Role.REVIEWER)
def job_upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None,
                      initial={"kind": request.GET.get("kind", "vendors")})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = jobs.upload(organization=request.organization, actor=request.user,
                              kind=form.cleaned_data["kind"], name=upload.name,
                              raw=upload.read())
        except (TableError, ValidationError) as problem:
            form.add_error("file", f"Nothing was imported. "
                                   f"{' '.join(getattr(problem, 'messages', [str(problem)]))}")
        else:
            return redirect("imports:detail", pk=job.pk)
    return render(request, "imports/upload.html", {"form": form})


@require_safe
@member_required()
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    context: dict = {"job": job, "fields": FIELDS[job.kind]}
    if job.status == ImportJob.DRAFT:
        context["form"] = MappingForm(job=job)
        context.update(_preview_context(job))
    return render(request, "imports/detail.html", context)


def _preview_context(job: ImportJob) -> dict:
    from coitrack.imports.columns import check_mapping

    problems = check_mapping(job.kind, job.mapping, len(job.header))
    if problems:
        return {"mapping_problems": problems}
    try:
        plan = jobs.preview(job)
    except TableError as error:  # the stored file no longer reads (storage changed)
        return {"mapping_problems": [str(error)]}
    rows = sorted(plan.rows, key=lambda r: (r.action != "error", r.line))[:PREVIEW_ROWS]
    for row in rows:
        row.action_label = ACTION_LABELS[row.action]
    counts = plan.counts
    return {"plan": plan, "counts": counts, "preview_rows": rows,
            "to_import": counts["create"] + counts["update"],
            "can_run": not plan.blocking and any(
                plan.counts[a] for a in ("create", "update"))}


@member_required(Role.REVIEWER)
@require_POST
def job_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    form = MappingForm(request.POST, job=job)
    if form.is_valid():
        try:
            jobs.save_mapping(job=job, mapping=form.mapping(),
                              policy=form.cleaned_data["duplicate_policy"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect("imports:detail", pk=job.pk)
    return render(request, "imports/detail.html",
                  {"job": job, "form": form, "fields": FIELDS[job.kind]}, status=400)


@member_required(Role.REVIEWER)
@require_POST
def job_run(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if jobs.start(job=job):
        messages.success(request, f"Importing {job.original_name} in the background.")
    else:
        messages.error(request, "This import cannot start: it has started already, or its "
                                "columns are not chosen.")
    return redirect("imports:detail", pk=job.pk)


@require_safe
@member_required()
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar (htmx polls it while the job runs); the report once it is over."""
    return render(request, "imports/_progress.html", {"job": _job(request, pk)})


@require_safe
@member_required()
def job_errors(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    text = write_csv(["line", "name", "problems"],
                     ([e["line"], e["name"], "; ".join(e["problems"])] for e in job.errors))
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
    return response


@require_safe
@member_required()
def vendor_export(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(vendor_csv_chunks(request.organization),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="vendors.csv"'
    return response
