"""Organization switching and the Settings area."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from coitrack.accounts.access import SESSION_KEY, member_required
from coitrack.accounts.models import Membership


@require_POST
@login_required
def switch_organization(request: HttpRequest) -> HttpResponse:
    """Make another of the user's organizations the active one; others' ids are refused."""
    membership = Membership.objects.filter(
        user=request.user, organization_id=request.POST.get("organization") or None
    ).select_related("organization").first() if request.POST.get(
        "organization", ""
    ).isdigit() else None
    if membership is None:
        messages.error(request, "You are not a member of that organization.")
        return redirect("dashboard")
    request.session[SESSION_KEY] = membership.organization_id
    messages.success(request, f"Now working in {membership.organization.name}.")
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("dashboard")


@member_required()
def settings_home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/settings.html")
