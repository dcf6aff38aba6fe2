"""The notification list (filters: unread, kind), marking read, and one's own settings.

Every query is scoped to the signed-in user *and* the active organization: another user's or
another organization's notification answers 404. Every role may mark read and edit their own
settings, viewers included: it is the reader's own state, not the organization's data.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coitrack.accounts.access import member_required
from coitrack.notifications import events, services
from coitrack.notifications.forms import PreferencesForm
from coitrack.notifications.models import Delivery, Notification
from coitrack.notifications.services.preferences import (
    PreferenceError,
    digest_settings,
    save_preferences,
)
from coitrack.notifications.services.recipients import choices_of

PAGE_SIZE = 30


def _mine(request: HttpRequest):
    return Notification.objects.filter(organization=request.organization, user=request.user)


def _filters(source) -> dict[str, str]:
    """The list's filters from a query string or a form: ``show`` (unread) and ``kind``."""
    kind = source.get("kind", "")
    return {"show": "unread" if source.get("show") == "unread" else "",
            "kind": kind if kind in events.KINDS else ""}


def _list_url(filters: dict[str, str]) -> str:
    query = urlencode({k: v for k, v in filters.items() if v})
    return reverse("notifications:list") + (f"?{query}" if query else "")


@require_safe
@member_required()
def notification_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request.GET)
    shown = _mine(request).select_related("vendor").prefetch_related(
        Prefetch("deliveries", queryset=Delivery.objects.select_related("message")))
    if filters["show"]:
        shown = shown.filter(read_at__isnull=True)
    if filters["kind"]:
        shown = shown.filter(kind=filters["kind"])
    page = Paginator(shown.order_by("-created_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "notifications/list.html", {
        "page": page,
        "filters": filters,
        "kinds": [(k.key, k.label) for k in events.kinds_for(request.membership.role)],
        "filtered": any(filters.values()),
        "unread": services.unread_count(organization=request.organization, user=request.user),
    })


@require_POST
@member_required()
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read; with ``open``, go on to what it is about."""
    notification = get_object_or_404(_mine(request), pk=pk)
    services.mark_read(notification=notification, user=request.user)
    target = notification.url
    if request.POST.get("open") and target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(_list_url(_filters(request.POST)))


@require_POST
@member_required()
def mark_all_read(request: HttpRequest) -> HttpResponse:
    """Mark every unread notification read (of the filtered kind, when the list is filtered)."""
    filters = _filters(request.POST)
    count = services.mark_all_read(organization=request.organization, user=request.user,
                                   kind=filters["kind"])
    if count:
        messages.success(request, f"{count} notification{'s' if count != 1 else ''} "
                                  "marked as read.")
    else:
        messages.info(request, "There was nothing unread.")
    return redirect(_list_url(filters))


@require_http_methods(["GET", "HEAD", "POST"])
@member_required()
def preferences(request: HttpRequest) -> HttpResponse:
    """The member's own choices: per kind a channel and a scope; the digest's rhythm."""
    membership = request.membership
    rhythm = digest_settings(membership)
    initial = {"frequency": rhythm.frequency, "hour": rhythm.hour, "weekday": rhythm.weekday}
    form = PreferencesForm(request.POST or None, initial=initial, role=membership.role,
                           current=choices_of(membership))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                save_preferences(membership=membership, choices=form.choices(),
                                 frequency=form.cleaned_data["frequency"],
                                 hour=form.cleaned_data["hour"],
                                 weekday=form.cleaned_data["weekday"])
            except PreferenceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Your notification settings were saved.")
                return redirect("notifications:preferences")
        status = 400
    return render(request, "notifications/preferences.html", {
        "form": form, "rows": form.bound_rows(), "role": membership.get_role_display(),
        "time_zone": request.organization.time_zone,
    }, status=status)
