"""Vendor imports: plan every row (preview and run alike), then write in chunks."""

from __future__ import annotations

from collections.abc import Callable

from coitrack.compliance.services.schedule import schedule_reevaluation
from coitrack.imports.columns import row_values
from coitrack.imports.services.outcome import Plan, PlannedRow
from coitrack.imports.services.vendor_plan import (
    VendorIndex,
    VendorRow,
    clean_row,
    members_lookup,
    plan_rows,
)
from coitrack.imports.services.vendor_write import write_chunk
from coitrack.imports.tabular import Table

CHUNK = 1000  # rows per transaction: short enough for the web server to write in between


def plan_vendors(organization, table: Table, mapping: dict[str, int], policy: str
                 ) -> tuple[Plan, VendorIndex, list[VendorRow]]:
    members = members_lookup(organization)
    rows = [clean_row(line, row_values(mapping, cells), members) for line, cells in table.rows]
    index = VendorIndex(organization)
    plan_rows(index, rows, policy)
    return Plan(rows=[_planned(r) for r in rows]), index, rows


def _planned(row: VendorRow) -> PlannedRow:
    f = row.fields
    place = ", ".join(p for p in (f.get("city", ""), f.get("state", "")) if p)
    detail = " · ".join(p for p in (f.get("tax_id", ""), row.vendor_type, place,
                                    ", ".join(c.email or c.name for c in row.contacts)) if p)
    return PlannedRow(line=row.line, label=row.name, detail=detail, action=row.action,
                      problems=row.problems,
                      changes=sorted(row.changes) if row.action == "update" else [])


def run_vendors(*, organization, actor, table: Table, mapping: dict[str, int], policy: str,
                file_name: str, progress: Callable[[int], None]) -> Plan:
    """Import the vendor rows; ``progress(n)`` after each chunk of ``n`` rows. Vendors created or
    changed are re-evaluated afterwards (in the background when they are many)."""
    plan, index, rows = plan_vendors(organization, table, mapping, policy)
    touched: list[int] = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        touched += write_chunk(index, chunk, actor=actor, file_name=file_name)
        progress(len(chunk))
    if touched:
        schedule_reevaluation(organization=organization, vendor_ids=touched,
                              reason=f"{len(touched)} vendors imported from {file_name}"[:200])
    return plan
