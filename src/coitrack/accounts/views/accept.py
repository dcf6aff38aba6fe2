"""Opening an invitation link: join, create an account, or sign in first.

Who opens the link decides what happens:
- a signed-in user with the invited address confirms and joins;
- a signed-in user with another address is refused (403): the link is for someone else;
- someone signed out whose address already has an account is asked to sign in first;
- anyone else chooses a username and password and gets an account.
An unknown, expired, revoked or used link answers with a page that says so; nothing changes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from coitrack.accounts import services
from coitrack.accounts.access import SESSION_KEY
from coitrack.accounts.forms import NewAccountForm
from coitrack.accounts.models import Invitation

BACKEND = "coitrack.accounts.backends.UsernameOrEmailBackend"


def _invalid(request: HttpRequest, reason: str, *, status: int) -> HttpResponse:
    return render(request, "accounts/invitation_invalid.html", {"reason": reason}, status=status)


def _joined(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    request.session[SESSION_KEY] = invitation.organization_id
    messages.success(request, f"Welcome to {invitation.organization.name}.")
    return redirect("dashboard")


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.find_invitation(token)
    if invitation is None:
        return _invalid(request, "unknown", status=404)
    state = services.invitation_state(invitation)
    if state != "pending":
        return _invalid(request, state, status=410)
    context = {"invitation": invitation, "organization": invitation.organization,
               "role": invitation.get_role_display()}

    if request.user.is_authenticated:
        if not services.email_matches(invitation, request.user):
            return render(request, "accounts/invitation_wrong_user.html", context, status=403)
        if request.method == "POST":
            try:
                services.accept_invitation(invitation=invitation, user=request.user)
            except services.InvitationError as error:
                return _invalid(request, str(error), status=410)
            return _joined(request, invitation)
        return render(request, "accounts/invitation_accept.html", {**context, "mode": "join"})

    if get_user_model().objects.filter(email__iexact=invitation.email).exists():
        return render(request, "accounts/invitation_accept.html",
                      {**context, "mode": "sign_in"})

    form = NewAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.accept_invitation_as_new_user(
                invitation=invitation,
                account=services.NewAccount(
                    username=data["username"], password=data["password1"],
                    first_name=data["first_name"], last_name=data["last_name"],
                ),
            )
        except services.InvitationError as error:
            form.add_error(None, str(error))
        else:
            login(request, user, backend=BACKEND)
            return _joined(request, invitation)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/invitation_accept.html",
                  {**context, "mode": "sign_up", "form": form}, status=status)
