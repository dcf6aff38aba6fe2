"""Creating, editing, deactivating and reactivating vendors."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from coitrack.accounts.models import Membership
from coitrack.audit.models import Action
from coitrack.audit.services import diff, record, snapshot
from coitrack.compliance.services.schedule import schedule_reevaluation
from coitrack.vendors.models import Project, Tag, Vendor, VendorProject, VendorStatus

# The plain fields a vendor form edits, in the order the audit trail lists them.
VENDOR_FIELDS = [
    "legal_name", "dba", "vendor_type", "owner", "tax_id",
    "address_line1", "address_line2", "city", "state", "postal_code", "notes",
]
TEXT_FIELDS = [
    "legal_name", "dba", "tax_id", "address_line1", "address_line2", "city", "state",
    "postal_code", "notes",
]


def vendor_snapshot(vendor: Vendor) -> dict[str, Any]:
    """What the audit trail compares: the form's fields, with tags and projects as sorted names."""
    values = snapshot(vendor, [*VENDOR_FIELDS, "status"])
    if vendor.owner is not None:
        values["owner"] = vendor.owner.get_full_name() or vendor.owner.get_username()
    values["tags"] = sorted(vendor.tags.values_list("name", flat=True), key=str.lower)
    values["projects"] = sorted(vendor.projects.values_list("name", flat=True), key=str.lower)
    return values


def _live_vendor_for_update(organization, vendor: Vendor) -> Vendor:
    """Re-read ``vendor`` inside the transaction (forms may have changed the in-memory copy)."""
    try:
        fresh = Vendor.objects.select_for_update().get(pk=vendor.pk, organization=organization)
    except Vendor.DoesNotExist:
        raise ValidationError("This vendor does not exist in this organization.") from None
    if fresh.merged_into_id:
        raise ValidationError("This vendor was merged into another and can no longer change.")
    return fresh


def _check_references(organization, data: Mapping[str, Any], *, current_owner_id=None) -> None:
    """Refuse a type, owner or project of another organization (forms already limit choices)."""
    vendor_type = data.get("vendor_type")
    if vendor_type is not None and vendor_type.organization_id != organization.pk:
        raise ValidationError({"vendor_type": "Choose a type of this organization."})
    owner = data.get("owner")
    if owner is not None and owner.pk != current_owner_id and not Membership.objects.filter(
        organization=organization, user=owner
    ).exists():
        raise ValidationError({"owner": "The owner must be a member of this organization."})
    if any(p.organization_id != organization.pk for p in data.get("projects") or []):
        raise ValidationError({"projects": "Choose projects of this organization."})


def resolve_tags(*, organization, names: Iterable[str]) -> list[Tag]:
    """The organization's tags with these names, creating the missing ones.

    Names match case-insensitively, so "Union" reuses an existing "union" tag.
    """
    tags = []
    for name in names:
        tag = Tag.objects.filter(organization=organization, name__iexact=name).first()
        if tag is None:
            tag = Tag.objects.create(organization=organization, name=name)
        tags.append(tag)
    return tags


def _set_projects(vendor: Vendor, projects: Iterable[Project]) -> None:
    """Make the vendor's project assignments exactly ``projects``, keeping existing rows' dates."""
    wanted = {p.pk for p in projects}
    existing = set(VendorProject.objects.filter(vendor=vendor).values_list("project_id", flat=True))
    VendorProject.objects.filter(vendor=vendor, project_id__in=existing - wanted).delete()
    VendorProject.objects.bulk_create(
        VendorProject(vendor=vendor, project_id=pk) for pk in sorted(wanted - existing)
    )


def _apply(vendor: Vendor, organization, data: Mapping[str, Any]) -> None:
    for name in VENDOR_FIELDS:
        if name in data:
            value = data[name]
            if name in TEXT_FIELDS:
                value = (value or "").strip()
            setattr(vendor, name, value)
    if not vendor.legal_name:
        raise ValidationError({"legal_name": "Enter the vendor's legal name."})
    vendor.full_clean(exclude=["organization", "tags", "projects", "merged_into"])
    vendor.save()
    if "tags" in data:
        vendor.tags.set(resolve_tags(organization=organization, names=data["tags"]))
    if "projects" in data:
        _set_projects(vendor, data["projects"])


def create_vendor(*, organization, actor, data: Mapping[str, Any]) -> Vendor:
    """Create a vendor from ``data`` (the vendor form's fields, ``tags`` as a list of names and
    ``projects`` as Project rows) and record a ``create`` event with the values set.

    Raises ValidationError, changing nothing, when a value is invalid or belongs to another
    organization.
    """
    with transaction.atomic():
        _check_references(organization, data)
        vendor = Vendor(organization=organization)
        _apply(vendor, organization, data)
        after = vendor_snapshot(vendor)
        changes = {k: [None, v] for k, v in after.items() if v not in (None, "", [])}
        record(organization=organization, actor=actor, action=Action.CREATE, obj=vendor,
               changes=changes, vendor_id=vendor.pk)
        schedule_reevaluation(organization=organization, vendor_ids=[vendor.pk],
                              reason="vendor created")
    return vendor


def update_vendor(*, organization, actor, vendor: Vendor, data: Mapping[str, Any]) -> Vendor:
    """Change the fields of ``vendor`` present in ``data`` (same shape as :func:`create_vendor`).

    Records an ``update`` event with each changed field's before and after; records nothing when
    nothing changed. A merged vendor cannot change (ValidationError).
    """
    with transaction.atomic():
        vendor = _live_vendor_for_update(organization, vendor)
        _check_references(organization, data, current_owner_id=vendor.owner_id)
        before = vendor_snapshot(vendor)
        _apply(vendor, organization, data)
        changes = diff(before, vendor_snapshot(vendor))
        if changes:
            record(organization=organization, actor=actor, action=Action.UPDATE, obj=vendor,
                   changes=changes, vendor_id=vendor.pk)
            # Its type, projects and names decide which templates apply and how it is judged.
            schedule_reevaluation(organization=organization, vendor_ids=[vendor.pk],
                                  reason="vendor edited")
    return vendor


def set_vendor_status(
    *, organization, actor, vendor: Vendor, status: VendorStatus | str, note: str = ""
) -> Vendor:
    """Deactivate or reactivate ``vendor`` and record a ``status`` event (none if unchanged).

    Inactive vendors stay searchable with their history but are no longer chased for renewals.
    """
    status = VendorStatus(status)
    with transaction.atomic():
        vendor = _live_vendor_for_update(organization, vendor)
        if vendor.status == status:
            return vendor
        before = vendor.status
        vendor.status = status
        vendor.save(update_fields=["status", "updated_at"])
        record(organization=organization, actor=actor, action=Action.STATUS, obj=vendor,
               changes={"status": [before, status.value]}, note=note, vendor_id=vendor.pk)
        schedule_reevaluation(organization=organization, vendor_ids=[vendor.pk],
                              reason=f"vendor {status.label.lower()}")
    return vendor
