"""Certificate data (certificate-schema.md) as the small objects the engine works on.

``parse_certificate(data, index=i)`` reads one certificate dict. It is tolerant of what the schema
allows (absent keys and ``null`` values mean "not printed") and of keys it does not know (formats
extend by adding keys; ``evidence`` and the like are ignored), but a value of the wrong kind (a
limit ``"1M"``, a date ``"13/01/2026"``) raises ``CertificateError`` naming the key, because
guessing would be worse than refusing.

Dates may be ISO strings or ``datetime.date`` objects (the app passes model values directly);
amounts may be integers or integral floats/decimals.

Decision: a policy row whose ``coverage`` is not one of the schema's coverages is kept (it still
gets the consistency checks) but can never meet a requirement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from coitrack.rules.wording import normalize_wording


class CertificateError(ValueError):
    """A certificate dict holds a value of the wrong kind. ``index`` is its position (0-based)."""

    def __init__(self, index: int, problem: str) -> None:
        super().__init__(f"certificate {index + 1}: {problem}")
        self.index = index
        self.problem = problem


@dataclass(slots=True)
class Insurer:
    letter: str
    name: str
    naic: str


@dataclass(slots=True, eq=False)
class Policy:
    coverage: str
    description: str | None
    insurer_letter: str | None
    policy_number: str | None
    effective_date: dt.date | None
    expiration_date: dt.date | None
    additional_insured: bool | None
    subrogation_waived: bool | None
    claims_made: bool | None
    aggregate_applies_per: str | None
    retention: int | None
    statutory: bool | None
    limits: dict[str, int | None]
    certificate: Certificate
    position: int  # order in the pool: certificates in the order given, policies as printed
    state: str = ""  # date state on as_of, filled in by the evaluation

    def reference(self) -> str:
        """``"policy GL 123"`` or ``"the policy"`` when no number is printed."""
        return f"policy {self.policy_number}" if self.policy_number else "the policy"


@dataclass(slots=True, eq=False)
class Certificate:
    index: int
    insured_name: str
    holder_name: str
    holder_address: str
    description: str  # description of operations, normalized for wording checks
    insurers: dict[str, Insurer]
    policies: list[Policy] = field(default_factory=list)


def parse_certificate(data: Any, *, index: int, first_position: int = 0) -> Certificate:
    """Read one certificate dict; policies are numbered from ``first_position`` in the pool."""
    if not isinstance(data, dict):
        raise CertificateError(index, f"expected a JSON object, got {type(data).__name__}")
    reader = _Reader(index)
    insured = reader.obj(data.get("insured"), "insured")
    holder = reader.obj(data.get("certificate_holder"), "certificate_holder")
    insurers = {}
    for i, item in enumerate(reader.list(data.get("insurers"), "insurers")):
        item = reader.obj(item, f"insurers[{i}]")
        letter = (reader.text(item.get("letter"), f"insurers[{i}].letter") or "").upper()
        insurer = Insurer(
            letter=letter,
            name=reader.text(item.get("name"), f"insurers[{i}].name") or "",
            naic=reader.text(item.get("naic"), f"insurers[{i}].naic", numbers=True) or "",
        )
        # An entry with neither name nor NAIC lists nothing; the first entry of a letter wins.
        if letter and (insurer.name or insurer.naic):
            insurers.setdefault(letter, insurer)
    certificate = Certificate(
        index=index,
        insured_name=reader.text(insured.get("name"), "insured.name") or "",
        holder_name=reader.text(holder.get("name"), "certificate_holder.name") or "",
        holder_address=reader.text(holder.get("address"), "certificate_holder.address") or "",
        description=normalize_wording(
            reader.text(data.get("description_of_operations"), "description_of_operations")
        ),
        insurers=insurers,
    )
    for i, item in enumerate(reader.list(data.get("policies"), "policies")):
        certificate.policies.append(
            _policy(reader, reader.obj(item, f"policies[{i}]"), f"policies[{i}]",
                    certificate, first_position + i)
        )
    return certificate


def _policy(reader: _Reader, item: dict, where: str, certificate: Certificate,
            position: int) -> Policy:
    letter = reader.text(item.get("insurer_letter"), f"{where}.insurer_letter")
    limits = {
        key: reader.amount(value, f"{where}.limits.{key}")
        for key, value in reader.obj(item.get("limits"), f"{where}.limits").items()
    }
    return Policy(
        coverage=reader.text(item.get("coverage"), f"{where}.coverage") or "",
        description=reader.text(item.get("description"), f"{where}.description"),
        insurer_letter=letter.upper() if letter else None,
        policy_number=reader.text(item.get("policy_number"), f"{where}.policy_number",
                                  numbers=True),
        effective_date=reader.date(item.get("effective_date"), f"{where}.effective_date"),
        expiration_date=reader.date(item.get("expiration_date"), f"{where}.expiration_date"),
        additional_insured=reader.flag(item.get("additional_insured"),
                                       f"{where}.additional_insured"),
        subrogation_waived=reader.flag(item.get("subrogation_waived"),
                                       f"{where}.subrogation_waived"),
        claims_made=reader.flag(item.get("claims_made"), f"{where}.claims_made"),
        aggregate_applies_per=reader.text(item.get("aggregate_applies_per"),
                                          f"{where}.aggregate_applies_per"),
        retention=reader.amount(item.get("retention"), f"{where}.retention"),
        statutory=reader.flag(item.get("statutory"), f"{where}.statutory"),
        limits=limits,
        certificate=certificate,
        position=position,
    )


class _Reader:
    """Typed accessors that raise ``CertificateError`` naming the key."""

    def __init__(self, index: int) -> None:
        self.index = index

    def fail(self, where: str, expected: str, value: Any) -> CertificateError:
        return CertificateError(self.index, f"{where}: expected {expected}, got {value!r}")

    def obj(self, value: Any, where: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(where, "an object", value)
        return value

    def list(self, value: Any, where: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, "a list", value)
        return value

    def text(self, value: Any, where: str, *, numbers: bool = False) -> str | None:
        if value is None:
            return None
        if numbers and isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            raise self.fail(where, "a string", value)
        return value.strip() or None

    def flag(self, value: Any, where: str) -> bool | None:
        if value is None or isinstance(value, bool):
            return value
        raise self.fail(where, "true, false or null", value)

    def amount(self, value: Any, where: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
            return int(value)
        raise self.fail(where, "a whole number of dollars or null", value)

    def date(self, value: Any, where: str) -> dt.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.fail(where, "a date YYYY-MM-DD or null", value)
