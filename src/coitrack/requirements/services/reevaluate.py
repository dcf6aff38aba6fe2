"""Asking the compliance app to re-evaluate the vendors a change touches."""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Q
from django.utils import timezone

from coitrack.compliance.services import schedule_reevaluation
from coitrack.requirements.models import TemplateAssignment
from coitrack.vendors.models import Vendor


def reevaluate(*, organization, reason: str, vendor_ids: Iterable[int] | None = None) -> None:
    """Schedule a re-evaluation (after commit). ``vendor_ids=None`` means every vendor.

    An empty collection schedules nothing: a change that reaches no vendor (a template nobody
    is assigned) has nothing to re-evaluate.
    """
    if vendor_ids is not None:
        vendor_ids = sorted(set(vendor_ids))
        if not vendor_ids:
            return
    schedule_reevaluation(organization=organization, reason=reason, vendor_ids=vendor_ids)


def vendors_reached(organization, assignments: Iterable[TemplateAssignment]) -> set[int]:
    """Ids of the vendors these assignments reach (by type, by project, or directly).

    Ended projects are included on purpose: when a template changes or goes away, a vendor on
    an ended project is re-evaluated anyway, which is harmless, and the set stays one query.
    """
    type_ids, project_ids, vendor_ids = set(), set(), set()
    for a in assignments:
        if a.vendor_type_id:
            type_ids.add(a.vendor_type_id)
        elif a.project_id:
            project_ids.add(a.project_id)
        elif a.vendor_id:
            vendor_ids.add(a.vendor_id)
    if not (type_ids or project_ids):
        return vendor_ids
    reached = Vendor.objects.filter(organization=organization).filter(
        Q(vendor_type_id__in=type_ids) | Q(vendorproject__project_id__in=project_ids)
    )
    return vendor_ids | set(reached.values_list("id", flat=True).distinct())


def today_for(organization):
    """Today in the organization's time zone (projects end on a local date)."""
    try:
        return timezone.localdate(timezone=ZoneInfo(organization.time_zone))
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.localdate()
