"""The flags panel of the certificate page, and the open-flag count the accept button asks about."""

from __future__ import annotations

from django import template

from coitrack.accounts.access import can
from coitrack.accounts.models import Role
from coitrack.review.models import CertificateFlag

register = template.Library()


@register.inclusion_tag("review/_flags.html", takes_context=True)
def certificate_flags(context, certificate) -> dict:
    """``{% certificate_flags certificate %}``: open flags, each with a resolve form, then the
    resolved ones."""
    request = context.get("request")
    flags = list(
        CertificateFlag.objects.filter(certificate=certificate,
                                       organization_id=certificate.organization_id)
        .select_related("resolved_by")
    )
    return {
        "certificate": certificate,
        "open_flags": [f for f in flags if f.is_open],
        "resolved_flags": [f for f in flags if not f.is_open],
        "can_resolve": request is not None and can(request, Role.REVIEWER),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def open_flag_count(certificate) -> int:
    """``{% open_flag_count certificate as n %}``: how many flags still wait for a reviewer."""
    return CertificateFlag.objects.filter(
        certificate=certificate, organization_id=certificate.organization_id,
        resolved_at__isnull=True,
    ).count()
