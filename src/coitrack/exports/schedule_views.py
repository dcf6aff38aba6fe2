"""Settings > Reports: scheduled report e-mails (admins only)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.exports import services
from coitrack.exports.datasets import KINDS
from coitrack.exports.forms import ScheduleForm
from coitrack.exports.models import ReportRun, ReportSchedule


def _schedule(request: HttpRequest, pk: int) -> ReportSchedule:
    return get_object_or_404(ReportSchedule, organization=request.organization, pk=pk)


@member_required(Role.ADMIN)
def schedule_list(request: HttpRequest) -> HttpResponse:
    """The schedules, and a form to add one (prefilled from ``?kind=&filters=``)."""
    initial = {}
    if request.GET.get("kind") in KINDS:
        initial = {"kind": request.GET["kind"], "filters": request.GET.get("filters", ""),
                   "name": KINDS[request.GET["kind"]].label}
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        schedule = services.save_schedule(organization=request.organization,
                                          actor=request.user, data=form.cleaned_data)
        messages.success(request, f"Scheduled “{schedule.name}”.")
        return redirect("exports:schedules")
    schedules = list(ReportSchedule.objects.filter(organization=request.organization))
    last = {}
    for run in ReportRun.objects.filter(schedule__in=schedules).order_by("schedule", "-period"):
        last.setdefault(run.schedule_id, run)
    for schedule in schedules:
        schedule.last_run = last.get(schedule.pk)
        schedule.kind_label = KINDS[schedule.kind].label if schedule.kind in KINDS else ""
    return render(request, "exports/schedules.html", {
        "schedules": schedules, "form": form,
    }, status=400 if request.method == "POST" else 200)


@member_required(Role.ADMIN)
def schedule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    schedule = _schedule(request, pk)
    form = ScheduleForm(request.POST or None, initial=ScheduleForm.initial_for(schedule))
    if request.method == "POST" and form.is_valid():
        services.save_schedule(organization=request.organization, actor=request.user,
                               data=form.cleaned_data, schedule=schedule)
        messages.success(request, "Saved.")
        return redirect("exports:schedules")
    return render(request, "exports/schedule_edit.html", {"schedule": schedule, "form": form},
                  status=400 if request.method == "POST" else 200)


@require_POST
@member_required(Role.ADMIN)
def schedule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    schedule = _schedule(request, pk)
    services.delete_schedule(organization=request.organization, actor=request.user,
                             schedule=schedule)
    messages.success(request, f"Deleted “{schedule.name}”.")
    return redirect("exports:schedules")
