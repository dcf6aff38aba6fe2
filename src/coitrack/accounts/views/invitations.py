"""The Invitations page: admins invite people by e-mail and revoke pending invitations."""

from __future__ import annotations

import logging
import smtplib

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coitrack.accounts import services
from coitrack.accounts.access import member_required
from coitrack.accounts.forms import InviteForm
from coitrack.accounts.models import Invitation, Role

logger = logging.getLogger(__name__)
LISTED_INVITATIONS = 100


@require_GET
@member_required()
def invitations(request: HttpRequest) -> HttpResponse:
    rows = list(
        Invitation.objects.filter(organization=request.organization)
        .select_related("invited_by")[:LISTED_INVITATIONS]
    )
    for row in rows:
        row.state = services.invitation_state(row)
    return render(request, "accounts/invitations.html", {
        "invitations": rows,
        "truncated": len(rows) == LISTED_INVITATIONS,
    })


@require_http_methods(["GET", "POST"])
@member_required(Role.ADMIN)
def invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite(
                organization=request.organization, actor=request.user,
                email=form.cleaned_data["email"], role=form.cleaned_data["role"],
            )
        except services.AccountsError as error:
            form.add_error("email", str(error))
        except (smtplib.SMTPException, OSError) as error:
            # The invitation was rolled back with the failed e-mail: say so, keep the form.
            logger.warning("could not send an invitation e-mail: %s", error)
            form.add_error(None, "The invitation e-mail could not be sent, so nothing was saved. "
                                 "Check the mail settings (COITRACK_SMTP_URL) and try again.")
        else:
            messages.success(
                request,
                f"Invitation sent to {invitation.email}. The link works for 14 days.",
            )
            return redirect("invitations")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/invite.html", {"form": form}, status=status)


@require_POST
@member_required(Role.ADMIN)
def revoke_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, organization=request.organization, pk=pk)
    try:
        services.revoke_invitation(invitation=invitation, actor=request.user)
    except services.AccountsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"The invitation of {invitation.email} no longer works.")
    return redirect("invitations")
