"""Requirement template screens: list, create, edit, duplicate, delete."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coitrack.accounts.access import member_required
from coitrack.requirements.models import RequirementTemplate


@member_required()
def template_list(request: HttpRequest) -> HttpResponse:
    templates = RequirementTemplate.objects.filter(organization=request.organization)
    return render(request, "requirements/list.html", {"templates": templates})
