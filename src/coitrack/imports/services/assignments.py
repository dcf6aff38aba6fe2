"""Requirement assignment rows: a template and exactly one target (vendor type, project, or a
vendor by tax id or name), created through ``requirements.services.assign_template`` so each gets
its audit event and re-evaluation. An assignment that exists already is ``unchanged`` (so the same
file imported twice changes nothing); the duplicate policy does not apply. Names match without
regard to case; a vendor name matches as vendor rows do (normalized) and must be unambiguous.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction

from coitrack.imports.columns import row_values
from coitrack.imports.escaping import unescape_cell
from coitrack.imports.services.outcome import Plan, PlannedRow
from coitrack.imports.services.vendor_plan import tax_key
from coitrack.imports.tabular import Table
from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
from coitrack.requirements.services.assignments import assign_template
from coitrack.rules.names import normalize_name
from coitrack.vendors.models import Project, Vendor, VendorType

CHUNK = 200


class _Lookups:
    def __init__(self, organization) -> None:
        self.templates = {t.name.lower(): t for t in
                          RequirementTemplate.objects.filter(organization=organization)}
        self.types = {t.name.lower(): t for t in VendorType.objects.filter(
            organization=organization)}
        self.projects = {p.name.lower(): p for p in Project.objects.filter(
            organization=organization)}
        self.by_tax: dict[str, list[int]] = defaultdict(list)
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for pk, name, tax in Vendor.objects.filter(
                organization=organization, merged_into__isnull=True).values_list(
                "pk", "legal_name", "tax_id"):
            if tax:
                self.by_tax[tax_key(tax)].append(pk)
            self.by_name[normalize_name(name)].append(pk)
        self.existing = set(TemplateAssignment.objects.filter(organization=organization)
                            .values_list("template_id", "vendor_type_id", "project_id",
                                         "vendor_id"))


def _plan_row(lookups: _Lookups, line: int, values: dict[str, str]) -> tuple[PlannedRow, tuple]:
    values = {k: " ".join(unescape_cell(v).split()) for k, v in values.items()}
    template_name = values.get("template", "")
    row = PlannedRow(line=line, label=template_name, detail="", action="create")
    template = lookups.templates.get(template_name.lower())
    if not template_name:
        row.problems.append("no template")
    elif template is None:
        row.problems.append(f"no requirement template named “{template_name}”")
    vendor_text = values.get("vendor", "") or values.get("vendor_tax_id", "")
    given = [k for k, v in (("vendor_type", values.get("vendor_type")),
                            ("project", values.get("project")), ("vendor", vendor_text)) if v]
    key = (None, None, None, None)
    if len(given) != 1:
        row.problems.append("give exactly one of vendor type, project or vendor")
    elif given[0] == "vendor_type":
        target = lookups.types.get(values["vendor_type"].lower())
        row.detail = f"vendor type {values['vendor_type']}"
        if target is None:
            row.problems.append(f"no vendor type named “{values['vendor_type']}”")
        key = (template and template.pk, target and target.pk, None, None)
    elif given[0] == "project":
        target = lookups.projects.get(values["project"].lower())
        row.detail = f"project {values['project']}"
        if target is None:
            row.problems.append(f"no project named “{values['project']}”")
        key = (template and template.pk, None, target and target.pk, None)
    else:
        tax = tax_key(values.get("vendor_tax_id", ""))
        ids = lookups.by_tax.get(tax, []) if tax else lookups.by_name.get(
            normalize_name(values.get("vendor", "")), [])
        row.detail = f"vendor {vendor_text}"
        if len(ids) != 1:
            row.problems.append(f"no vendor “{vendor_text}”" if not ids else
                                f"{len(ids)} vendors match “{vendor_text}”; give the tax id")
        key = (template and template.pk, None, None, ids[0] if len(ids) == 1 else None)
    if row.problems:
        row.action = "error"
    elif key in lookups.existing:
        row.action = "unchanged"
    return row, key


def plan_assignments(organization, table: Table, mapping: dict[str, int]) -> tuple[Plan, list]:
    lookups = _Lookups(organization)
    rows, keys, seen = [], [], {}
    for line, cells in table.rows:
        row, key = _plan_row(lookups, line, row_values(mapping, cells))
        if row.action == "create":
            if key in seen:
                row.action = "error"
                row.problems.append(f"same assignment as line {seen[key]}")
            seen.setdefault(key, line)
        rows.append(row)
        keys.append(key)
    return Plan(rows=rows), keys


def run_assignments(*, organization, actor, table: Table, mapping: dict[str, int],
                    progress) -> Plan:
    """Create the planned assignments, one transaction per chunk of rows."""
    plan, keys = plan_assignments(organization, table, mapping)
    templates = {t.pk: t for t in RequirementTemplate.objects.filter(organization=organization)}
    pairs = list(zip(plan.rows, keys, strict=True))
    for start in range(0, len(pairs), CHUNK):
        chunk = pairs[start:start + CHUNK]
        with transaction.atomic():
            for row, (template_id, type_id, project_id, vendor_id) in chunk:
                if row.action != "create":
                    continue
                try:
                    with transaction.atomic():
                        assign_template(
                            organization=organization, actor=actor,
                            template=templates[template_id],
                            vendor_type=VendorType.objects.filter(pk=type_id).first(),
                            project=Project.objects.filter(pk=project_id).first(),
                            vendor=Vendor.objects.filter(pk=vendor_id).first())
                except ValidationError as error:  # changed since the plan (assigned meanwhile)
                    row.action = "error"
                    row.problems.append(" ".join(error.messages))
        progress(len(chunk))
    return plan
