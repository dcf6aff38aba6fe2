"""Assigning templates to vendor types, projects and single vendors; vendor overrides.

Assignment events are recorded on the template (so its page shows where it was assigned and
unassigned) and, for vendor assignments, linked to the vendor (so its page shows them too).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.requirements.describe import flat_diff
from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
from coitrack.requirements.overrides import apply_overrides, compute_overrides
from coitrack.requirements.services.reevaluate import reevaluate, vendors_reached
from coitrack.requirements.services.templates import validate_template
from coitrack.vendors.models import Project, Vendor, VendorType


@transaction.atomic
def assign_template(
    *,
    organization,
    actor,
    template: RequirementTemplate,
    vendor_type: VendorType | None = None,
    project: Project | None = None,
    vendor: Vendor | None = None,
) -> TemplateAssignment:
    """Assign ``template`` to exactly one of a vendor type, a project or a vendor.

    All must belong to ``organization``; a vendor merged into another cannot be assigned.
    Assigning the same template to the same target twice is refused.
    """
    targets = [t for t in (vendor_type, project, vendor) if t is not None]
    if len(targets) != 1:
        raise ValidationError("Choose one vendor type, project or vendor to assign to.")
    target = targets[0]
    if template.organization_id != organization.pk or target.organization_id != organization.pk:
        raise ValidationError("Choose a template and a target of this organization.")
    if vendor is not None and vendor.merged_into_id:
        raise ValidationError("This vendor was merged into another; assign the other one.")
    assignment = TemplateAssignment(organization=organization, template=template,
                                    vendor_type=vendor_type, project=project, vendor=vendor)
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError:
        raise ValidationError(
            f"“{template.name}” is already assigned to {assignment.target_sentence}"
        ) from None
    record(organization=organization, actor=actor, action=Action.UPDATE, obj=template,
           changes={"assignment": [None, assignment.target_label]},
           note=f"Assigned to {assignment.target_sentence}", vendor_id=assignment.vendor_id)
    reevaluate(organization=organization,
               reason=f"template “{template.name}” assigned to {assignment.target_label}",
               vendor_ids=vendors_reached(organization, [assignment]))
    return assignment


@transaction.atomic
def unassign(*, organization, actor, assignment: TemplateAssignment) -> None:
    """Remove an assignment (and, for a vendor assignment, its overrides)."""
    if assignment.organization_id != organization.pk:
        raise ValidationError("This assignment does not exist in this organization.")
    template = assignment.template
    label = assignment.target_label
    reached = vendors_reached(organization, [assignment])
    record(organization=organization, actor=actor, action=Action.UPDATE, obj=template,
           changes={"assignment": [label, None]},
           note=f"Unassigned from {assignment.target_sentence}",
           vendor_id=assignment.vendor_id)
    assignment.delete()
    reevaluate(organization=organization,
               reason=f"template “{template.name}” unassigned from {label}",
               vendor_ids=reached)


def effective_data(assignment: TemplateAssignment) -> dict:
    """The template as it applies to the assignment's vendor (overrides applied)."""
    return apply_overrides(assignment.template.data, assignment.overrides)


@transaction.atomic
def set_overrides(*, organization, actor, assignment: TemplateAssignment,
                  edited: dict) -> TemplateAssignment:
    """Store only the differences between the template and ``edited`` (a full template JSON
    as the vendor should get it). The result must be a valid template.
    """
    if assignment.organization_id != organization.pk:
        raise ValidationError("This assignment does not exist in this organization.")
    if assignment.vendor_id is None:
        raise ValidationError("Only an assignment to one vendor can carry overrides.")
    assignment = TemplateAssignment.objects.select_for_update(of=("self",)).select_related(
        "template", "vendor"
    ).get(pk=assignment.pk)
    template = assignment.template
    edited = {**edited, "name": template.name}
    validate_template(edited)
    overrides = compute_overrides(template.data, edited)
    before = effective_data(assignment)
    if overrides == assignment.overrides:
        return assignment
    assignment.overrides = overrides
    assignment.save(update_fields=["overrides"])
    after = effective_data(assignment)
    validate_template(after)  # the merge of two valid halves is valid; checked, not assumed
    record(organization=organization, actor=actor, action=Action.UPDATE, obj=template,
           changes=flat_diff(before, after),
           note=f"Overrides for vendor {assignment.vendor} "
                f"{'changed' if overrides else 'removed (the template applies as is)'}.",
           vendor_id=assignment.vendor_id)
    reevaluate(organization=organization,
               reason=f"overrides of “{template.name}” for {assignment.vendor} changed",
               vendor_ids=[assignment.vendor_id])
    return assignment
