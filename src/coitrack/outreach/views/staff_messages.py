"""Settings > Messages: the wording of each kind of outreach e-mail, with variables, syntax
errors and a live preview. Everyone reads; admins change and reset (each change audited)."""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from coitrack.accounts.access import can, member_required
from coitrack.accounts.models import Role
from coitrack.audit.models import Event
from coitrack.outreach import messages
from coitrack.outreach.forms import MessageTemplateForm
from coitrack.outreach.models import MessageTemplate
from coitrack.outreach.services import message_templates


def _kind(kind: str) -> str:
    if kind not in messages.KINDS:
        raise Http404("No such kind of message.")
    return kind


@require_safe
@member_required()
def message_list(request: HttpRequest) -> HttpResponse:
    custom = {row.kind: row for row in MessageTemplate.objects.filter(
        organization=request.organization).select_related("updated_by")}
    kinds = [(kind, label, custom.get(kind)) for kind, label in messages.KINDS.items()]
    return render(request, "outreach/staff/message_list.html", {
        "kinds": kinds, "current": "messages",
        "events": Event.objects.filter(organization=request.organization,
                                       object_type="messagetemplate")
        .select_related("actor")[:20],
    })


def _editor(request: HttpRequest, kind: str, form: MessageTemplateForm, *, status: int = 200,
            errors: dict[str, str] | None = None) -> HttpResponse:
    org = request.organization
    row = MessageTemplate.objects.filter(organization=org, kind=kind).first()
    source = form.source() if form.is_bound else messages.source_for(org, kind)
    rendered, preview_errors = message_templates.preview(org, source)
    return render(request, "outreach/staff/message_edit.html", {
        "kind": kind,
        "label": messages.KINDS[kind],
        "form": form,
        "row": row,
        "variables": list(messages.VARIABLES.items()),  # "items" is one of the names
        "rendered": rendered,
        "preview_errors": errors if errors is not None else preview_errors,
        "can_change": can(request, Role.ADMIN),
        "current": "messages",
    }, status=status)


@require_safe
@member_required()
def message_edit(request: HttpRequest, kind: str) -> HttpResponse:
    kind = _kind(kind)
    form = MessageTemplateForm(initial=messages.source_for(request.organization, kind),
                               disabled=not can(request, Role.ADMIN))
    return _editor(request, kind, form)


@require_POST
@member_required(Role.ADMIN)
def message_save(request: HttpRequest, kind: str) -> HttpResponse:
    kind = _kind(kind)
    form = MessageTemplateForm(request.POST)
    if form.is_valid():
        try:
            message_templates.save(request.organization, kind=kind, actor=request.user,
                                   source=form.source())
        except message_templates.MessageTemplateError as error:
            for part, text in error.errors.items():
                form.add_error(part, text)
        else:
            flash.success(request, f"Saved the wording of “{messages.KINDS[kind]}”. Messages "
                                   "queued from now on use it.")
            return redirect("outreach:message_edit", kind=kind)
    return _editor(request, kind, form, status=400)


@require_POST
@member_required(Role.ADMIN)
def message_preview(request: HttpRequest, kind: str) -> HttpResponse:
    """The preview pane (htmx): the posted source rendered with example values."""
    _kind(kind)
    form = MessageTemplateForm(request.POST)
    form.is_valid()
    rendered, errors = message_templates.preview(request.organization, form.source())
    return render(request, "outreach/staff/_preview.html",
                  {"rendered": rendered, "preview_errors": errors})


@require_POST
@member_required(Role.ADMIN)
def message_reset(request: HttpRequest, kind: str) -> HttpResponse:
    kind = _kind(kind)
    if message_templates.reset(request.organization, kind=kind, actor=request.user):
        flash.success(request, f"“{messages.KINDS[kind]}” uses the built-in wording again.")
    else:
        flash.info(request, f"“{messages.KINDS[kind]}” already uses the built-in wording.")
    return redirect("outreach:message_edit", kind=kind)
