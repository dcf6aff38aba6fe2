"""Adding, editing and deleting a vendor's contacts (from the vendor's page)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.vendors import services
from coitrack.vendors.forms import ContactForm
from coitrack.vendors.models import Contact
from coitrack.vendors.views.common import add_service_error, org_vendor


def _org_contact(request: HttpRequest, pk: int, contact_pk: int) -> Contact:
    vendor = org_vendor(request, pk)
    return get_object_or_404(Contact.objects.select_related("vendor"), vendor=vendor,
                             pk=contact_pk)


@member_required(Role.REVIEWER)
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    vendor = org_vendor(request, pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.add_contact(organization=request.organization, actor=request.user,
                                           vendor=vendor, data=form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"Added contact {contact}.")
            return redirect("vendors:detail", vendor.pk)
    return render(request, "vendors/contact_form.html",
                  {"form": form, "vendor": vendor, "contact": None})


@member_required(Role.REVIEWER)
def contact_edit(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    contact = _org_contact(request, pk, contact_pk)
    form = ContactForm(request.POST or None, instance=_org_contact(request, pk, contact_pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_contact(organization=request.organization, actor=request.user,
                                    contact=contact, data=form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Contact saved.")
            return redirect("vendors:detail", contact.vendor_id)
    return render(request, "vendors/contact_form.html",
                  {"form": form, "vendor": contact.vendor, "contact": contact})


@member_required(Role.REVIEWER)
@require_POST
def contact_delete(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    contact = _org_contact(request, pk, contact_pk)
    services.delete_contact(organization=request.organization, actor=request.user,
                            contact=contact)
    messages.success(request, f"Deleted contact {contact}.")
    return redirect("vendors:detail", pk)
