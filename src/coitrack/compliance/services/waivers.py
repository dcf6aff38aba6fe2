"""Granting and revoking waivers: a reviewer's decision that one deficiency does not count.

A waiver is granted from a deficiency the vendor has now (code, coverage, limit, as the engine
reports it), with a reason and an end: a date, or "until the policy renews". Both changes are
audited on the vendor's trail and re-evaluate the vendor after commit.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.compliance.models import VendorEvaluation, Waiver
from coitrack.compliance.services.clock import local_today
from coitrack.compliance.services.judging import judged_expiration
from coitrack.compliance.services.schedule import schedule_reevaluation
from coitrack.rules.deficiencies import CODES
from coitrack.vendors.models import Vendor


def _current_deficiency(vendor: Vendor, code: str, coverage: str | None, limit: str | None,
                        template_id: int | None) -> tuple[dict, dict | None]:
    """The stored deficiency being waived, and the evaluation of its template."""
    evaluation = VendorEvaluation.objects.filter(vendor=vendor).first()
    if evaluation is None:
        raise ValidationError("This vendor has not been evaluated yet; try again in a moment.")
    for deficiency in evaluation.deficiencies:
        if (deficiency["code"], deficiency.get("coverage"), deficiency.get("limit")) != (
                code, coverage, limit):
            continue
        if template_id is not None and deficiency.get("template_id") != template_id:
            continue
        template = next((e for e in evaluation.evaluations
                         if e["template_id"] == deficiency.get("template_id")), None)
        return deficiency, template
    raise ValidationError("The vendor no longer has this deficiency; the page was out of date.")


def create_waiver(
    *, organization, actor, vendor: Vendor, code: str, coverage: str | None = None,
    limit: str | None = None, reason: str, expires_on: dt.date | None = None,
    until_renewal: bool = False, project=None, template_id: int | None = None,
) -> Waiver:
    """Waive the vendor's deficiency ``(code, coverage, limit)``; return the waiver.

    Exactly one end: ``expires_on`` (a later date than today in the organization's time zone;
    the waiver stops applying on that day) or ``until_renewal`` (it stops applying when the
    policy judged for the coverage has another expiration date than today's, i.e. once it is
    renewed or replaced). ``project``: only for the templates that apply through that project,
    which must be one of the vendor's. ``template_id`` names the template whose deficiency was
    chosen (for "until renewal", whose judged policy counts). Raises ``ValidationError``,
    changing nothing, for a missing reason, a bad end, another organization's vendor or project,
    or a deficiency the vendor does not have.
    """
    reason = (reason or "").strip()
    coverage = coverage or None
    limit = limit or None
    errors = {}
    if code not in CODES:
        errors["code"] = "Unknown deficiency."
    if not reason:
        errors["reason"] = "Say why this deficiency is waived."
    if bool(expires_on) == bool(until_renewal):
        errors["expires_on"] = "Choose an expiry date, or “until the policy renews”."
    elif expires_on and expires_on <= local_today(organization):
        errors["expires_on"] = "The expiry date must be after today."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        vendor = Vendor.objects.select_for_update().filter(
            pk=vendor.pk, organization=organization, merged_into__isnull=True).first()
        if vendor is None:
            raise ValidationError("This vendor does not exist in this organization.")
        if project is not None and (project.organization_id != organization.pk
                                    or not vendor.projects.filter(pk=project.pk).exists()):
            raise ValidationError({"project": "Choose one of this vendor's projects."})
        _deficiency, template = _current_deficiency(vendor, code, coverage, limit, template_id)
        renewal = None
        if until_renewal and template is not None:
            renewal = judged_expiration(template, coverage)
        waiver = Waiver.objects.create(
            organization=organization, vendor=vendor, project=project, code=code,
            coverage=coverage, limit=limit, reason=reason, expires_on=expires_on,
            until_renewal=bool(until_renewal), renewal_of_expiration=renewal,
            created_by=None if isinstance(actor, str) else actor,
        )
        record(organization=organization, actor=actor, action=Action.CREATE, obj=waiver,
               changes={"code": [None, code], "coverage": [None, coverage],
                        "limit": [None, limit], "project": [None, str(project or "") or None],
                        "expires": [None, waiver_end_label(waiver)], "reason": [None, reason]},
               note=f"Waived: {reason}", vendor_id=vendor.pk)
        schedule_reevaluation(organization=organization, vendor_ids=[vendor.pk],
                              reason="waiver granted")
    return waiver


def revoke_waiver(*, organization, actor, waiver: Waiver, note: str = "") -> Waiver:
    """Revoke a waiver: the deficiency counts again from now on. Refused (ValidationError) when
    it is already revoked or belongs to another organization."""
    with transaction.atomic():
        waiver = Waiver.objects.select_for_update().filter(
            pk=waiver.pk, organization=organization).first()
        if waiver is None:
            raise ValidationError("This waiver does not exist in this organization.")
        if waiver.revoked_at is not None:
            raise ValidationError("This waiver was already revoked.")
        waiver.revoked_at = timezone.now()
        waiver.revoked_by = None if isinstance(actor, str) else actor
        waiver.save(update_fields=["revoked_at", "revoked_by"])
        record(organization=organization, actor=actor, action=Action.STATUS, obj=waiver,
               changes={"status": ["in effect", "revoked"]}, note=note.strip(),
               vendor_id=waiver.vendor_id)
        schedule_reevaluation(organization=organization, vendor_ids=[waiver.vendor_id],
                              reason="waiver revoked")
    return waiver


def waiver_end_label(waiver: Waiver) -> str:
    """"until 2026-07-01" / "until the policy renews (expires 2026-09-30)"."""
    if waiver.until_renewal:
        if waiver.renewal_of_expiration:
            return ("until the policy renews (now expiring "
                    f"{waiver.renewal_of_expiration.isoformat()})")
        return "until the policy renews"
    return f"until {waiver.expires_on.isoformat()}" if waiver.expires_on else ""


def waiver_state(waiver: Waiver, *, today: dt.date) -> str:
    """``revoked``, ``expired`` (by date) or ``active`` (renewal is judged at evaluation)."""
    if waiver.revoked_at is not None:
        return "revoked"
    if waiver.expires_on is not None and today >= waiver.expires_on:
        return "expired"
    return "active"
