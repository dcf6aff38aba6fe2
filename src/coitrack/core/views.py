"""Placeholders for screens later issues build, and the health check (the dashboard is the
``dashboard`` app)."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from coitrack.accounts.access import member_required


@require_safe
@member_required()
def placeholder(request: HttpRequest, *, title: str, blurb: str) -> HttpResponse:
    return render(request, "core/placeholder.html", {"title": title, "blurb": blurb})


@require_safe
def no_organization(request: HttpRequest) -> HttpResponse:
    return render(request, "core/no_organization.html")


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers; reveals nothing about any organization."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
