"""What each vendor owes now: expiring or expired policies and open deficiencies, in words.

Read for many vendors at once (a fixed number of queries), for the tick and the portal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from coitrack.certificates.models import CertificateStatus, Policy, PolicyStatus
from coitrack.chasing import wording
from coitrack.compliance.labels import deficiency_label
from coitrack.compliance.models import VendorEvaluation

# Expiry is said once per policy from the policy itself; the engine's codes for the same thing
# would only repeat it.
_DATE_CODES = {"POLICY_EXPIRED", "POLICY_EXPIRING"}


@dataclass(slots=True)
class Owed:
    """Everything one vendor must send. ``items``: ``{"code", "label", "text", "agent_text"}``."""

    items: list[dict] = field(default_factory=list)
    expiration: dt.date | None = None  # the earliest expiry among the policies listed
    holder: dict | None = None

    @property
    def texts(self) -> list[str]:
        return [item["text"] for item in self.items]


def owed_by_vendor(vendor_ids: Sequence[int], *, today: dt.date,
                   horizon: dict[int, int] | int) -> dict[int, Owed]:
    """``{vendor id: Owed}`` for ``vendor_ids``. ``horizon``: days ahead (per vendor, or one
    value) within which an expiring policy counts as owed."""
    ids = list(vendor_ids)
    owed: dict[int, Owed] = {pk: Owed() for pk in ids}
    if not ids:
        return owed
    widest = max(horizon.values(), default=0) if isinstance(horizon, dict) else horizon
    policies = (
        Policy.objects.filter(vendor_id__in=ids, status=PolicyStatus.CURRENT,
                              certificate__status=CertificateStatus.ACCEPTED,
                              expiration_date__lte=today + dt.timedelta(days=widest))
        .order_by("vendor_id", "expiration_date", "position")
        .values_list("vendor_id", "coverage", "policy_number", "expiration_date")
    )
    for vendor_id, coverage, number, expiration in policies:
        days = horizon.get(vendor_id, 0) if isinstance(horizon, dict) else horizon
        if expiration > today + dt.timedelta(days=days):
            continue
        entry = owed[vendor_id]
        entry.items.append({
            "code": "POLICY_EXPIRED" if expiration <= today else "POLICY_EXPIRING",
            "label": "Renewal",
            "text": wording.renewal_line(coverage, number, expiration, today),
            "agent_text": wording.agent_renewal_line(coverage, number, expiration),
        })
        if entry.expiration is None or expiration < entry.expiration:
            entry.expiration = expiration
    stored = list(VendorEvaluation.objects.filter(vendor_id__in=ids).values_list(
        "vendor_id", "deficiencies", "evaluations"))
    holders = holders_of({vendor_id: evaluations for vendor_id, _, evaluations in stored})
    for vendor_id, deficiencies, _ in stored:
        entry = owed[vendor_id]
        entry.holder = holders.get(vendor_id)
        entry.items += deficiency_items(deficiencies or [], entry.holder)
    return owed


def deficiency_items(deficiencies: list[dict], holder: dict | None) -> list[dict]:
    """Items for the engine's unwaived deficiencies (expiry left out: said per policy); the
    same gap found by two templates is one item."""
    items, seen = [], set()
    for deficiency in deficiencies:
        if deficiency.get("waived") or deficiency.get("code") in _DATE_CODES:
            continue
        text = deficiency.get("message") or deficiency_label(deficiency["code"])
        if text in seen:
            continue
        seen.add(text)
        items.append({
            "code": deficiency["code"],
            "label": deficiency_label(deficiency["code"]),
            "text": text,
            "agent_text": wording.agent_line(deficiency, holder),
        })
    return items


def holders_of(evaluations: dict[int, list] | list[int]) -> dict[int, dict]:
    """The certificate holder each vendor's certificates must name: the first applied
    template (by id) that requires one. ``evaluations``: the vendors' stored evaluations'
    ``evaluations`` lists by vendor id, when already read; else vendor ids to read them for."""
    from coitrack.requirements.models import RequirementTemplate

    if not isinstance(evaluations, dict):
        evaluations = dict(VendorEvaluation.objects.filter(
            vendor_id__in=list(evaluations)).values_list("vendor_id", "evaluations"))
    template_of: dict[int, int] = {}
    for vendor_id, applied in evaluations.items():
        ids = sorted(e.get("template_id") for e in applied or [] if e.get("template_id"))
        if ids:
            template_of[vendor_id] = ids[0]
    if not template_of:
        return {}
    holders = {}
    for template in RequirementTemplate.objects.filter(pk__in=set(template_of.values())):
        holder = (template.data or {}).get("certificate_holder")
        if isinstance(holder, dict) and holder.get("name"):
            holders[template.pk] = holder
    return {v: holders[t] for v, t in template_of.items() if t in holders}
