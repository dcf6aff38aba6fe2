"""Who may see and do what: the active organization of a request and role checks.

Every view that touches organization data is wrapped in :func:`member_required`, which guarantees
``request.organization`` and ``request.membership`` are set; views then scope every query with
``organization=request.organization``. Rows of another organization answer 404, as if absent.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from coitrack.accounts.models import Membership, Role

SESSION_KEY = "coitrack_organization_id"


def active_membership(request: HttpRequest) -> Membership | None:
    """The membership of the organization chosen in the session, else the user's first one."""
    user = request.user
    if not user.is_authenticated:
        return None
    memberships = Membership.objects.filter(user=user).select_related("organization")
    chosen = request.session.get(SESSION_KEY)
    if chosen is not None:
        membership = memberships.filter(organization_id=chosen).first()
        if membership is not None:
            return membership
    membership = memberships.order_by("organization__name").first()
    if membership is not None:
        request.session[SESSION_KEY] = membership.organization_id
    return membership


def member_required(role: str = Role.VIEWER) -> Callable:
    """Decorate a view: require login, an active organization and at least ``role``.

    A viewer asking for a reviewer's action gets 403; a user with no organization is sent to a page
    that says so.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = request.membership
            if membership is None:
                return redirect("no_organization")
            if not membership.has_role(role):
                raise PermissionDenied(f"This needs the {Role(role).label.lower()} role.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def can(request: HttpRequest, role: str) -> bool:
    membership = getattr(request, "membership", None)
    return membership is not None and membership.has_role(role)
