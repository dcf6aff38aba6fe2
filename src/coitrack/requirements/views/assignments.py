"""Assigning a template (to vendor types, projects, single vendors) and vendor overrides."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.requirements import services
from coitrack.requirements.forms.template import TemplateEditor, keep_unknown_keys
from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
from coitrack.requirements.services.reevaluate import today_for
from coitrack.requirements.views.common import ADD_ROW, org_template, with_extra_row
from coitrack.vendors.models import Project, Vendor, VendorType

SEARCH_LIMIT = 20


def assignment_context(request: HttpRequest, template: RequirementTemplate) -> dict:
    """What the template page shows about assignments, and the choices to add one."""
    org = request.organization
    assignments = list(
        template.assignments.select_related("vendor_type", "project", "vendor")
        .order_by("vendor_type__name", "project__name", "vendor__legal_name")
    )
    assigned_types = {a.vendor_type_id for a in assignments if a.vendor_type_id}
    assigned_projects = {a.project_id for a in assignments if a.project_id}
    assigned_vendors = {a.vendor_id for a in assignments if a.vendor_id}
    query = (request.GET.get("vendor_q") or "").strip()[:100]
    found = []
    if query:
        found = list(
            Vendor.objects.filter(organization=org, merged_into__isnull=True)
            .filter(Q(legal_name__icontains=query) | Q(dba__icontains=query)
                    | Q(tax_id__icontains=query))
            .exclude(pk__in=assigned_vendors)
            .select_related("vendor_type")[:SEARCH_LIMIT]
        )
    return {
        "type_assignments": [a for a in assignments if a.vendor_type_id],
        "project_assignments": [a for a in assignments if a.project_id],
        "vendor_assignments": [a for a in assignments if a.vendor_id],
        "free_types": VendorType.objects.filter(organization=org).exclude(pk__in=assigned_types),
        "free_projects": Project.objects.filter(organization=org).exclude(
            pk__in=assigned_projects),
        "vendor_q": query,
        "found_vendors": found,
        "search_limit": SEARCH_LIMIT,
        "today": today_for(org),
    }


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@member_required(Role.REVIEWER)
@require_POST
def assignment_add(request: HttpRequest, pk: int) -> HttpResponse:
    org = request.organization
    template = org_template(request, pk)
    kind = request.POST.get("kind")
    target_id = _int(request.POST.get("target"))
    models = {"vendor_type": VendorType, "project": Project, "vendor": Vendor}
    if kind not in models or target_id is None:
        messages.error(request, "Choose what to assign the template to.")
        return redirect("requirements:detail", template.pk)
    lookup = {"merged_into__isnull": True} if kind == "vendor" else {}
    target = models[kind].objects.filter(organization=org, pk=target_id, **lookup).first()
    if target is None:
        messages.error(request, "That choice no longer exists; pick again.")
        return redirect("requirements:detail", template.pk)
    try:
        assignment = services.assign_template(organization=org, actor=request.user,
                                              template=template, **{kind: target})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Assigned to {assignment.target_sentence}")
    return redirect("requirements:detail", template.pk)


def _org_assignment(request: HttpRequest, pk: int) -> TemplateAssignment:
    return get_object_or_404(
        TemplateAssignment.objects.select_related("template", "vendor_type", "project", "vendor"),
        organization=request.organization, pk=pk,
    )


@member_required(Role.REVIEWER)
@require_POST
def assignment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _org_assignment(request, pk)
    template = assignment.template
    services.unassign(organization=request.organization, actor=request.user,
                      assignment=assignment)
    messages.success(request, f"Unassigned from {assignment.target_sentence}")
    return redirect("requirements:detail", template.pk)


@member_required(Role.REVIEWER)
def assignment_overrides(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit what one vendor must carry, starting from the template; only differences are kept."""
    assignment = _org_assignment(request, pk)
    if assignment.vendor_id is None:
        messages.error(request, "Only an assignment to one vendor can be adjusted.")
        return redirect("requirements:detail", assignment.template_id)
    effective = services.effective_data(assignment)
    if request.method == "POST" and "reset" in request.POST:
        services.set_overrides(organization=request.organization, actor=request.user,
                               assignment=assignment, edited=assignment.template.data)
        messages.success(request, f"{assignment.vendor} now gets the template as it is.")
        return redirect("requirements:detail", assignment.template_id)
    data = request.POST or None
    if data is not None and ADD_ROW in data:
        data = with_extra_row(data)
    editor = TemplateEditor(data, initial=effective, lock_name=True)
    if request.method == "POST" and ADD_ROW not in request.POST and editor.is_valid():
        try:
            services.set_overrides(organization=request.organization, actor=request.user,
                                   assignment=assignment,
                                   edited=keep_unknown_keys(effective, editor.to_data()))
        except ValidationError as error:
            editor.settings.add_error(None, error)
        else:
            messages.success(request, f"Saved what {assignment.vendor} must carry.")
            return redirect("requirements:detail", assignment.template_id)
    return render(request, "requirements/form.html", {
        "editor": editor, "template": assignment.template, "assignment": assignment,
        "title": f"“{assignment.template.name}” for {assignment.vendor}",
    })
