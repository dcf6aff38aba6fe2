"""Which templates apply to a vendor, with its overrides applied.

Rules (issue 4 design): a vendor gets the templates assigned to its vendor type, to each of its
projects that have not ended, and to the vendor itself. A vendor assignment of a template that
also reaches the vendor by type or project replaces that one (it carries the vendor's
overrides). A template reaching the vendor several ways is listed once, with the first way
(vendor, then type, then projects by name).

Decisions:
- A project has ended for a vendor when the project's end date, or the vendor's own end date on
  it (``VendorProject.end_date``, a narrower period), is before today in the organization's time
  zone; a project ending today still applies today.
- Merged-away vendors resolve like any other (callers decide whether to evaluate them).
- Templates are listed by name, so a vendor's checklist is in a stable order.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from coitrack.requirements.models import TemplateAssignment
from coitrack.requirements.overrides import apply_overrides
from coitrack.requirements.services.reevaluate import today_for
from coitrack.vendors.models import Vendor, VendorProject

# Above this many ids, read the organization's rows and filter in Python: an IN list that long
# would pass SQLite's limit on query parameters, and chunking would make the query count grow.
_IN_LIMIT = 500


@dataclass(frozen=True)
class AppliedTemplate:
    """A template as it applies to one vendor: ``data`` already has the vendor's overrides.

    ``data`` may be shared between the vendors of a bulk call (no copy per vendor): read it,
    never change it.
    """

    template_id: int
    name: str
    data: dict
    source: str  # "vendor type Roofing", "project Harbor Tower", or "vendor"


def templates_for_vendor(vendor: Vendor, *, today: dt.date | None = None) -> list[AppliedTemplate]:
    """The templates that apply to ``vendor`` today (see the module docstring)."""
    return templates_by_vendor(vendor.organization, [vendor.pk], today=today).get(vendor.pk, [])


def templates_by_vendor(
    organization, vendor_ids: Iterable[int] | None, *, today: dt.date | None = None
) -> dict[int, list[AppliedTemplate]]:
    """``{vendor id: templates}`` for many vendors (``None``: every vendor of the organization).

    Three queries whatever the number of vendors: the vendors' types, the assignments, the
    vendors' projects that carry an assignment. Every vendor id asked for (of this organization)
    is a key, with ``[]`` when nothing applies.
    """
    today = today or today_for(organization)
    wanted = None if vendor_ids is None else set(vendor_ids)
    vendors = Vendor.objects.filter(organization=organization)
    if wanted is not None and len(wanted) <= _IN_LIMIT:
        vendors = vendors.filter(pk__in=wanted)
    vendor_types = {
        pk: type_id
        for pk, type_id in vendors.values_list("pk", "vendor_type_id")
        if wanted is None or pk in wanted
    }
    if not vendor_types:
        return {}

    assignments = (
        TemplateAssignment.objects.filter(organization=organization)
        .select_related("template", "vendor_type", "project")
    )
    by_type, by_project, by_vendor = defaultdict(list), defaultdict(list), defaultdict(list)
    for a in assignments:
        if a.vendor_type_id:
            by_type[a.vendor_type_id].append(a)
        elif a.project_id:
            by_project[a.project_id].append(a)
        elif a.vendor_id in vendor_types:
            by_vendor[a.vendor_id].append(a)

    live_projects: dict[int, list[int]] = defaultdict(list)
    if by_project:
        links = VendorProject.objects.filter(project_id__in=list(by_project)).values_list(
            "vendor_id", "project_id", "end_date", "project__end_date"
        )
        if len(vendor_types) <= _IN_LIMIT:
            links = links.filter(vendor_id__in=list(vendor_types))
        for vendor_id, project_id, own_end, project_end in links:
            if vendor_id in vendor_types and _not_ended(today, own_end, project_end):
                live_projects[vendor_id].append(project_id)

    result: dict[int, list[AppliedTemplate]] = {}
    for vendor_id, type_id in vendor_types.items():
        chosen: dict[int, AppliedTemplate] = {}
        for a in by_vendor.get(vendor_id, ()):
            chosen[a.template_id] = _applied(a, "vendor", a.overrides)
        for a in by_type.get(type_id, ()) if type_id else ():
            chosen.setdefault(a.template_id, _applied(a, f"vendor type {a.vendor_type.name}"))
        project_assignments = [
            a for project_id in live_projects.get(vendor_id, ()) for a in by_project[project_id]
        ]
        for a in sorted(project_assignments, key=lambda a: a.project.name.casefold()):
            chosen.setdefault(a.template_id, _applied(a, f"project {a.project.name}"))
        result[vendor_id] = sorted(chosen.values(),
                                   key=lambda t: (t.name.casefold(), t.template_id))
    return result


def _not_ended(today: dt.date, *ends: dt.date | None) -> bool:
    return all(end is None or end >= today for end in ends)


def _applied(assignment: TemplateAssignment, source: str, overrides=None) -> AppliedTemplate:
    template = assignment.template
    data = apply_overrides(template.data, overrides) if overrides else template.data
    return AppliedTemplate(template_id=template.pk, name=template.name, data=data, source=source)
