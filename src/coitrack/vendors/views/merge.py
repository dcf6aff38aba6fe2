"""Merging a duplicate into a vendor: find the duplicate, confirm what moves, merge."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.vendors import services
from coitrack.vendors.forms import MergeForm
from coitrack.vendors.listing import search_condition
from coitrack.vendors.models import Vendor
from coitrack.vendors.views.common import org_vendor

CANDIDATE_LIMIT = 25


def _candidates(organization, survivor: Vendor, q: str):
    vendors = Vendor.objects.filter(organization=organization, merged_into__isnull=True).exclude(
        pk=survivor.pk
    )
    if q:
        vendors = vendors.filter(search_condition(q))
    else:
        # Without a search, suggest vendors whose name starts like the survivor's.
        vendors = vendors.filter(legal_name__istartswith=survivor.legal_name[:4])
    return vendors.select_related("vendor_type").order_by("legal_name", "id")[:CANDIDATE_LIMIT]


@member_required(Role.REVIEWER)
def vendor_merge(request: HttpRequest, pk: int) -> HttpResponse:
    org = request.organization
    survivor = org_vendor(request, pk)
    form = MergeForm(request.POST or request.GET or None)
    context: dict = {"vendor": survivor, "form": form, "plan": None, "error": ""}
    if form.is_bound and form.is_valid():
        duplicate = Vendor.objects.filter(
            organization=org, pk=form.cleaned_data["duplicate"]
        ).first()
        try:
            if duplicate is None:
                raise ValidationError("There is no such vendor in this organization.")
            if request.method == "POST":
                plan = services.merge_vendors(organization=org, actor=request.user,
                                              survivor=survivor, duplicate=duplicate)
                messages.success(request, f"Merged {duplicate} into {survivor}. "
                                          f"{plan.summary()}")
                return redirect("vendors:detail", survivor.pk)
            context["plan"] = services.plan_merge(organization=org, survivor=survivor,
                                                  duplicate=duplicate)
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
    elif form.is_bound and request.method == "POST":
        context["error"] = " ".join(e for errors in form.errors.values() for e in errors)
    if context["plan"] is None:
        q = request.GET.get("q", "").strip()[:200]
        context.update(q=q, candidates=_candidates(org, survivor, q))
    status = 400 if request.method == "POST" else 200
    return render(request, "vendors/merge.html", context, status=status)
