"""The organization's lists reviewers manage: vendor types and projects (or locations)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.vendors import services
from coitrack.vendors.forms import ProjectForm, VendorTypeForm
from coitrack.vendors.models import Project, VendorType
from coitrack.vendors.views.common import add_service_error


def _types_page(request: HttpRequest, form: VendorTypeForm) -> HttpResponse:
    types = VendorType.objects.filter(organization=request.organization).annotate(
        vendor_count=Count("vendors", filter=Q(vendors__merged_into__isnull=True))
    )
    return render(request, "vendors/types.html", {"types": types, "form": form})


@require_safe
@member_required()
def type_list(request: HttpRequest) -> HttpResponse:
    return _types_page(request, VendorTypeForm(organization=request.organization))


@member_required(Role.REVIEWER)
@require_POST
def type_create(request: HttpRequest) -> HttpResponse:
    org = request.organization
    form = VendorTypeForm(request.POST, organization=org)
    if form.is_valid():
        try:
            vendor_type = services.create_vendor_type(
                organization=org, actor=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"Added type {vendor_type}.")
            return redirect("vendors:type_list")
    return _types_page(request, form)


@member_required(Role.REVIEWER)
def type_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = request.organization
    vendor_type = get_object_or_404(VendorType, organization=org, pk=pk)
    form = VendorTypeForm(request.POST or None, organization=org,
                          instance=get_object_or_404(VendorType, organization=org, pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.rename_vendor_type(organization=org, actor=request.user,
                                        vendor_type=vendor_type, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Type renamed.")
            return redirect("vendors:type_list")
    return render(request, "vendors/type_form.html", {"form": form, "vendor_type": vendor_type})


@member_required(Role.REVIEWER)
@require_POST
def type_delete(request: HttpRequest, pk: int) -> HttpResponse:
    org = request.organization
    vendor_type = get_object_or_404(VendorType, organization=org, pk=pk)
    used_by = services.delete_vendor_type(organization=org, actor=request.user,
                                          vendor_type=vendor_type)
    suffix = f" {used_by} vendor(s) now have no type." if used_by else ""
    messages.success(request, f"Deleted type {vendor_type}.{suffix}")
    return redirect("vendors:type_list")


@require_safe
@member_required()
def project_list(request: HttpRequest) -> HttpResponse:
    projects = Project.objects.filter(organization=request.organization).annotate(
        vendor_count=Count("vendors", filter=Q(vendors__merged_into__isnull=True))
    )
    return render(request, "vendors/projects.html", {"projects": projects})


def _project_form_page(request: HttpRequest, project: Project | None) -> HttpResponse:
    org = request.organization
    # The form validates its own copy so ``project`` keeps its saved values for the service.
    instance = Project.objects.get(pk=project.pk) if project else None
    form = ProjectForm(request.POST or None, instance=instance, organization=org)
    if request.method == "POST" and form.is_valid():
        try:
            if project is None:
                services.create_project(organization=org, actor=request.user,
                                        data=form.cleaned_data)
            else:
                services.update_project(organization=org, actor=request.user, project=project,
                                        data=form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Project saved.")
            return redirect("vendors:project_list")
    return render(request, "vendors/project_form.html", {"form": form, "project": project})


@member_required(Role.REVIEWER)
def project_create(request: HttpRequest) -> HttpResponse:
    return _project_form_page(request, None)


@member_required(Role.REVIEWER)
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project, organization=request.organization, pk=pk)
    return _project_form_page(request, project)
