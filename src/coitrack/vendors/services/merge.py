"""Merging a duplicate vendor into the one that survives.

Duplicates happen (a vendor typed twice, an upload by e-mail creating a new vendor): merging moves
everything the duplicate has to the survivor and leaves the duplicate behind as an inactive
pointer, so its old links and its history keep working. :func:`plan_merge` says what will move,
and :func:`merge_vendors` does exactly that, so the confirmation page never promises more or less.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.certificates.models import Certificate, Policy
from coitrack.certificates.services import refresh_vendor_summary
from coitrack.compliance.services.hooks import vendors_merged
from coitrack.vendors.models import Contact, Vendor, VendorProject, VendorStatus

# Filled one by one when the survivor's is empty.
FILLABLE_FIELDS = ["dba", "vendor_type", "owner", "tax_id", "notes"]
# Filled together: mixing one vendor's street with the other's city would make a wrong address.
ADDRESS_FIELDS = ["address_line1", "address_line2", "city", "state", "postal_code"]


@dataclass
class MergePlan:
    """What merging ``duplicate`` into ``survivor`` moves, counted before anything changes."""

    survivor: Vendor
    duplicate: Vendor
    certificates: int = 0
    policies: int = 0
    contacts: int = 0
    projects: list[str] = field(default_factory=list)  # assignments that move
    projects_skipped: list[str] = field(default_factory=list)  # survivor already on them
    tags: list[str] = field(default_factory=list)  # tags the survivor gains
    fills: dict[str, list] = field(default_factory=dict)  # field -> [survivor's, duplicate's]

    @property
    def filled_fields(self) -> list[tuple[str, object]]:
        """(field label, value taken from the duplicate) for the confirmation page."""
        return [(capfirst(Vendor._meta.get_field(name).verbose_name), values[1])
                for name, values in self.fills.items()]

    def summary(self) -> str:
        parts = [
            f"{self.certificates} certificate(s)",
            f"{self.policies} policy row(s)",
            f"{self.contacts} contact(s)",
            f"{len(self.projects)} project assignment(s)",
            f"{len(self.tags)} tag(s)",
        ]
        text = "Moved " + ", ".join(parts)
        if self.fills:
            text += "; filled " + ", ".join(self.fills)
        return text + "."


def _value(vendor: Vendor, name: str):
    value = getattr(vendor, name)
    if name == "owner" and value is not None:
        return value.get_full_name() or value.get_username()
    return str(value) if value is not None and name == "vendor_type" else value


def _check(organization, survivor: Vendor, duplicate: Vendor) -> None:
    if survivor.organization_id != organization.pk or duplicate.organization_id != organization.pk:
        raise ValidationError("Both vendors must belong to this organization.")
    if survivor.pk == duplicate.pk:
        raise ValidationError("A vendor cannot be merged with itself.")
    if survivor.merged_into_id:
        raise ValidationError(f"{survivor} was already merged into another vendor.")
    if duplicate.merged_into_id:
        raise ValidationError(f"{duplicate} was already merged into another vendor.")


def plan_merge(*, organization, survivor: Vendor, duplicate: Vendor) -> MergePlan:
    """Count what :func:`merge_vendors` would move. Raises ValidationError when it would refuse."""
    _check(organization, survivor, duplicate)
    plan = MergePlan(survivor=survivor, duplicate=duplicate)
    plan.certificates = Certificate.objects.filter(vendor=duplicate).count()
    plan.policies = Policy.objects.filter(vendor=duplicate).count()
    plan.contacts = Contact.objects.filter(vendor=duplicate).count()
    kept = set(VendorProject.objects.filter(vendor=survivor).values_list("project_id", flat=True))
    for row in VendorProject.objects.filter(vendor=duplicate).select_related("project"):
        (plan.projects_skipped if row.project_id in kept else plan.projects).append(
            row.project.name
        )
    survivor_tags = set(survivor.tags.values_list("pk", flat=True))
    plan.tags = [t.name for t in duplicate.tags.all() if t.pk not in survivor_tags]
    for name in FILLABLE_FIELDS:
        if not getattr(survivor, name) and getattr(duplicate, name):
            plan.fills[name] = [_value(survivor, name), _value(duplicate, name)]
    if not any(getattr(survivor, n) for n in ADDRESS_FIELDS) and duplicate.address:
        for name in ADDRESS_FIELDS:
            if getattr(duplicate, name):
                plan.fills[name] = ["", getattr(duplicate, name)]
    return plan


def merge_vendors(*, organization, actor, survivor: Vendor, duplicate: Vendor) -> MergePlan:
    """Merge ``duplicate`` into ``survivor`` in one transaction; return what moved.

    Moves the duplicate's certificates and policies, contacts (their primary flags yield to the
    survivor's), project assignments (skipping projects the survivor is already on) and tags;
    fills the survivor's empty fields from the duplicate; marks the duplicate inactive and
    ``merged_into`` the survivor (vendors merged into the duplicate earlier now point at the
    survivor too, so every old link is one redirect away); refreshes the survivor's summary and
    records a ``merge`` event on both vendors. Refuses (ValidationError, nothing changed) a
    vendor merged with itself, with another organization's vendor, or with a merged vendor.
    """
    with transaction.atomic():
        # of=("self",): PostgreSQL cannot lock the nullable side of the outer joins.
        locked = Vendor.objects.select_for_update(of=("self",)).select_related(
            "vendor_type", "owner"
        )
        survivor = locked.get(pk=survivor.pk)
        duplicate = locked.get(pk=duplicate.pk)
        plan = plan_merge(organization=organization, survivor=survivor, duplicate=duplicate)

        Certificate.objects.filter(vendor=duplicate).update(vendor=survivor)
        Policy.objects.filter(vendor=duplicate).update(vendor=survivor)

        primary_roles = set(
            Contact.objects.filter(vendor=survivor, is_primary=True).values_list("role", flat=True)
        )
        Contact.objects.filter(vendor=duplicate, role__in=primary_roles).update(is_primary=False)
        Contact.objects.filter(vendor=duplicate).update(vendor=survivor)

        kept = VendorProject.objects.filter(vendor=survivor).values_list("project_id", flat=True)
        VendorProject.objects.filter(vendor=duplicate).exclude(project_id__in=list(kept)).update(
            vendor=survivor
        )
        VendorProject.objects.filter(vendor=duplicate).delete()  # the skipped repeats

        survivor.tags.add(*duplicate.tags.all())
        duplicate.tags.clear()

        for name in plan.fills:
            setattr(survivor, name, getattr(duplicate, name))
        survivor.save()

        Vendor.objects.filter(merged_into=duplicate).update(merged_into=survivor)
        before_status = duplicate.status
        duplicate.merged_into = survivor
        duplicate.status = VendorStatus.INACTIVE
        duplicate.save(update_fields=["merged_into", "status", "updated_at"])

        refresh_vendor_summary(survivor)
        refresh_vendor_summary(duplicate)
        vendors_merged(organization=organization, survivor=survivor, duplicate=duplicate)
        from coitrack.outreach.services.merging import vendors_merged as outreach_merged

        outreach_merged(survivor=survivor, duplicate=duplicate)

        record(organization=organization, actor=actor, action=Action.MERGE, obj=survivor,
               changes=plan.fills, vendor_id=survivor.pk,
               note=f"Merged {duplicate} (#{duplicate.pk}) into this vendor. {plan.summary()}")
        record(organization=organization, actor=actor, action=Action.MERGE, obj=duplicate,
               changes={"merged_into": [None, str(survivor)],
                        "status": [before_status, VendorStatus.INACTIVE.value]},
               vendor_id=duplicate.pk,
               note=f"Merged into {survivor} (#{survivor.pk}). {plan.summary()}")
    return plan
