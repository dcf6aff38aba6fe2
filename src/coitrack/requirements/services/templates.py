"""Creating, editing, duplicating, importing and deleting requirement templates.

Every function validates the template JSON with ``coitrack.rules.requirements`` before saving;
an invalid template raises ``ValidationError`` whose message names the bad key, and nothing is
saved. Each change is audited on the template and schedules a re-evaluation of the vendors the
template reaches.
"""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.requirements.describe import flat_diff
from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
from coitrack.requirements.overrides import meaning
from coitrack.requirements.services.reevaluate import reevaluate, vendors_reached
from coitrack.rules.requirements import RequirementsError, parse_requirements

NAME_MAX = 200


def validate_template(data: Any) -> dict:
    """Return ``data`` (a copy, name trimmed) if it is a valid template, else ValidationError."""
    try:
        parsed = parse_requirements(data)
    except RequirementsError as error:
        raise ValidationError(str(error), code="invalid_template") from None
    if len(parsed.name) > NAME_MAX:
        raise ValidationError(f"name: at most {NAME_MAX} characters", code="invalid_template")
    data = copy.deepcopy(data)
    data["name"] = parsed.name
    return data


def name_taken(organization, name: str, *, exclude_pk: int | None = None) -> bool:
    existing = RequirementTemplate.objects.filter(
        organization=organization, name__iexact=name.strip()
    )
    if exclude_pk is not None:
        existing = existing.exclude(pk=exclude_pk)
    return existing.exists()


def free_name(organization, name: str) -> str:
    """``name``, or ``"name (2)"``, ``"name (3)"`` ... : the first one not in use."""
    base = name.strip()[: NAME_MAX - 8]
    candidate, n = base, 1
    while name_taken(organization, candidate):
        n += 1
        candidate = f"{base} ({n})"
    return candidate


def _check_name(organization, name: str, *, exclude_pk: int | None = None) -> None:
    if name_taken(organization, name, exclude_pk=exclude_pk):
        raise ValidationError(
            {"name": f"A template named “{name}” already exists; choose another name."}
        )


@transaction.atomic
def create_template(*, organization, actor, data: dict, note: str = "") -> RequirementTemplate:
    """Create a template from valid template JSON; the name must be free (case-insensitive)."""
    data = validate_template(data)
    _check_name(organization, data["name"])
    template = RequirementTemplate.objects.create(
        organization=organization, name=data["name"], data=data
    )
    record(organization=organization, actor=actor, action=Action.CREATE, obj=template,
           changes=flat_diff({}, data), note=note)
    return template


@transaction.atomic
def update_template(*, organization, actor, template: RequirementTemplate, data: dict,
                    note: str = "") -> RequirementTemplate:
    """Replace the template's JSON (and name). Assignments and their overrides are kept."""
    data = validate_template(data)
    template = RequirementTemplate.objects.select_for_update().get(
        pk=template.pk, organization=organization
    )
    _check_name(organization, data["name"], exclude_pk=template.pk)
    before = template.data
    if meaning(before) == meaning(data) and before.get("name") == data["name"]:
        return template  # the same requirements (``false`` flags aside): nothing to record
    template.name, template.data = data["name"], data
    template.save(update_fields=["name", "data", "updated_at"])
    record(organization=organization, actor=actor, action=Action.UPDATE, obj=template,
           changes=flat_diff(before, data), note=note)
    reevaluate(organization=organization, reason=f"template “{template.name}” changed",
               vendor_ids=vendors_reached(organization, template.assignments.all()))
    return template


@transaction.atomic
def duplicate_template(*, organization, actor, template: RequirementTemplate,
                       name: str | None = None) -> RequirementTemplate:
    """A copy of the template under a free name ("Copy of X"); assignments are not copied."""
    data = copy.deepcopy(template.data)
    data["name"] = free_name(organization, name or f"Copy of {template.name}")
    return create_template(organization=organization, actor=actor, data=data,
                           note=f"Duplicated from “{template.name}”.")


@transaction.atomic
def import_template(*, organization, actor, data: Any, on_conflict: str | None = None,
                    new_name: str | None = None) -> RequirementTemplate:
    """Import template JSON (requirements-format.md). The JSON is stored as given.

    When a template of that name exists: ``on_conflict="rename"`` imports it as ``new_name``
    (which must be free), ``"replace"`` replaces that template's JSON (its assignments stay);
    ``None`` raises ``ValidationError`` with code ``name_conflict`` so the caller can ask.
    """
    data = validate_template(data)
    existing = RequirementTemplate.objects.filter(
        organization=organization, name__iexact=data["name"]
    ).first()
    if existing is None:
        return create_template(organization=organization, actor=actor, data=data,
                               note="Imported from JSON.")
    if on_conflict == "replace":
        return update_template(organization=organization, actor=actor, template=existing,
                               data=data, note="Replaced by an imported JSON.")
    if on_conflict == "rename":
        renamed = (new_name or "").strip()
        if not renamed:
            raise ValidationError({"new_name": "Give the imported template a new name."})
        data["name"] = renamed
        return create_template(organization=organization, actor=actor,
                               data=validate_template(data), note="Imported from JSON.")
    raise ValidationError(
        f"A template named “{existing.name}” already exists.", code="name_conflict"
    )


@transaction.atomic
def delete_template(*, organization, actor, template: RequirementTemplate) -> int:
    """Delete the template and its assignments (with their overrides); returns how many.

    Decision: deleting cascades to assignments rather than being refused while assigned. The
    confirmation page lists every assignment that goes with it, and each is audited here, so
    nothing disappears silently; refusing would make the user unassign one vendor at a time.
    """
    template = RequirementTemplate.objects.select_for_update().get(
        pk=template.pk, organization=organization
    )
    assignments = list(template.assignments.select_related("vendor_type", "project", "vendor"))
    reached = vendors_reached(organization, assignments)
    for assignment in assignments:
        record(organization=organization, actor=actor, action=Action.DELETE, obj=template,
               changes={"assignment": [assignment.target_label, None]},
               note=f"Unassigned from {assignment.target_label} (template deleted).",
               vendor_id=assignment.vendor_id)
    record(organization=organization, actor=actor, action=Action.DELETE, obj=template,
           changes=flat_diff(template.data, {}))
    TemplateAssignment.objects.filter(template=template).delete()
    template.delete()
    reevaluate(organization=organization, reason=f"template “{template.name}” deleted",
               vendor_ids=reached)
    return len(assignments)
