"""Carrier rows: the mapped columns become the carrier table's own CSV, then the existing carrier
import (``requirements.services.carriers``) previews and imports it, unchanged: its checks, its
matching (NAIC code, then name), its one transaction with an event per carrier, and its rule
that any problem blocks the whole file (a rating table half imported would judge certificates
against a mix of two tables). The duplicate policy "skip" leaves existing carriers as they are;
"create" is not offered (a NAIC code is unique per organization).
"""

from __future__ import annotations

from coitrack.imports.columns import row_values
from coitrack.imports.escaping import unescape_cell
from coitrack.imports.services.outcome import Plan, PlannedRow
from coitrack.imports.tabular import Table
from coitrack.requirements.carrier_csv import CarrierFileError
from coitrack.requirements.services import carriers as carrier_services
from coitrack.rules.carriers import CSV_COLUMNS

COLUMNS = [*CSV_COLUMNS, "admitted"]


def carrier_csv(table: Table, mapping: dict[str, int], leave_out: frozenset[int] = frozenset()
                ) -> tuple[str, list[int]]:
    """The carrier table CSV of the mapped columns (file lines in ``leave_out`` left out) and the
    file line of each of its rows."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    lines = []
    for line, cells in table.rows:
        values = row_values(mapping, cells)
        row = [unescape_cell(values.get(c, "")) for c in COLUMNS]
        if any(v.strip() for v in row) and line not in leave_out:
            writer.writerow(row)
            lines.append(line)
    return out.getvalue(), lines


def plan_carriers(organization, table: Table, mapping: dict[str, int], policy: str
                  ) -> tuple[Plan, str]:
    """The plan and the CSV text the run imports (rows skipped by the policy left out)."""
    text, lines = carrier_csv(table, mapping)
    try:
        result = carrier_services.preview_carrier_import(organization=organization, text=text)
    except CarrierFileError as error:
        return Plan(rows=[], blocking=str(error)), ""
    rows = []
    for line, row in zip(lines, result.rows, strict=False):
        action = "error" if row.problems else row.action
        if action == "update" and policy == "skip":
            action = "skip"
        detail = " · ".join(p for p in (row.naic and f"NAIC {row.naic}",
                                        row.am_best_rating, row.financial_size) if p)
        rows.append(PlannedRow(line=line, label=row.name, detail=detail, action=action,
                               problems=list(row.problems)))
    plan = Plan(rows=rows)
    if not result.ok:
        plan.blocking = ("Carrier rows with problems block the whole file (nothing is imported): "
                         "correct them and upload the file again.")
        return plan, ""
    if policy == "skip":
        skipped = frozenset(r.line for r in rows if r.action == "skip")
        text, _ = carrier_csv(table, mapping, skipped)
    return plan, text


def run_carriers(*, organization, actor, table: Table, mapping: dict[str, int], policy: str,
                 progress) -> Plan:
    """Import the carriers (all in one transaction, by the existing service); the plan's rows
    say what each did. Raises ``ValidationError`` when a row has a problem."""
    plan, text = plan_carriers(organization, table, mapping, policy)
    if plan.blocking:
        from django.core.exceptions import ValidationError

        raise ValidationError(plan.blocking)
    if plan.counts["create"] or plan.counts["update"]:
        carrier_services.import_carriers(organization=organization, actor=actor, text=text)
    progress(len(plan.rows))
    return plan
