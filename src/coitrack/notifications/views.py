"""The notification list and marking notifications read.

Every query is scoped to the signed-in user *and* the active organization: another user's or
another organization's notification answers 404. Marking read is allowed to every role, viewers
included: it is the reader's own state, not the organization's data.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from coitrack.accounts.access import member_required
from coitrack.notifications import services
from coitrack.notifications.models import Notification

PAGE_SIZE = 30


def _mine(request: HttpRequest):
    return Notification.objects.filter(organization=request.organization, user=request.user)


@require_safe
@member_required()
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(_mine(request).order_by("-created_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/list.html", {
        "page": page,
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
    return redirect("notifications:list")


@require_POST
@member_required()
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(organization=request.organization, user=request.user)
    if count:
        messages.success(request, f"{count} notification{'s' if count != 1 else ''} "
                                  "marked as read.")
    else:
        messages.info(request, "There was nothing unread.")
    return redirect("notifications:list")
