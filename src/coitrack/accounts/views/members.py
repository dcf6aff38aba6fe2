"""The Members page: who belongs to the organization, with which role; admins change or remove."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coitrack.accounts import services
from coitrack.accounts.access import member_required
from coitrack.accounts.forms import RoleForm
from coitrack.accounts.models import Invitation, Membership, Role


def _membership(request: HttpRequest, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "organization"),
        organization=request.organization, pk=pk,
    )


@require_GET
@member_required()
def members(request: HttpRequest) -> HttpResponse:
    org = request.organization
    rows = (
        Membership.objects.filter(organization=org)
        .select_related("user")
        .order_by("user__username")
    )
    return render(request, "accounts/members.html", {
        "members": rows,
        "roles": Role.choices,
        "admin_count": sum(1 for row in rows if row.role == Role.ADMIN),
        "pending_invitation_count": Invitation.objects.filter(organization=org).pending().count(),
    })


@require_POST
@member_required(Role.ADMIN)
def change_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the roles: admin, reviewer or viewer.")
        return redirect("members")
    try:
        services.change_role(
            membership=membership, actor=request.user, role=form.cleaned_data["role"]
        )
    except services.AccountsError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"{membership.user.get_username()} is now "
            f"{Role(form.cleaned_data['role']).label.lower()}.",
        )
    return redirect("members")


@require_http_methods(["GET", "POST"])
@member_required(Role.ADMIN)
def remove_member(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation (no JavaScript needed); POST removes."""
    membership = _membership(request, pk)
    if request.method == "GET":
        return render(request, "accounts/member_remove.html", {"member": membership})
    try:
        services.remove_member(membership=membership, actor=request.user)
    except services.AccountsError as error:
        messages.error(request, str(error))
        return redirect("members")
    messages.success(
        request,
        f"{membership.user.get_username()} no longer belongs to {request.organization.name}.",
    )
    if membership.user_id == request.user.pk:
        return redirect("dashboard")  # removed themselves: their next organization, if any
    return redirect("members")
