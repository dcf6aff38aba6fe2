"""The vendor portal: what a no-login link shows and accepts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from coitrack.outreach.services.portal import record_opening, resolve


@require_safe
def portal(request: HttpRequest, token: str) -> HttpResponse:
    link = resolve(token)
    if link is None:
        return render(request, "outreach/portal/invalid.html", status=404)
    record_opening(link)
    return render(request, "outreach/portal/page.html", {"link": link, "vendor": link.vendor})
