"""Evaluate vendors and store the result: ``VendorEvaluation``, ``OpenDeficiency`` rows and
``Vendor.compliance_status``.

One path for one vendor or all of them: chunks of :data:`CHUNK` vendors, each read with a fixed
number of queries (``loading``), judged by the pure engine (``judging``), and written with a few
bulk statements, in one transaction per chunk (so a chunk's reads and writes see one state of the
data, and a concurrent change's own re-evaluation cannot be overwritten by older data).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from django.db import connection, transaction
from django.utils import timezone

from coitrack.compliance.models import OpenDeficiency, VendorEvaluation
from coitrack.compliance.services.clock import local_today
from coitrack.compliance.services.judging import TemplateCache, VendorResult, judge_vendor
from coitrack.compliance.services.loading import load_inputs, raw_rows
from coitrack.vendors.models import Vendor
from coitrack.webhooks.services.hooks import vendor_status_changes

CHUNK = 2000
NO_REQUIREMENTS = "no_requirements"


def evaluate_vendor(vendor: Vendor, *, as_of: dt.date | None = None) -> VendorEvaluation:
    """Evaluate one vendor now against every template that applies to it, and store it.

    ``as_of`` defaults to today in the organization's time zone. Updates
    ``vendor.compliance_status`` (on the row and on the instance given) and returns the stored
    ``VendorEvaluation``. A merged-away vendor is not evaluated: ``VendorEvaluation.DoesNotExist``.
    """
    organization = vendor.organization
    evaluate_vendors(organization=organization, vendor_ids=[vendor.pk], as_of=as_of)
    evaluation = VendorEvaluation.objects.get(vendor_id=vendor.pk)
    vendor.compliance_status = evaluation.status
    return evaluation


def organization_vendor_ids(organization) -> list[int]:
    """Ids of the organization's live (not merged-away) vendors, in id order."""
    return list(Vendor.objects.filter(organization=organization, merged_into__isnull=True)
                .order_by("pk").values_list("pk", flat=True))


def evaluate_vendors(*, organization, vendor_ids: Sequence[int] | None = None,
                     as_of: dt.date | None = None,
                     progress: Callable[[int], None] | None = None) -> int:
    """Evaluate ``vendor_ids`` (all live vendors when None) and store the results.

    Runs chunk by chunk, each in its own transaction; after each chunk ``progress(n)`` is told
    how many vendors it finished. Returns how many vendors were evaluated. Idempotent.
    """
    from coitrack.requirements.services import carrier_table, templates_by_vendor

    ids = organization_vendor_ids(organization) if vendor_ids is None else list(vendor_ids)
    as_of = as_of or local_today(organization)
    carriers = carrier_table(organization)
    # Which templates apply, for every vendor at once (a constant number of queries), unless
    # there are few vendors: then each chunk asks for its own.
    templates = (templates_by_vendor(organization, None if vendor_ids is None else ids,
                                     today=as_of)
                 if len(ids) > CHUNK else None)
    cache = TemplateCache()
    evaluated = 0
    changed: dict[str, list[int]] = defaultdict(list)  # new status -> vendors, for notifying
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        with transaction.atomic():
            inputs = load_inputs(organization, chunk, as_of=as_of, templates=templates)
            results = [judge_vendor(i, as_of=as_of, carriers=carriers, cache=cache)
                       for i in inputs.values()]
            previous = {i.vendor_id: i.compliance_status for i in inputs.values()}
            for status, vendors in _store(organization, results, previous, as_of).items():
                changed[status].extend(vendors)
            # Every stored status change, to the organization's webhooks (in this chunk's
            # transaction: an outbox row per endpoint, sent after commit).
            vendor_status_changes(organization, [
                (r.vendor_id, previous.get(r.vendor_id), r.status) for r in results])
        evaluated += len(results)
        if progress:
            progress(len(chunk))
    _tell(organization, changed)
    return evaluated


def _tell(organization, changed: dict[str, list[int]]) -> None:
    """Publish the changes into non-compliant or expired, once per run (bounded: one
    notification per member and kind, ``notifications.services.status_changes``). After the
    chunks' transactions: a run that fails halfway tells nobody of the chunks it stored."""
    from coitrack.notifications.services.status_changes import INTO, publish_status_changes

    if any(changed.get(status) for status in INTO):
        with transaction.atomic():
            publish_status_changes(organization, changed)


def _store(organization, results: list[VendorResult], previous: dict[int, str],
           as_of: dt.date) -> dict[str, list[int]]:
    """Write the results; return the vendors whose status changed, by their new status, for
    notifying. A first evaluation against requirements (from "no requirements") is left out:
    it follows an assignment someone made on purpose, and the vendor list shows its outcome."""
    if not results:
        return {}
    now = timezone.now()
    encode = json.JSONEncoder(separators=(",", ":"), default=str).encode
    # Most evaluations come out as they were (a daily run, an edit that changes little): those
    # rows only get their new day, and only the others are rewritten.
    stored = {row[0]: row[1:] for row in raw_rows(
        VendorEvaluation.objects.filter(vendor_id__in=[r.vendor_id for r in results])
        .values_list("vendor_id", "status", "pending_certificates", "deficiencies",
                     "evaluations"))}
    unchanged, rows = [], []
    for r in results:
        deficiencies, evaluations = encode(r.deficiencies), encode(r.evaluations)
        before = stored.get(r.vendor_id)
        if before is not None and before[:2] == (r.status, r.pending) and _same(
                before[2], deficiencies, r.deficiencies) and _same(
                before[3], evaluations, r.evaluations):
            unchanged.append(r.vendor_id)
        else:
            rows.append((r.vendor_id, organization.pk, r.status, deficiencies, evaluations,
                         r.pending, as_of, now))
    if unchanged:
        VendorEvaluation.objects.filter(vendor_id__in=unchanged).update(as_of=as_of,
                                                                        evaluated_at=now)
    # Plain INSERT ... ON CONFLICT through executemany: bulk_create would build a model instance
    # per row and an SQL string with 9 parameters per row, several times slower at 50,000 rows.
    _upsert_evaluations(rows)
    # Vendor.compliance_status: one UPDATE per status that changed, not one per vendor.
    changed: dict[str, list[int]] = defaultdict(list)
    for r in results:
        if previous.get(r.vendor_id) != r.status:
            changed[r.status].append(r.vendor_id)
    for status, ids in changed.items():
        Vendor.objects.filter(pk__in=ids).update(compliance_status=status)
    _store_open_codes(organization, results)
    return {status: [i for i in ids if previous.get(i, NO_REQUIREMENTS) != NO_REQUIREMENTS]
            for status, ids in changed.items()}


def _same(stored, text: str, value) -> bool:
    """Whether a stored JSON value equals the new one: as text where the driver gives text
    (SQLite, which stores what we wrote), as objects where it decodes (PostgreSQL's jsonb)."""
    return stored == text if isinstance(stored, str) else stored == value


def _upsert_evaluations(rows: list[tuple]) -> None:
    if not rows:
        return
    table = connection.ops.quote_name(VendorEvaluation._meta.db_table)
    json_value = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    columns = ("vendor_id", "organization_id", "status", "deficiencies", "evaluations",
               "pending_certificates", "as_of", "evaluated_at")
    placeholders = ["%s", "%s", "%s", json_value, json_value, "%s", "%s", "%s"]
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(placeholders)}) "
           f"ON CONFLICT (vendor_id) DO UPDATE SET {updates}")
    with connection.cursor() as cursor:
        cursor.executemany(sql, [
            (*row[:6], connection.ops.adapt_datefield_value(row[6]),
             connection.ops.adapt_datetimefield_value(row[7]))
            for row in rows
        ])


def _store_open_codes(organization, results: Iterable[VendorResult]) -> None:
    """Bring ``OpenDeficiency`` rows in line with the results, touching only what changed."""
    wanted = {(r.vendor_id, code) for r in results for code in r.open_codes}
    ids = [r.vendor_id for r in results]
    existing = set(OpenDeficiency.objects.filter(vendor_id__in=ids)
                   .values_list("vendor_id", "code"))
    stale: dict[str, list[int]] = defaultdict(list)
    for vendor_id, code in existing - wanted:
        stale[code].append(vendor_id)
    for code, vendor_ids in stale.items():
        OpenDeficiency.objects.filter(code=code, vendor_id__in=vendor_ids).delete()
    added = sorted(wanted - existing)
    if added:
        table = connection.ops.quote_name(OpenDeficiency._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (organization_id, vendor_id, code) VALUES (%s, %s, %s)",
                [(organization.pk, vendor_id, code) for vendor_id, code in added],
            )
