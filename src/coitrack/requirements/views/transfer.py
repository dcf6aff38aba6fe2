"""Template JSON import and export, and comparing two templates side by side."""

from __future__ import annotations

import json
import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.requirements import services
from coitrack.requirements.describe import compare
from coitrack.requirements.forms.transfer import TemplateImportForm
from coitrack.requirements.models import RequirementTemplate
from coitrack.requirements.services.templates import free_name
from coitrack.requirements.views.common import org_template


@require_safe
@member_required()
def template_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The template exactly as stored: the documented JSON, ready for ``coitrack check``."""
    template = org_template(request, pk)
    body = json.dumps(template.data, indent=2, ensure_ascii=False) + "\n"
    slug = re.sub(r"[^A-Za-z0-9]+", "-", template.name).strip("-").lower() or "template"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}.json"'
    return response


@member_required(Role.REVIEWER)
def template_import(request: HttpRequest) -> HttpResponse:
    org = request.organization
    form = TemplateImportForm(request.POST or None, request.FILES or None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            template = services.import_template(
                organization=org, actor=request.user, data=d["template"],
                on_conflict=d.get("on_conflict") or None, new_name=d.get("new_name"),
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "name_conflict":
                conflict = d["template"].get("name")
                # Show the pasted/uploaded JSON again (hidden) so the choice re-posts it.
                form = TemplateImportForm(initial={
                    "text": d["text"], "on_conflict": "rename",
                    "new_name": free_name(org, conflict),
                })
            else:
                if d.get("on_conflict"):
                    conflict = d["template"].get("name")  # still choosing: keep the choice
                messages_for_form = error.error_dict if hasattr(error, "error_dict") else None
                if messages_for_form and "new_name" in messages_for_form:
                    form.add_error("new_name", messages_for_form["new_name"])
                else:
                    form.add_error(None, f"Nothing was imported. {' '.join(error.messages)}")
        else:
            messages.success(request, f"Imported template “{template.name}”.")
            return redirect("requirements:detail", template.pk)
    return render(request, "requirements/import.html", {"form": form, "conflict": conflict})


@require_safe
@member_required()
def template_compare(request: HttpRequest) -> HttpResponse:
    templates = list(RequirementTemplate.objects.filter(organization=request.organization))
    by_id = {str(t.pk): t for t in templates}
    left, right = by_id.get(request.GET.get("a", "")), by_id.get(request.GET.get("b", ""))
    if left is None and right is None and len(templates) >= 2:
        left, right = templates[0], templates[1]
    sections = compare(left.data, right.data) if left and right else []
    return render(request, "requirements/compare.html", {
        "templates": templates, "left": left, "right": right, "sections": sections,
        "difference_count": sum(1 for s in sections for r in s.rows if r.differs),
    })
