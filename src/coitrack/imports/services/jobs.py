"""Import jobs: upload, mapping, preview, the background run and its report.

- ``upload`` reads the file at once (a file that cannot be read is refused with its message
  and nothing is stored), stores it in the default storage and guesses the mapping (the one
  remembered for the same header first).
- ``save_mapping`` checks and stores the mapping and remembers it for the header.
- ``preview`` plans every row against the current data; it changes nothing.
- ``start`` queues the run (a draft job only, once: a conditional UPDATE), ``execute`` carries it
  out in the worker: it claims the job (queued -> running), re-reads the file, plans again,
  writes in chunks and records progress, the counts, each failed row and one audit event for the
  job. A failure marks the job failed with the reason.
"""

from __future__ import annotations

import logging
import os
import uuid
from traceback import format_exception_only

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.imports.columns import (
    ASSIGNMENTS,
    CARRIERS,
    FIELDS,
    VENDORS,
    check_mapping,
    guess_mapping,
    header_signature,
)
from coitrack.imports.models import ImportJob, ImportMapping
from coitrack.imports.services.outcome import Plan
from coitrack.imports.tabular import Table, read_table

logger = logging.getLogger(__name__)
MAX_ERRORS_KEPT = 100_000


def upload(*, organization, actor, kind: str, name: str, raw: bytes) -> ImportJob:
    """Read and store an uploaded file as a new draft job. Raises ``TableError`` (nothing
    stored) when the file cannot be read."""
    if kind not in FIELDS:
        raise ValidationError("Choose what to import.")
    table = read_table(raw, name)
    remembered = ImportMapping.objects.filter(
        organization=organization, kind=kind, signature=header_signature(table.header)).first()
    mapping = guess_mapping(kind, table.header)
    if remembered is not None and not check_mapping(kind, remembered.mapping, len(table.header)):
        mapping = remembered.mapping
    extension = os.path.splitext(name)[1].lower()[:8] or ".csv"
    job = ImportJob(organization=organization, kind=kind, original_name=name[:255],
                    size=len(raw), header=table.header, row_count=len(table.rows),
                    source=table.source[:200], notes=table.notes, mapping=mapping,
                    mapping_remembered=remembered is not None and mapping == remembered.mapping,
                    duplicate_policy=(remembered.duplicate_policy if remembered
                                      else ImportJob.UPDATE),
                    created_by=actor)
    if kind == CARRIERS and job.duplicate_policy == ImportJob.CREATE:
        job.duplicate_policy = ImportJob.UPDATE
    job.file.save(f"{organization.pk}/{uuid.uuid4().hex}{extension}", ContentFile(raw),
                  save=False)
    job.save()
    return job


def save_mapping(*, job: ImportJob, mapping: dict[str, int], policy: str) -> ImportJob:
    """Store a draft job's mapping and duplicate policy, and remember them for its header.
    Raises ValidationError (changing nothing) when the mapping cannot be used."""
    problems = check_mapping(job.kind, mapping, len(job.header))
    if job.status != ImportJob.DRAFT:
        problems.append("This import has started already; upload the file again to change it.")
    if policy not in {p for p, _ in ImportJob.POLICY_CHOICES} or (
            job.kind == CARRIERS and policy == ImportJob.CREATE):
        problems.append("Choose what to do with rows that match an existing record.")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        job.mapping, job.duplicate_policy = mapping, policy
        job.save(update_fields=["mapping", "duplicate_policy"])
        ImportMapping.objects.update_or_create(
            organization=job.organization, kind=job.kind,
            signature=header_signature(job.header),
            defaults={"mapping": mapping, "duplicate_policy": policy})
    return job


def load_table(job: ImportJob) -> Table:
    with job.file.open("rb") as handle:
        raw = handle.read()
    return read_table(raw, job.original_name)


def preview(job: ImportJob) -> Plan:
    """What running the job would do now, row by row; changes nothing."""
    table = load_table(job)
    organization, mapping = job.organization, job.mapping
    if job.kind == VENDORS:
        from coitrack.imports.services.vendors import plan_vendors

        return plan_vendors(organization, table, mapping, job.duplicate_policy)[0]
    if job.kind == CARRIERS:
        from coitrack.imports.services.carriers import plan_carriers

        return plan_carriers(organization, table, mapping, job.duplicate_policy)[0]
    from coitrack.imports.services.assignments import plan_assignments

    return plan_assignments(organization, table, mapping)[0]


def start(*, job: ImportJob) -> bool:
    """Queue a draft job's run (after commit); False when it is not a draft any more or its
    mapping cannot be used."""
    from coitrack.imports.tasks import run_import

    if check_mapping(job.kind, job.mapping, len(job.header)):
        return False
    with transaction.atomic():
        if not ImportJob.objects.filter(pk=job.pk, status=ImportJob.DRAFT).update(
                status=ImportJob.QUEUED, total=job.row_count, done=0):
            return False
        run_import.enqueue(job.pk)
    return True


def execute(*, job_id: int) -> bool:
    """Carry out a queued job (see the module's contract). False when there is nothing to do."""
    if not ImportJob.objects.filter(pk=job_id, status=ImportJob.QUEUED).update(
            status=ImportJob.RUNNING, started_at=timezone.now()):
        return False
    job = ImportJob.objects.select_related("organization", "created_by").get(pk=job_id)
    actor = job.created_by or "import"

    def progress(count: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(done=F("done") + count)

    try:
        table = load_table(job)
        ImportJob.objects.filter(pk=job_id).update(total=len(table.rows))
        plan = _run(job, actor, table, progress)
    except Exception as error:
        message = (" ".join(error.messages) if isinstance(error, ValidationError)
                   else "".join(format_exception_only(error)).strip())
        ImportJob.objects.filter(pk=job_id).update(status=ImportJob.FAILED,
                                                   finished_at=timezone.now(),
                                                   failure=message[:2000])
        if not isinstance(error, ValidationError):
            raise
        return True
    counts = plan.counts
    with transaction.atomic():
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJob.DONE, finished_at=timezone.now(), done=F("total"),
            created_count=counts["create"], updated_count=counts["update"],
            unchanged_count=counts["unchanged"], skipped_count=counts["skip"],
            error_count=counts["error"], errors=plan.errors()[:MAX_ERRORS_KEPT])
        record(organization=job.organization, actor=actor, action=Action.CREATE, obj=job,
               changes={"rows": [None, len(plan.rows)]},
               note=(f"Imported {job.get_kind_display().lower()} from {job.original_name}: "
                     f"{counts['create']} created, {counts['update']} updated, "
                     f"{counts['unchanged']} unchanged, {counts['skip']} skipped, "
                     f"{counts['error']} with errors."))
    return True


def _run(job: ImportJob, actor, table: Table, progress) -> Plan:
    if job.kind == VENDORS:
        from coitrack.imports.services.vendors import run_vendors

        return run_vendors(organization=job.organization, actor=actor, table=table,
                           mapping=job.mapping, policy=job.duplicate_policy,
                           file_name=job.original_name, progress=progress)
    if job.kind == CARRIERS:
        from coitrack.imports.services.carriers import run_carriers

        return run_carriers(organization=job.organization, actor=actor, table=table,
                            mapping=job.mapping, policy=job.duplicate_policy, progress=progress)
    assert job.kind == ASSIGNMENTS
    from coitrack.imports.services.assignments import run_assignments

    return run_assignments(organization=job.organization, actor=actor, table=table,
                           mapping=job.mapping, progress=progress)
