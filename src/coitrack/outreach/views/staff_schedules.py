"""Settings > Outreach: the organization's chasing schedule and its overrides per requirement
template and per vendor type. Everyone reads; admins change (each change audited)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from coitrack.accounts.access import can, member_required
from coitrack.accounts.models import Role
from coitrack.audit.models import Event
from coitrack.chasing.schedule import DEFAULT, LABELS, ScheduleError
from coitrack.outreach.forms import ScheduleLayerForm, show
from coitrack.outreach.models import ScheduleSettings
from coitrack.outreach.services import schedule_settings
from coitrack.outreach.services.schedules import Layers
from coitrack.requirements.models import RequirementTemplate
from coitrack.vendors.models import VendorType

EVENT_LIMIT = 20


def _summary(parameters: dict) -> list[str]:
    return [f"{LABELS[key]}: {show(value)}" for key, value in parameters.items() if key in LABELS]


def _schedule_page(request: HttpRequest, form: ScheduleLayerForm, *, status: int = 200):
    org = request.organization
    layers = {(row.template_id, row.vendor_type_id): row.parameters
              for row in ScheduleSettings.objects.filter(organization=org)}
    templates = [(t, _summary(layers.get((t.pk, None), {})))
                 for t in RequirementTemplate.objects.filter(organization=org).only("id", "name")]
    types = [(t, _summary(layers.get((None, t.pk), {})))
             for t in VendorType.objects.filter(organization=org)]
    return render(request, "outreach/staff/schedule.html", {
        "form": form,
        "rows": form.rows(),
        "templates": templates,
        "types": types,
        "events": Event.objects.filter(organization=org, object_type="schedulesettings")
        .select_related("actor")[:EVENT_LIMIT],
        "can_change": can(request, Role.ADMIN),
        "current": "outreach",
    }, status=status)


@require_safe
@member_required()
def schedule(request: HttpRequest) -> HttpResponse:
    form = ScheduleLayerForm(inherited=DEFAULT,
                             layer=schedule_settings.organization_layer(request.organization),
                             disabled=not can(request, Role.ADMIN))
    return _schedule_page(request, form)


@require_POST
@member_required(Role.ADMIN)
def schedule_save(request: HttpRequest) -> HttpResponse:
    org = request.organization
    form = ScheduleLayerForm(request.POST, inherited=DEFAULT,
                             layer=schedule_settings.organization_layer(org))
    if form.is_valid():
        try:
            schedule_settings.save_layer(org, actor=request.user, values=form.parameters())
        except ScheduleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved the organization's schedule.")
            return redirect("outreach:schedule")
    return _schedule_page(request, form, status=400)


def _scope(request: HttpRequest, kind: str, pk: int) -> dict:
    model = RequirementTemplate if kind == "template" else VendorType
    obj = get_object_or_404(model, organization=request.organization, pk=pk)
    return {"template": obj} if kind == "template" else {"vendor_type": obj}


def _layer_page(request: HttpRequest, kind: str, scope: dict, form: ScheduleLayerForm | None
                = None, *, status: int = 200) -> HttpResponse:
    org = request.organization
    row = schedule_settings.layer_of(org, **scope)
    if form is None:
        form = ScheduleLayerForm(inherited=Layers(org).organization_schedule,
                                 layer=row.parameters if row else {},
                                 disabled=not can(request, Role.ADMIN))
    target = next(iter(scope.values()))
    return render(request, "outreach/staff/layer.html", {
        "form": form,
        "rows": form.rows(),
        "kind": kind,
        "target": target,
        "row": row,
        "save_url": f"outreach:{kind}_layer_save",
        "remove_url": f"outreach:{kind}_layer_remove",
        "can_change": can(request, Role.ADMIN),
        "current": "outreach",
    }, status=status)


def _save(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    org = request.organization
    scope = _scope(request, kind, pk)
    row = schedule_settings.layer_of(org, **scope)
    form = ScheduleLayerForm(request.POST, inherited=Layers(org).organization_schedule,
                             layer=row.parameters if row else {})
    if form.is_valid():
        try:
            saved = schedule_settings.save_layer(org, actor=request.user,
                                                 values=form.parameters(), **scope)
        except ScheduleError as error:
            form.add_error(None, str(error))
        else:
            target = next(iter(scope.values()))
            messages.success(request, f"Saved the overrides of {target}." if saved else
                             f"{target} now follows the organization's schedule.")
            return redirect("outreach:schedule")
    return _layer_page(request, kind, scope, form, status=400)


def _remove(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    scope = _scope(request, kind, pk)
    removed = schedule_settings.remove_layer(request.organization, actor=request.user, **scope)
    target = next(iter(scope.values()))
    if removed:
        messages.success(request, f"Removed the overrides of {target}: it follows the "
                                  "organization's schedule.")
    else:
        messages.info(request, f"{target} had no overrides.")
    return redirect("outreach:schedule")


@require_safe
@member_required()
def template_layer(request: HttpRequest, pk: int) -> HttpResponse:
    return _layer_page(request, "template", _scope(request, "template", pk))


@require_POST
@member_required(Role.ADMIN)
def template_layer_save(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, "template", pk)


@require_POST
@member_required(Role.ADMIN)
def template_layer_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _remove(request, "template", pk)


@require_safe
@member_required()
def type_layer(request: HttpRequest, pk: int) -> HttpResponse:
    return _layer_page(request, "type", _scope(request, "type", pk))


@require_POST
@member_required(Role.ADMIN)
def type_layer_save(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, "type", pk)


@require_POST
@member_required(Role.ADMIN)
def type_layer_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _remove(request, "type", pk)
