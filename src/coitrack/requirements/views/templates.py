"""Requirement template screens: list, create, view, edit, duplicate, delete."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.audit.models import Event
from coitrack.requirements import services
from coitrack.requirements.describe import details, summarize_coverage
from coitrack.requirements.forms.template import TemplateEditor, keep_unknown_keys
from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
from coitrack.requirements.services.reevaluate import today_for
from coitrack.requirements.views.assignments import assignment_context
from coitrack.requirements.views.common import (
    ADD_ROW,
    add_service_error,
    org_template,
    reached_vendors,
    with_extra_row,
)


@require_safe
@member_required()
def template_list(request: HttpRequest) -> HttpResponse:
    org = request.organization
    today = today_for(org)
    assignments: dict[int, list[TemplateAssignment]] = {}
    for a in TemplateAssignment.objects.filter(organization=org).select_related(
        "vendor_type", "project", "vendor"
    ):
        assignments.setdefault(a.template_id, []).append(a)
    rows = []
    for template in RequirementTemplate.objects.filter(organization=org):
        mine = assignments.get(template.pk, [])
        rows.append({
            "template": template,
            "coverages": [summarize_coverage(e) for e in template.data.get("coverages", [])],
            "types": [a.vendor_type for a in mine if a.vendor_type_id],
            "projects": [a.project for a in mine if a.project_id],
            "vendor_assignments": sum(1 for a in mine if a.vendor_id),
            "vendor_count": reached_vendors(org, mine, today).count() if mine else 0,
        })
    return render(request, "requirements/list.html", {"rows": rows})


def _editor_page(request, editor, *, template=None, title: str) -> HttpResponse:
    return render(request, "requirements/form.html",
                  {"editor": editor, "template": template, "title": title})


@member_required(Role.REVIEWER)
def template_create(request: HttpRequest) -> HttpResponse:
    org = request.organization
    if request.method == "POST" and ADD_ROW in request.POST:
        return _editor_page(request, TemplateEditor(with_extra_row(request.POST)),
                            title="New requirement template")
    editor = TemplateEditor(request.POST or None)
    if request.method == "POST" and editor.is_valid():
        try:
            template = services.create_template(organization=org, actor=request.user,
                                                data=editor.to_data())
        except ValidationError as error:
            add_service_error(editor.settings, error)
        else:
            messages.success(request, f"Created template “{template.name}”.")
            return redirect("requirements:detail", template.pk)
    return _editor_page(request, editor, title="New requirement template")


@require_safe
@member_required()
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = org_template(request, pk)
    events = Event.objects.filter(
        organization=request.organization, object_type="requirementtemplate", object_id=pk
    ).select_related("actor")[:50]
    context = {"template": template, "sections": details(template.data), "events": events,
               **assignment_context(request, template)}
    return render(request, "requirements/detail.html", context)


@member_required(Role.REVIEWER)
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = org_template(request, pk)
    title = f"Edit “{template.name}”"
    if request.method == "POST" and ADD_ROW in request.POST:
        return _editor_page(request, TemplateEditor(with_extra_row(request.POST)),
                            template=template, title=title)
    editor = TemplateEditor(request.POST or None, initial=template.data)
    if request.method == "POST" and editor.is_valid():
        data = keep_unknown_keys(template.data, editor.to_data())
        try:
            services.update_template(organization=request.organization, actor=request.user,
                                     template=template, data=data)
        except ValidationError as error:
            add_service_error(editor.settings, error)
        else:
            messages.success(request, "Template saved. Vendors it applies to are being "
                                      "re-evaluated.")
            return redirect("requirements:detail", template.pk)
    return _editor_page(request, editor, template=template, title=title)


@member_required(Role.REVIEWER)
@require_POST
def template_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    template = org_template(request, pk)
    copy = services.duplicate_template(organization=request.organization, actor=request.user,
                                       template=template)
    messages.success(request, f"Duplicated as “{copy.name}”. Rename and adjust it below.")
    return redirect("requirements:edit", copy.pk)


@member_required(Role.REVIEWER)
def template_delete(request: HttpRequest, pk: int) -> HttpResponse:
    template = org_template(request, pk)
    if request.method == "POST":
        count = services.delete_template(organization=request.organization, actor=request.user,
                                         template=template)
        suffix = f" and its {count} assignment(s)" if count else ""
        messages.success(request, f"Deleted template “{template.name}”{suffix}.")
        return redirect("requirements:list")
    assignments = template.assignments.select_related("vendor_type", "project", "vendor")
    return render(request, "requirements/delete.html",
                  {"template": template, "assignments": assignments})
