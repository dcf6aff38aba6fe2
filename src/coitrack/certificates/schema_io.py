"""Between the certificate JSON schema (shared/guide/certificate-schema.md) and the models.

:func:`certificate_to_schema` gives exactly the schema's keys (ISO dates, integer amounts, null
for what is not known), plus the added ``endorsements`` key when the certificate has any.
:func:`apply_schema` checks a schema dict (a reader's output is input
like any other) and writes it into a certificate through the same service as the data-entry form.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction

from coitrack import schema
from coitrack.certificates.models import Certificate, Policy
from coitrack.certificates.services.data import (
    CertificateData,
    PolicyData,
    save_certificate_data,
    save_endorsements,
)

_EDITION = re.compile(r"^\d{4}/\d{2}$")
_NAIC = re.compile(r"^\d{5}$")
# (schema group, schema key, model field)
_GROUPS = [
    ("producer", "name", "producer_name"),
    ("producer", "address", "producer_address"),
    ("producer", "contact_name", "producer_contact_name"),
    ("producer", "phone", "producer_phone"),
    ("producer", "fax", "producer_fax"),
    ("producer", "email", "producer_email"),
    ("insured", "name", "insured_name"),
    ("insured", "address", "insured_address"),
    ("certificate_holder", "name", "holder_name"),
    ("certificate_holder", "address", "holder_address"),
]
_BOOLEANS = ["additional_insured", "subrogation_waived", "claims_made", "statutory",
             "excluded_officers"]


class SchemaError(ValueError):
    """The data does not follow the certificate schema; the message says where."""


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def certificate_to_schema(cert: Certificate) -> dict[str, Any]:
    """The certificate as the schema's JSON object (ready for ``json.dumps``)."""
    data: dict[str, Any] = {
        "form": cert.form or None,
        "edition": cert.edition or None,
        "certificate_date": _iso(cert.certificate_date),
        "certificate_number": cert.certificate_number or None,
        "revision_number": cert.revision_number or None,
        "producer": {}, "insured": {},
        "insurers": [
            {"letter": i.letter, "name": i.name, "naic": i.naic or None}
            for i in cert.insurers.all()
        ],
        "policies": [policy_to_schema(p) for p in cert.policies.prefetch_related("limits")],
        "description_of_operations": cert.description_of_operations,
        "certificate_holder": {},
    }
    for group, key, model_field in _GROUPS:
        data[group][key] = getattr(cert, model_field)
    if cert.endorsements:
        data["endorsements"] = [dict(e) for e in cert.endorsements]
    return data


def policy_to_schema(policy: Policy) -> dict[str, Any]:
    amounts = {limit.key: limit.amount for limit in policy.limits.all()}
    order = list(schema.LIMIT_KEYS.get(policy.coverage, {})) + sorted(amounts)
    limits = {key: amounts[key] for key in dict.fromkeys(order) if key in amounts}
    return {
        "coverage": policy.coverage,
        "description": policy.description or None,
        "insurer_letter": policy.insurer_letter or None,
        "policy_number": policy.policy_number or None,
        "effective_date": _iso(policy.effective_date),
        "expiration_date": _iso(policy.expiration_date),
        "additional_insured": policy.additional_insured,
        "subrogation_waived": policy.subrogation_waived,
        "claims_made": policy.claims_made,
        "aggregate_applies_per": policy.aggregate_applies_per or None,
        "auto_symbols": list(policy.auto_symbols or []),
        "retention": policy.retention,
        "statutory": policy.statutory,
        "excluded_officers": policy.excluded_officers,
        "limits": limits,
    }


def apply_schema(*, certificate: Certificate, data: dict[str, Any], actor) -> int:
    """Replace the certificate's data (fields, insurers, policies, limits) with ``data``.

    Raises :class:`SchemaError` (and changes nothing) when ``data`` breaks the schema. Policies
    are matched to existing ones by position, so re-reading keeps their history. Returns the
    number of audit events written.
    """
    parsed = schema_to_data(data)
    endorsements = endorsements_from_schema(data.get("endorsements"))
    with transaction.atomic():
        events = save_certificate_data(
            certificate=certificate, data=parsed, actor=actor, match_by_position=True
        )
        events += save_endorsements(certificate=certificate, endorsements=endorsements,
                                    actor=actor)
    return events


def endorsements_from_schema(items: Any) -> list[dict[str, Any]]:
    """Check the ``endorsements`` list (absent or null: none); raise :class:`SchemaError`."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise SchemaError("endorsements must be a list")
    result = []
    for index, item in enumerate(items):
        where = f"endorsements[{index}]"
        if not isinstance(item, dict):
            raise SchemaError(f"{where} must be an object")
        form = _text(item.get("form"), f"{where}.form")
        if not form:
            raise SchemaError(f"{where}.form: the form number is required")
        page = item.get("page")
        if page is not None and (isinstance(page, bool) or not isinstance(page, int)
                                 or page < 1):
            raise SchemaError(f"{where}.page: {page!r} is not a page number")
        source = item.get("source") or "document"
        if source not in ("document", "description"):
            raise SchemaError(f"{where}.source: {source!r} is not document or description")
        result.append({"form": form, "edition": _text(item.get("edition"), f"{where}.edition")
                       or None, "title": _text(item.get("title"), f"{where}.title"),
                       "page": page, "source": source})
    return result


def schema_to_data(data: dict[str, Any]) -> CertificateData:
    """Check a schema dict and turn it into model values; raise :class:`SchemaError`."""
    if not isinstance(data, dict):
        raise SchemaError("certificate data must be a JSON object")
    form = data.get("form")
    if form not in (None, *schema.FORMS):
        raise SchemaError(f"form: {form!r} is not one of {', '.join(schema.FORMS)}")
    edition = data.get("edition")
    if edition is not None and not (isinstance(edition, str) and _EDITION.match(edition)):
        raise SchemaError(f"edition: {edition!r} is not YYYY/MM")
    fields: dict[str, Any] = {
        "form": form or "",
        "edition": edition or "",
        "certificate_date": _date(data.get("certificate_date"), "certificate_date"),
        "certificate_number": _text(data.get("certificate_number"), "certificate_number"),
        "revision_number": _text(data.get("revision_number"), "revision_number"),
        "description_of_operations": _text(
            data.get("description_of_operations"), "description_of_operations"
        ),
    }
    for group, key, model_field in _GROUPS:
        block = data.get(group) or {}
        if not isinstance(block, dict):
            raise SchemaError(f"{group} must be an object")
        fields[model_field] = _text(block.get(key), f"{group}.{key}")
    insurers = _insurers(data.get("insurers") or [])
    policies = [
        _policy(item, f"policies[{index}]")
        for index, item in enumerate(data.get("policies") or [])
    ]
    return CertificateData(fields=fields, insurers=insurers, policies=policies)


def _text(value: Any, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SchemaError(f"{where}: expected text, got {value!r}")
    return value.strip()


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise SchemaError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _amount(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SchemaError(f"{where}: {value!r} is not a whole number of dollars")
    return value


def _insurers(items: Any) -> list[dict[str, str]]:
    if not isinstance(items, list):
        raise SchemaError("insurers must be a list")
    result, seen = [], set()
    for index, item in enumerate(items):
        where = f"insurers[{index}]"
        letter = item.get("letter") if isinstance(item, dict) else None
        if letter not in schema.INSURER_LETTERS:
            raise SchemaError(f"{where}.letter: {letter!r} is not one of A-F")
        if letter in seen:
            raise SchemaError(f"{where}.letter: insurer {letter} is listed twice")
        seen.add(letter)
        naic = _text(item.get("naic"), f"{where}.naic")
        if naic and not _NAIC.match(naic):
            raise SchemaError(f"{where}.naic: {naic!r} is not a 5-digit NAIC number")
        result.append({"letter": letter, "name": _text(item.get("name"), f"{where}.name"),
                       "naic": naic})
    return result


def _policy(item: Any, where: str) -> PolicyData:
    if not isinstance(item, dict):
        raise SchemaError(f"{where} must be an object")
    coverage = item.get("coverage")
    if coverage not in schema.COVERAGES:
        raise SchemaError(f"{where}.coverage: {coverage!r} is not a known coverage")
    letter = item.get("insurer_letter")
    if letter not in (None, *schema.INSURER_LETTERS):
        raise SchemaError(f"{where}.insurer_letter: {letter!r} is not one of A-F")
    per = item.get("aggregate_applies_per")
    if per not in (None, *schema.AGGREGATE_APPLIES_PER):
        raise SchemaError(f"{where}.aggregate_applies_per: {per!r} is not allowed")
    symbols = item.get("auto_symbols") or []
    if not isinstance(symbols, list) or any(s not in schema.AUTO_SYMBOLS for s in symbols):
        raise SchemaError(f"{where}.auto_symbols: {symbols!r} has unknown symbols")
    fields: dict[str, Any] = {
        "coverage": coverage,
        "description": _text(item.get("description"), f"{where}.description"),
        "insurer_letter": letter or "",
        "policy_number": _text(item.get("policy_number"), f"{where}.policy_number"),
        "effective_date": _date(item.get("effective_date"), f"{where}.effective_date"),
        "expiration_date": _date(item.get("expiration_date"), f"{where}.expiration_date"),
        "aggregate_applies_per": per or "",
        "auto_symbols": symbols,
        "retention": _amount(item.get("retention"), f"{where}.retention"),
    }
    for name in _BOOLEANS:
        value = item.get(name)
        if value not in (None, True, False):
            raise SchemaError(f"{where}.{name}: {value!r} is not true, false or null")
        fields[name] = value
    limits = item.get("limits") or {}
    if not isinstance(limits, dict):
        raise SchemaError(f"{where}.limits must be an object")
    allowed = schema.LIMIT_KEYS[coverage]
    amounts: dict[str, int] = {}
    for key, value in limits.items():
        if key not in allowed:
            raise SchemaError(f"{where}.limits.{key}: not a limit of {coverage}")
        amount = _amount(value, f"{where}.limits.{key}")
        if amount is not None:
            amounts[key] = amount
    return PolicyData(fields=fields, limits=amounts)
