"""Settings > API tokens: admins create a token (shown once), list and revoke them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.api import services
from coitrack.api.forms import TokenForm
from coitrack.api.models import ApiToken

LISTED = 200


def _render_list(request: HttpRequest, form: TokenForm, status: int = 200) -> HttpResponse:
    now = timezone.now()
    rows = list(ApiToken.objects.filter(organization=request.organization)
                .select_related("created_by")[:LISTED])
    for row in rows:
        row.state = services.token_state(row, now=now)
    return render(request, "api/tokens.html", {"tokens": rows, "form": form}, status=status)


@require_safe
@member_required(Role.ADMIN)
def token_list(request: HttpRequest) -> HttpResponse:
    return _render_list(request, TokenForm())


@never_cache
@require_POST
@member_required(Role.ADMIN)
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            created = services.create_token(
                organization=request.organization, actor=request.user,
                name=form.cleaned_data["name"], scope=form.cleaned_data["scope"],
                expires_at=form.expires_at(timezone.now()),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            # Rendered, not redirected: the token must never be stored, not even in the session.
            return render(request, "api/token_created.html", {
                "api_token": created.api_token, "token": created.token})
    return _render_list(request, form, status=400)


@require_POST
@member_required(Role.ADMIN)
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    api_token = get_object_or_404(ApiToken, organization=request.organization, pk=pk)
    try:
        services.revoke_token(organization=request.organization, actor=request.user,
                              api_token=api_token)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"{api_token} no longer works.")
    return redirect("api_tokens:list")
