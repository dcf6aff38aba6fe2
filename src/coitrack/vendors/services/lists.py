"""Organization-defined lists: vendor types and projects (or locations)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from coitrack.audit.models import Action
from coitrack.audit.services import diff, record, snapshot
from coitrack.compliance.services.schedule import schedule_reevaluation
from coitrack.vendors.models import Project, Vendor, VendorType

PROJECT_FIELDS = ["name", "address", "start_date", "end_date"]


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Enter a name."})
    return name


def _refuse_taken_name(model, organization, name: str, *, exclude_pk=None) -> None:
    taken = model.objects.filter(organization=organization, name__iexact=name)
    if taken.exclude(pk=exclude_pk).exists():
        raise ValidationError({"name": f"“{name}” already exists."})


def create_vendor_type(*, organization, actor, name: str) -> VendorType:
    """Add a vendor type; names are unique per organization, ignoring case."""
    with transaction.atomic():
        name = _clean_name(name)
        _refuse_taken_name(VendorType, organization, name)
        vendor_type = VendorType.objects.create(organization=organization, name=name)
        record(organization=organization, actor=actor, action=Action.CREATE, obj=vendor_type,
               changes={"name": [None, name]})
    return vendor_type


def rename_vendor_type(*, organization, actor, vendor_type: VendorType, name: str) -> VendorType:
    """Rename a vendor type; its vendors keep it."""
    with transaction.atomic():
        if vendor_type.organization_id != organization.pk:
            raise ValidationError("This type does not exist in this organization.")
        name = _clean_name(name)
        _refuse_taken_name(VendorType, organization, name, exclude_pk=vendor_type.pk)
        before = VendorType.objects.get(pk=vendor_type.pk).name
        if before != name:
            vendor_type.name = name
            vendor_type.save(update_fields=["name"])
            record(organization=organization, actor=actor, action=Action.UPDATE,
                   obj=vendor_type, changes={"name": [before, name]})
    return vendor_type


def delete_vendor_type(*, organization, actor, vendor_type: VendorType) -> int:
    """Delete a vendor type; its vendors become untyped. Returns how many vendors had it."""
    with transaction.atomic():
        if vendor_type.organization_id != organization.pk:
            raise ValidationError("This type does not exist in this organization.")
        typed = list(Vendor.objects.filter(vendor_type=vendor_type).values_list("pk", flat=True))
        used_by = len(typed)
        record(organization=organization, actor=actor, action=Action.DELETE, obj=vendor_type,
               changes={"name": [vendor_type.name, None]},
               note=f"{used_by} vendor(s) left without a type." if used_by else "")
        vendor_type.delete()  # Vendor.vendor_type is SET_NULL
        schedule_reevaluation(organization=organization, vendor_ids=typed,
                              reason=f"vendor type {vendor_type.name} deleted")
    return used_by


def _apply_project(project: Project, organization, data: Mapping[str, Any]) -> None:
    for name in PROJECT_FIELDS:
        if name in data:
            value = data[name]
            setattr(project, name, value.strip() if isinstance(value, str) else value)
    project.name = _clean_name(project.name)
    _refuse_taken_name(Project, organization, project.name, exclude_pk=project.pk)
    if project.start_date and project.end_date and project.end_date < project.start_date:
        raise ValidationError({"end_date": "The end date must not be before the start date."})
    project.full_clean(exclude=["organization"], validate_constraints=False)
    project.save()


def create_project(*, organization, actor, data: Mapping[str, Any]) -> Project:
    """Add a project or location (name, address, start_date, end_date)."""
    with transaction.atomic():
        project = Project(organization=organization)
        _apply_project(project, organization, data)
        after = snapshot(project, PROJECT_FIELDS)
        record(organization=organization, actor=actor, action=Action.CREATE, obj=project,
               changes={k: [None, v] for k, v in after.items() if v not in (None, "")})
    return project


def update_project(*, organization, actor, project: Project, data: Mapping[str, Any]) -> Project:
    """Change a project's fields present in ``data``; records before/after of what changed."""
    with transaction.atomic():
        try:
            project = Project.objects.select_for_update().get(
                pk=project.pk, organization=organization
            )
        except Project.DoesNotExist:
            raise ValidationError("This project does not exist in this organization.") from None
        before = snapshot(project, PROJECT_FIELDS)
        _apply_project(project, organization, data)
        changes = diff(before, snapshot(project, PROJECT_FIELDS))
        if changes:
            record(organization=organization, actor=actor, action=Action.UPDATE, obj=project,
                   changes=changes)
        if "end_date" in changes:  # an ended project's templates stop applying
            schedule_reevaluation(
                organization=organization, reason=f"project {project.name} dates changed",
                vendor_ids=project.vendors.values_list("pk", flat=True),
            )
    return project
