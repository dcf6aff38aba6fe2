"""Waiving a deficiency, revoking a waiver, and the re-evaluation progress bar (htmx)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.compliance.forms import WaiverForm
from coitrack.compliance.models import EvaluationRun, VendorEvaluation, Waiver
from coitrack.compliance.services import active_run
from coitrack.compliance.services.waivers import create_waiver, revoke_waiver
from coitrack.rules.deficiencies import CODES
from coitrack.vendors.views.common import add_service_error, org_vendor


@member_required(Role.VIEWER)
@require_GET
def progress(request: HttpRequest) -> HttpResponse:
    """The progress bar; once the run is over, a short note (polling then stops)."""
    run = active_run(request.organization)
    finished = None
    if run is None and request.htmx:
        finished = (EvaluationRun.objects
                    .filter(organization=request.organization,
                            finished_at__gte=timezone.now() - timedelta(minutes=10))
                    .order_by("-finished_at").first())
    return render(request, "compliance/_progress.html", {"run": run, "finished": finished})


def _deficiency_from(request: HttpRequest, vendor) -> dict | None:
    """The deficiency named by the query string (or the posted form), if the vendor has it."""
    source = request.POST if request.method == "POST" else request.GET
    code = source.get("code", "")
    coverage = source.get("coverage") or None
    limit = source.get("limit") or None
    try:
        template_id = int(source.get("template") or 0) or None
    except ValueError:
        template_id = None
    if code not in CODES:
        return None
    evaluation = VendorEvaluation.objects.filter(vendor=vendor).first()
    for deficiency in evaluation.deficiencies if evaluation else []:
        if (deficiency["code"], deficiency.get("coverage"), deficiency.get("limit")) == (
                code, coverage, limit) and template_id in (None, deficiency.get("template_id")):
            return deficiency
    return None


@member_required(Role.REVIEWER)
def waive(request: HttpRequest, vendor_pk: int) -> HttpResponse:
    vendor = org_vendor(request, vendor_pk)
    deficiency = _deficiency_from(request, vendor)
    if deficiency is None:
        messages.error(request, "That deficiency is not on this vendor's checklist (any more).")
        return redirect("vendors:detail", vendor.pk)
    form = WaiverForm(request.POST or None, vendor=vendor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            create_waiver(
                organization=request.organization, actor=request.user, vendor=vendor,
                code=deficiency["code"], coverage=deficiency.get("coverage"),
                limit=deficiency.get("limit"), reason=data["reason"],
                expires_on=data["expires_on"], until_renewal=data["ends"] == "renewal",
                project=data["project"], template_id=deficiency.get("template_id"),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Deficiency waived.")
            return redirect(reverse("vendors:detail", args=[vendor.pk]) + "#compliance")
    return render(request, "compliance/waive.html",
                  {"vendor": vendor, "deficiency": deficiency, "form": form})


@member_required(Role.REVIEWER)
@require_POST
def waiver_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    waiver = get_object_or_404(Waiver, organization=request.organization, pk=pk)
    try:
        revoke_waiver(organization=request.organization, actor=request.user, waiver=waiver)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Waiver revoked: the deficiency counts again.")
    return redirect("vendors:detail", waiver.vendor_id)
