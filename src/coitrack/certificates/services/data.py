"""Writing a certificate's data (what the form says) into the models, with its audit trail.

Both the data-entry form and :func:`coitrack.certificates.schema_io.apply_schema` (the reader)
describe a certificate as a :class:`CertificateData` and call :func:`save_certificate_data`, so
there is one place where insurers, policies and limits are replaced and their changes recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from coitrack.audit.models import Action
from coitrack.audit.services import diff, record, snapshot
from coitrack.certificates.models import Certificate, Insurer, Limit, Policy
from coitrack.certificates.services.summary import refresh_vendor_summary
from coitrack.compliance.services.schedule import schedule_reevaluation

CERTIFICATE_FIELDS = [
    "form", "edition", "certificate_date", "certificate_number", "revision_number",
    "producer_name", "producer_address", "producer_contact_name", "producer_phone",
    "producer_fax", "producer_email", "insured_name", "insured_address",
    "description_of_operations", "holder_name", "holder_address",
]
POLICY_FIELDS = [
    "coverage", "description", "insurer_letter", "policy_number", "effective_date",
    "expiration_date", "additional_insured", "subrogation_waived", "claims_made",
    "aggregate_applies_per", "auto_symbols", "retention", "statutory", "excluded_officers",
]


@dataclass
class PolicyData:
    fields: dict[str, Any]  # POLICY_FIELDS -> model values ("" for blank text, None for unknown)
    limits: dict[str, int]  # limit key -> whole dollars
    id: int | None = None  # the existing policy this row edits, when the form knows it


@dataclass
class CertificateData:
    fields: dict[str, Any]  # CERTIFICATE_FIELDS -> model values
    insurers: list[dict[str, str]] = field(default_factory=list)  # letter, name, naic
    policies: list[PolicyData] = field(default_factory=list)


def save_certificate_data(
    *, certificate: Certificate, data: CertificateData, actor, match_by_position: bool = False
) -> int:
    """Make ``certificate`` say exactly what ``data`` says; return how many events were written.

    Insurers are matched by letter. Policies are matched by ``PolicyData.id`` (the form) or, with
    ``match_by_position``, by their order on the form (the reader, which knows no ids); existing
    policies left unmatched are deleted, so edits keep a policy's identity and supersede links.
    One transaction; audit events hold before/after of each changed certificate field and a
    per-policy summary. Raises ``ValueError`` for a policy id of another certificate.
    """
    with transaction.atomic():
        cert = Certificate.objects.select_for_update().get(pk=certificate.pk)
        events = _save_certificate_fields(cert, data, actor)
        events += _save_policies(cert, data.policies, actor, match_by_position)
        refresh_vendor_summary(cert.vendor)
        schedule_reevaluation(organization=cert.organization, vendor_ids=[cert.vendor_id],
                              reason=f"certificate #{cert.pk} data saved")
        if events:
            _check_after_commit(cert.pk, actor)
    certificate.refresh_from_db()
    return events


def _check_after_commit(certificate_id: int, actor) -> None:
    """Misinformation checks once the new data is committed (coitrack.review decides the rest).

    ``robust``: a failing check is logged and never undoes or breaks the saved data.
    """
    from coitrack.review.services import check_after_data_change

    transaction.on_commit(
        lambda: check_after_data_change(certificate_id=certificate_id, actor=actor), robust=True
    )


def _insurer_text(name: str, naic: str) -> str:
    return f"{name} (NAIC {naic})" if naic else name


def _save_certificate_fields(cert: Certificate, data: CertificateData, actor) -> int:
    before = snapshot(cert, CERTIFICATE_FIELDS)
    for name in CERTIFICATE_FIELDS:
        if name in data.fields:
            setattr(cert, name, data.fields[name])
    cert.full_clean(exclude=["organization", "vendor", "documents"])
    cert.save()
    changes = diff(before, snapshot(cert, CERTIFICATE_FIELDS))

    old = {i.letter: _insurer_text(i.name, i.naic) for i in cert.insurers.all()}
    new = {i["letter"]: _insurer_text(i.get("name", ""), i.get("naic", "")) for i in data.insurers}
    for letter in sorted(old.keys() | new.keys()):
        if old.get(letter) != new.get(letter):
            changes[f"insurer {letter}"] = [old.get(letter), new.get(letter)]
    cert.insurers.exclude(letter__in=list(new)).delete()
    for item in data.insurers:
        Insurer.objects.update_or_create(
            certificate=cert, letter=item["letter"],
            defaults={"name": item.get("name", ""), "naic": item.get("naic", "")},
        )
    if not changes:
        return 0
    record(organization=cert.organization, actor=actor, action=Action.UPDATE, obj=cert,
           changes=changes, vendor_id=cert.vendor_id, certificate_id=cert.pk)
    return 1


def save_endorsements(*, certificate: Certificate, endorsements: list[dict[str, Any]],
                      actor) -> int:
    """Record the endorsement forms found in the certificate's documents (schema entries:
    form, edition, title, page, source); return how many events were written (0 or 1).

    The list replaces the previous one; a change is audited (forms before/after) and the vendor
    re-evaluated after commit, since an attached endorsement can confirm a requirement.
    """
    with transaction.atomic():
        cert = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if cert.endorsements == endorsements:
            return 0
        before = _forms_text(cert.endorsements)
        cert.endorsements = endorsements
        cert.save(update_fields=["endorsements", "updated_at"])
        record(organization=cert.organization, actor=actor, action=Action.UPDATE, obj=cert,
               changes={"endorsements": [before, _forms_text(endorsements)]},
               vendor_id=cert.vendor_id, certificate_id=cert.pk)
        schedule_reevaluation(organization=cert.organization, vendor_ids=[cert.vendor_id],
                              reason=f"certificate #{cert.pk} endorsements recorded")
    certificate.endorsements = endorsements
    return 1


def _forms_text(endorsements: list[dict[str, Any]]) -> str:
    return ", ".join(
        " ".join(p for p in (e.get("form"), e.get("edition")) if p)
        + ("" if e.get("source", "document") == "document" else " (named in the description)")
        for e in endorsements
    )


def policy_snapshot(policy: Policy) -> dict[str, Any]:
    """A policy's fields and limits as one flat dict (limits as ``limits.<key>``)."""
    values = snapshot(policy, POLICY_FIELDS)
    if policy.pk:
        values.update({f"limits.{lim.key}": lim.amount for lim in policy.limits.all()})
    return values


def _save_policies(cert: Certificate, rows: list[PolicyData], actor, by_position: bool) -> int:
    existing = list(cert.policies.all())
    by_id = {p.pk: p for p in existing}
    matched: list[Policy | None] = []
    for index, row in enumerate(rows):
        if by_position:
            matched.append(existing[index] if index < len(existing) else None)
        elif row.id is not None:
            if row.id not in by_id:
                raise ValueError(f"policy {row.id} is not on certificate {cert.pk}")
            matched.append(by_id[row.id])
        else:
            matched.append(None)
    kept = {p.pk for p in matched if p is not None}
    events = 0
    for policy in existing:
        if policy.pk not in kept:
            _delete_policy(cert, policy, actor)
            events += 1
    for position, (row, policy) in enumerate(zip(rows, matched, strict=True)):
        events += _save_policy(cert, row, policy, position, actor)
    return events


def _save_policy(cert, row: PolicyData, policy: Policy | None, position: int, actor) -> int:
    is_new = policy is None
    if policy is None:
        policy = Policy(certificate=cert, vendor=cert.vendor)
    before = {} if is_new else policy_snapshot(policy)
    for name in POLICY_FIELDS:
        if name in row.fields:
            setattr(policy, name, row.fields[name])
    policy.position = position
    policy.vendor = cert.vendor
    policy.full_clean(exclude=["certificate", "vendor", "superseded_by"])
    policy.save()
    policy.limits.exclude(key__in=list(row.limits)).delete()
    for key, amount in row.limits.items():
        Limit.objects.update_or_create(policy=policy, key=key, defaults={"amount": amount})
    after = policy_snapshot(policy)
    changes = diff(before, after)
    changes.update({k: [v, None] for k, v in before.items() if k not in after})
    if is_new:
        changes = {k: v for k, v in changes.items() if v[1] not in (None, "", [])}
    elif not changes:
        return 0
    record(organization=cert.organization, actor=actor,
           action=Action.CREATE if is_new else Action.UPDATE, obj=policy, changes=changes,
           vendor_id=cert.vendor_id, certificate_id=cert.pk)
    return 1


def _delete_policy(cert: Certificate, policy: Policy, actor) -> None:
    from coitrack.certificates.services.status import restore_superseded

    before = policy_snapshot(policy)
    restore_superseded(policies=[policy], actor=actor,
                       reason=f"{policy} was removed from certificate #{cert.pk}")
    record(organization=cert.organization, actor=actor, action=Action.DELETE, obj=policy,
           changes={k: [v, None] for k, v in before.items() if v not in (None, "", [])},
           vendor_id=cert.vendor_id, certificate_id=cert.pk)
    policy.delete()

