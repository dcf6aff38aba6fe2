"""``{% vendor_compliance vendor %}``: the vendor page's checklist; ``{% compliance_progress %}``:
the progress bar of a running re-evaluation (nothing when none is running)."""

from __future__ import annotations

import logging

from django import template
from django.db import DatabaseError

from coitrack.accounts.access import can
from coitrack.accounts.models import Role
from coitrack.certificates.models import Certificate
from coitrack.compliance.checklist import build_checklist
from coitrack.compliance.models import VendorEvaluation, Waiver
from coitrack.compliance.services import active_run, evaluate_vendor, local_today
from coitrack.compliance.services.loading import PENDING
from coitrack.compliance.services.waivers import waiver_end_label, waiver_state

register = template.Library()
logger = logging.getLogger(__name__)


@register.inclusion_tag("compliance/_checklist.html", takes_context=True)
def vendor_compliance(context, vendor) -> dict:
    request = context["request"]
    organization = request.organization
    today = local_today(organization)
    evaluation = VendorEvaluation.objects.filter(vendor=vendor).first()
    if evaluation is None or evaluation.as_of != today:
        # Never evaluated (created before compliance existed) or evaluated on an earlier day
        # and the daily run has not reached it yet: the page must not show yesterday's status.
        try:
            evaluation = evaluate_vendor(vendor, as_of=today)
        except DatabaseError:  # e.g. the database is busy: show what is stored, say its day
            logger.exception("could not evaluate vendor %s for its page", vendor.pk)
            if evaluation is None:
                return {"evaluation": None}
    waivers = list(Waiver.objects.filter(organization=organization, vendor=vendor)
                   .select_related("project", "created_by", "revoked_by")[:50])
    for waiver in waivers:
        waiver.state = waiver_state(waiver, today=today)
        waiver.end_label = waiver_end_label(waiver)
    pending = Certificate.objects.filter(organization=organization, vendor=vendor,
                                         status__in=PENDING).count()
    return {
        "request": request,
        "vendor": vendor,
        "evaluation": evaluation,
        "templates": build_checklist(evaluation),
        "waivers": waivers,
        "pending": pending,
        "can_waive": can(request, Role.REVIEWER),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("compliance/_progress.html", takes_context=True)
def compliance_progress(context) -> dict:
    request = context["request"]
    return {"run": active_run(request.organization)}
