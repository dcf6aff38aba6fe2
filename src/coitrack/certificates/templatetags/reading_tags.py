"""The automatic-reading panel of a certificate's page: ``{% reading_panel certificate %}``."""

from __future__ import annotations

from django import template

from coitrack.accounts.access import can
from coitrack.accounts.models import Role

register = template.Library()


@register.inclusion_tag("certificates/_reading.html", takes_context=True)
def reading_panel(context, certificate) -> dict:
    from coitrack.certificates.views.review import reading_panel_context

    request = context["request"]
    return {
        **reading_panel_context(certificate, can(request, Role.REVIEWER)),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
