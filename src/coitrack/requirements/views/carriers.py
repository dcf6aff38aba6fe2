"""The carrier table: list and search, add, edit, delete, CSV import (preview first), export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.requirements import services
from coitrack.requirements.carrier_csv import CarrierFileError, write_csv
from coitrack.requirements.forms.carrier import CarrierForm, CarrierUploadForm, carrier_initial
from coitrack.requirements.models import Carrier
from coitrack.requirements.services.carriers import carriers_matching
from coitrack.requirements.views.common import add_service_error

PAGE_SIZE = 50
MAX_TEXT = 6 * 1024 * 1024


@require_safe
@member_required()
def carrier_list(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:100]
    carriers = carriers_matching(request.organization, query)
    page = Paginator(carriers, PAGE_SIZE).get_page(request.GET.get("page"))
    total = Carrier.objects.filter(organization=request.organization).count()
    return render(request, "requirements/carriers.html",
                  {"page": page, "q": query, "total": total})


@member_required(Role.REVIEWER)
def carrier_create(request: HttpRequest) -> HttpResponse:
    form = CarrierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            carrier = services.create_carrier(organization=request.organization,
                                              actor=request.user, **form.values())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"Added {carrier.name}.")
            return redirect("requirements:carriers")
    return render(request, "requirements/carrier_form.html", {"form": form, "carrier": None})


def _org_carrier(request: HttpRequest, pk: int) -> Carrier:
    return get_object_or_404(Carrier, organization=request.organization, pk=pk)


@member_required(Role.REVIEWER)
def carrier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    carrier = _org_carrier(request, pk)
    form = CarrierForm(request.POST or None, initial=carrier_initial(carrier))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_carrier(organization=request.organization, actor=request.user,
                                    carrier=carrier, **form.values())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"Saved {form.cleaned_data['name']}.")
            return redirect("requirements:carriers")
    return render(request, "requirements/carrier_form.html", {"form": form, "carrier": carrier})


@member_required(Role.REVIEWER)
@require_POST
def carrier_delete(request: HttpRequest, pk: int) -> HttpResponse:
    carrier = _org_carrier(request, pk)
    services.delete_carrier(organization=request.organization, actor=request.user,
                            carrier=carrier)
    messages.success(request, f"Removed {carrier.name}; certificates from it now count as "
                              "not rated.")
    return redirect("requirements:carriers")


@member_required(Role.REVIEWER)
def carrier_import(request: HttpRequest) -> HttpResponse:
    """Step 1: upload -> preview (nothing changes). Step 2: confirm -> import all rows."""
    org = request.organization
    form = CarrierUploadForm()
    preview, error = None, None
    if request.method == "POST" and "confirm" in request.POST:
        text = request.POST.get("text") or ""
        if len(text) > MAX_TEXT:
            error = "The file is too large."
        else:
            try:
                result = services.import_carriers(organization=org, actor=request.user,
                                                  text=text)
            except (ValidationError, CarrierFileError) as problem:
                error = " ".join(getattr(problem, "messages", [str(problem)]))
            else:
                messages.success(request, f"Imported the carrier table: "
                                          f"{result.count('create')} added, "
                                          f"{result.count('update')} updated, "
                                          f"{result.count('unchanged')} unchanged.")
                return redirect("requirements:carriers")
    elif request.method == "POST":
        form = CarrierUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                preview = services.preview_carrier_import(
                    organization=org, raw=form.cleaned_data["file"].read()
                )
            except CarrierFileError as problem:
                error = f"Nothing was imported. {problem}"
    context = {"form": form, "preview": preview, "error": error}
    if preview is not None:
        context.update(
            rows=sorted(preview.rows, key=lambda row: (not row.problems, row.line)),
            create_count=preview.count("create"), update_count=preview.count("update"),
            unchanged_count=preview.count("unchanged"),
        )
    return render(request, "requirements/carrier_import.html", context)


@require_safe
@member_required()
def carrier_export(request: HttpRequest) -> HttpResponse:
    carriers = Carrier.objects.filter(organization=request.organization).order_by("name")
    response = HttpResponse(write_csv(carriers), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="carriers.csv"'
    return response
