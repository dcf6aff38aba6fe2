"""Organization switching and the Settings home page (name and time zone)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from coitrack.accounts import services
from coitrack.accounts.access import SESSION_KEY, member_required
from coitrack.accounts.forms import OrganizationForm
from coitrack.accounts.models import Invitation, Membership, Role
from coitrack.audit.models import Event

# Audit events shown under "Recent changes" on the Settings page.
SETTINGS_OBJECT_TYPES = ("organization", "membership", "invitation")


@require_POST
@login_required
def switch_organization(request: HttpRequest) -> HttpResponse:
    """Make another of the user's organizations the active one; others' ids are refused."""
    organization_id = request.POST.get("organization", "")
    membership = None
    if organization_id.isdigit():
        membership = (
            Membership.objects.filter(user=request.user, organization_id=int(organization_id))
            .select_related("organization")
            .first()
        )
    if membership is None:
        messages.error(request, "You are not a member of that organization.")
        return redirect("dashboard")
    request.session[SESSION_KEY] = membership.organization_id
    messages.success(request, f"Now working in {membership.organization.name}.")
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("dashboard")


def _settings_page(request: HttpRequest, form: OrganizationForm, *, status: int = 200):
    org = request.organization
    context = {
        "form": form,
        "member_count": Membership.objects.filter(organization=org).count(),
        "pending_invitation_count": Invitation.objects.filter(organization=org).pending().count(),
        "events": Event.objects.filter(organization=org, object_type__in=SETTINGS_OBJECT_TYPES)
        .select_related("actor")[:20],
    }
    return render(request, "accounts/settings.html", context, status=status)


@require_GET
@member_required()
def settings_home(request: HttpRequest) -> HttpResponse:
    org = request.organization
    return _settings_page(request, OrganizationForm(
        initial={"name": org.name, "time_zone": org.time_zone}
    ))


@require_POST
@member_required(Role.ADMIN)
def organization_update(request: HttpRequest) -> HttpResponse:
    form = OrganizationForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, form, status=400)
    try:
        services.update_organization(
            organization=request.organization, actor=request.user,
            name=form.cleaned_data["name"], time_zone=form.cleaned_data["time_zone"],
        )
    except services.AccountsError as error:
        form.add_error(None, str(error))
        return _settings_page(request, form, status=400)
    messages.success(request, "Organization settings saved.")
    return redirect("settings")
