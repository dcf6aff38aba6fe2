"""Requirement templates in the documented JSON: list, read, create, replace, delete.

Request bodies are stored exactly as sent (key order included) after the rules engine's
validation, like the app's JSON import; answers give the stored JSON back unchanged.
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import JsonResponse
from ninja import Query, Router, Status

from coitrack.api.auth import actor
from coitrack.api.errors import ApiError, responses
from coitrack.api.lookups import org_object
from coitrack.api.pagination import id_param, limit_param, offset_param, page
from coitrack.api.schemas.templates import TemplateJSON, TemplateOut, TemplatePage
from coitrack.requirements import services
from coitrack.requirements.models import RequirementTemplate

router = Router(tags=["requirement templates"])


def template_response(template: RequirementTemplate, status: int = 200) -> JsonResponse:
    """The template as stored, through JsonResponse rather than the response model, so its
    keys keep their order and absent keys stay absent (the answer equals what was sent)."""
    return JsonResponse({"id": template.pk, "name": template.name,
                         "created_at": template.created_at, "updated_at": template.updated_at,
                         "template": template.data}, status=status)


def raw_body(request) -> dict:
    """The JSON body as sent: ninja has checked its shape against TemplateJSON already."""
    return json.loads(request.body)


def _refused(error: ValidationError):
    if getattr(error, "code", None) == "name_conflict" or (
            hasattr(error, "error_dict") and "name" in error.error_dict):
        return ApiError(409, error.messages[0], details=[{"field": "name",
                                                          "message": error.messages[0]}])
    return ApiError(422, error.messages[0],
                    details=[{"field": None, "message": m} for m in error.messages])


@router.get("/templates", response=responses(200, TemplatePage), operation_id="list_templates",
            summary="List requirement templates")
def list_templates(request, q: str = Query("", max_length=200), limit: int = limit_param(),
                   offset: int = offset_param()):
    templates = (RequirementTemplate.objects.filter(organization=request.organization)
                 .annotate(assignment_count=Count("assignments")).order_by("name", "id"))
    q = q.replace("\x00", "").strip()
    if q:
        templates = templates.filter(name__icontains=q)
    return page(templates, limit=limit, offset=offset, convert=lambda t: {
        "id": t.pk, "name": t.name, "created_at": t.created_at, "updated_at": t.updated_at,
        "assignment_count": t.assignment_count})


@router.get("/templates/{template_id}", response=responses(200, TemplateOut),
            operation_id="get_template", summary="Read a template (its documented JSON)")
def get_template(request, template_id: int = id_param("template")):
    return template_response(org_object(request, RequirementTemplate, template_id, "template"))


@router.post("/templates", response=responses(201, TemplateOut),
             operation_id="create_template",
             summary="Create a template from the documented JSON (409 if the name is taken)")
def create_template(request, payload: TemplateJSON):
    try:
        template = services.import_template(organization=request.organization,
                                            actor=actor(request), data=raw_body(request))
    except ValidationError as error:
        raise _refused(error) from None
    return template_response(template, status=201)


@router.put("/templates/{template_id}", response=responses(200, TemplateOut),
            operation_id="replace_template",
            summary="Replace a template's JSON (its assignments stay)")
def replace_template(request, payload: TemplateJSON,
                     template_id: int = id_param("template")):
    template = org_object(request, RequirementTemplate, template_id, "template")
    try:
        template = services.update_template(organization=request.organization,
                                            actor=actor(request), template=template,
                                            data=raw_body(request))
    except ValidationError as error:
        raise _refused(error) from None
    return template_response(template)


@router.delete("/templates/{template_id}", response=responses(204, None),
               operation_id="delete_template",
               summary="Delete a template and its assignments")
def delete_template(request, template_id: int = id_param("template")):
    template = org_object(request, RequirementTemplate, template_id, "template")
    services.delete_template(organization=request.organization, actor=actor(request),
                             template=template)
    return Status(204, None)
