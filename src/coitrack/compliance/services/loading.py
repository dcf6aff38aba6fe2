"""Everything an evaluation needs, read for many vendors at once with a fixed number of queries.

Re-evaluating tens of thousands of vendors must not build ORM instances per certificate, policy
and limit: the rows are read with ``values_list`` for a chunk of vendors (one query per table,
whatever the chunk's size) and assembled directly into certificate-schema dicts, the engine's
input. :func:`load_inputs` is the only way the app reads evaluation inputs, for one vendor or
fifty thousand, so a single evaluation and a bulk run can never disagree.

What counts as the vendor's certificate data (decision): only *accepted* certificates, and of
them only their *current* policies (a policy superseded by a renewal no longer counts), except
that a superseded policy still in force counts until its renewal starts
(:func:`counting_policies`). A
certificate nobody has reviewed yet (received, processing, needs review) does not count: a
vendor whose only certificates await review is ``missing``, and ``pending`` says how many wait,
so the checklist can say "1 certificate awaiting review" beside it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, Q

from coitrack import schema
from coitrack.certificates.models import (
    Certificate,
    CertificateStatus,
    Insurer,
    Limit,
    Policy,
    PolicyStatus,
)
from coitrack.compliance.models import Waiver
from coitrack.vendors.models import Project, Vendor

ACCEPTED = CertificateStatus.ACCEPTED
PENDING = (CertificateStatus.RECEIVED, CertificateStatus.PROCESSING,
           CertificateStatus.NEEDS_REVIEW)


@dataclass(frozen=True, slots=True)
class LiveWaiver:
    """A waiver that is not revoked (whether it is in effect on a day is decided later)."""

    id: int
    project_id: int | None
    code: str
    coverage: str | None
    limit: str | None
    expires_on: dt.date | None
    until_renewal: bool
    renewal_of_expiration: dt.date | None

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        return (self.code, self.coverage, self.limit)


@dataclass(slots=True)
class VendorInputs:
    vendor_id: int
    legal_name: str
    dba: str
    compliance_status: str
    certificates: list[dict[str, Any]] = field(default_factory=list)  # schema dicts
    pending: int = 0
    waivers: list[LiveWaiver] = field(default_factory=list)
    templates: list[Applied] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Applied:
    """A template as it applies to a vendor (``requirements``' AppliedTemplate), plus the
    project it applies through, if any (project-limited waivers apply only there)."""

    template_id: int
    name: str
    data: dict
    source: str
    project_id: int | None


def load_inputs(organization, vendor_ids: Sequence[int], *, as_of: dt.date,
                templates: Mapping[int, list] | None = None) -> dict[int, VendorInputs]:
    """The evaluation inputs of ``vendor_ids`` (the organization's live vendors among them).

    Merged-away vendors and other organizations' ids are left out. Queries: vendors,
    certificates, insurers, policies, limits, pending counts, waivers, and what
    ``templates_by_vendor`` needs (unless ``templates``, its result for these vendors, is
    given); none per vendor.
    """
    from coitrack.requirements.services import templates_by_vendor

    inputs: dict[int, VendorInputs] = {
        pk: VendorInputs(pk, legal_name, dba, status)
        for pk, legal_name, dba, status in Vendor.objects.filter(
            organization=organization, merged_into__isnull=True, pk__in=list(vendor_ids)
        ).values_list("pk", "legal_name", "dba", "compliance_status")
    }
    if not inputs:
        return inputs
    ids = list(inputs)
    _attach_certificates(inputs, ids, as_of)
    for vendor_id, count in (
        Certificate.objects.filter(vendor_id__in=ids, status__in=PENDING)
        .values("vendor_id").annotate(n=Count("id")).values_list("vendor_id", "n")
    ):
        inputs[vendor_id].pending = count
    for row in Waiver.objects.filter(vendor_id__in=ids, revoked_at__isnull=True).values_list(
        "vendor_id", "id", "project_id", "code", "coverage", "limit", "expires_on",
        "until_renewal", "renewal_of_expiration",
    ).order_by("id"):
        vendor_id, pk, project_id, code, coverage, limit, expires, until, renewal = row
        inputs[vendor_id].waivers.append(LiveWaiver(
            pk, project_id, code, coverage or None, limit or None, expires, until, renewal))
    projects: dict[str, int] | None = None
    if templates is None:
        templates = templates_by_vendor(organization, ids, today=as_of)
    for vendor_id in ids:
        for t in templates.get(vendor_id, ()):
            project_id = getattr(t, "project_id", None)
            if project_id is None and t.source.startswith("project "):
                if projects is None:  # older AppliedTemplate: the source names the project
                    projects = {name: pk for pk, name in Project.objects.filter(
                        organization=organization).values_list("pk", "name")}
                project_id = projects.get(t.source.removeprefix("project "))
            inputs[vendor_id].templates.append(
                Applied(t.template_id, t.name, t.data, t.source, project_id))
    return inputs


_CERTIFICATE_FIELDS = (
    "id", "vendor_id", "form", "edition", "certificate_date", "certificate_number",
    "revision_number", "producer_name", "producer_address", "producer_contact_name",
    "producer_phone", "producer_fax", "producer_email", "insured_name", "insured_address",
    "description_of_operations", "holder_name", "holder_address",
)
# Endorsement forms recognized in the certificate's documents (the schema's added key), which
# confirm additional insured / waiver / primary wording: read when the model has them.
_HAS_ENDORSEMENTS = any(f.name == "endorsements" for f in Certificate._meta.get_fields())
_POLICY_FIELDS = (
    "id", "certificate_id", "coverage", "description", "insurer_letter", "policy_number",
    "effective_date", "expiration_date", "additional_insured", "subrogation_waived",
    "claims_made", "aggregate_applies_per", "auto_symbols", "retention", "statutory",
    "excluded_officers",
)


def raw_rows(queryset) -> list[tuple]:
    """The rows of a ``values_list`` queryset, read with the SQL the ORM builds but without its
    per-value converters (a third of the loading time at 50,000 vendors).

    Values come as the driver gives them: on SQLite dates are ISO text (the engine reads both
    text and dates), booleans 0/1 and JSON text; callers normalize what they use.
    """
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _flag(value) -> bool | None:
    return None if value is None else bool(value)


def _iso(value) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    return value.isoformat()


def _symbols(value) -> list:
    """A JSON list column's value (text on SQLite, already decoded on PostgreSQL)."""
    if isinstance(value, str):
        return [] if value == "[]" else json.loads(value)
    return list(value or [])


def counting_policies(as_of: dt.date, prefix: str = "") -> Q:
    """The policies that count on ``as_of``: current policies of accepted certificates, and
    superseded ones whose renewal has not started yet while they are still in force.

    Renewal certificates arrive before the renewal starts; accepting one supersedes the policy
    it renews, but until its effective date the old policy is what covers the vendor (without
    it the vendor would read "not yet effective" for the days in between).
    """
    current = Q(**{f"{prefix}status": PolicyStatus.CURRENT,
                   f"{prefix}certificate__status": ACCEPTED})
    bridging = Q(**{f"{prefix}status": PolicyStatus.SUPERSEDED,
                    f"{prefix}certificate__status__in": (ACCEPTED, CertificateStatus.SUPERSEDED),
                    f"{prefix}superseded_by__effective_date__gt": as_of,
                    f"{prefix}expiration_date__gt": as_of})
    return current | bridging


def _attach_certificates(inputs: dict[int, VendorInputs], ids: list[int], as_of: dt.date
                         ) -> None:
    """Fill each vendor's ``certificates`` with schema dicts (oldest certificate first)."""
    on_file = (ACCEPTED, CertificateStatus.SUPERSEDED)
    accepted = {"certificate__vendor_id__in": ids, "certificate__status__in": on_file}
    by_certificate: dict[int, dict[str, Any]] = {}
    fields = _CERTIFICATE_FIELDS + (("endorsements",) if _HAS_ENDORSEMENTS else ())
    for row in raw_rows(Certificate.objects.filter(vendor_id__in=ids, status__in=on_file)
                        .order_by("id").values_list(*fields)):
        (pk, vendor_id, form, edition, certificate_date, number, revision, p_name, p_address,
         p_contact, p_phone, p_fax, p_email, insured_name, insured_address, description,
         holder_name, holder_address) = row[:18]
        data = {
            "form": form or None,
            "edition": edition or None,
            "certificate_date": _iso(certificate_date),
            "certificate_number": number or None,
            "revision_number": revision or None,
            "producer": {"name": p_name, "address": p_address, "contact_name": p_contact,
                         "phone": p_phone, "fax": p_fax, "email": p_email},
            "insured": {"name": insured_name, "address": insured_address},
            "insurers": [],
            "policies": [],
            "description_of_operations": description,
            "certificate_holder": {"name": holder_name, "address": holder_address},
        }
        if _HAS_ENDORSEMENTS and row[18] and row[18] != "[]":
            data["endorsements"] = _symbols(row[18])  # JSON list, as text on SQLite
        by_certificate[pk] = data
        inputs[vendor_id].certificates.append(data)
    if not by_certificate:
        return
    for certificate_id, letter, name, naic in raw_rows(
        Insurer.objects.filter(**accepted).order_by("certificate_id", "letter")
        .values_list("certificate_id", "letter", "name", "naic")
    ):
        by_certificate[certificate_id]["insurers"].append(
            {"letter": letter, "name": name, "naic": naic or None})
    by_policy: dict[int, dict[str, Any]] = {}
    for row in raw_rows(
        Policy.objects.filter(counting_policies(as_of), vendor_id__in=ids)
        .order_by("certificate_id", "position", "id").values_list(*_POLICY_FIELDS)
    ):
        (pk, certificate_id, coverage, description, letter, number, effective, expiration,
         additional, subrogation, claims_made, applies, symbols, retention, statutory,
         excluded) = row
        policy = {
            "coverage": coverage, "description": description or None,
            "insurer_letter": letter or None, "policy_number": number or None,
            "effective_date": effective, "expiration_date": expiration,
            "additional_insured": _flag(additional), "subrogation_waived": _flag(subrogation),
            "claims_made": _flag(claims_made), "aggregate_applies_per": applies or None,
            "auto_symbols": _symbols(symbols), "retention": retention,
            "statutory": _flag(statutory), "excluded_officers": _flag(excluded), "limits": {},
        }
        by_policy[pk] = policy
        by_certificate[certificate_id]["policies"].append(policy)
    # An accepted certificate whose policies were all replaced by renewals says nothing current
    # any more (normally it is marked superseded itself): it does not count as "on file".
    for vendor in inputs.values():
        if vendor.certificates:
            vendor.certificates = [c for c in vendor.certificates if c["policies"]]
    if not by_policy:
        return
    limits: dict[int, dict[str, int]] = defaultdict(dict)
    for policy_id, key, amount in raw_rows(
        Limit.objects.filter(counting_policies(as_of, "policy__"), policy__vendor_id__in=ids)
        .values_list("policy_id", "key", "amount")
    ):
        limits[policy_id][key] = amount
    for policy_id, amounts in limits.items():
        policy = by_policy[policy_id]
        # The schema's key order, as certificate_to_schema gives it.
        order = schema.LIMIT_KEYS.get(policy["coverage"], {})
        policy["limits"] = {k: amounts[k] for k in order if k in amounts} | amounts
