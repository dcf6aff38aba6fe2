"""Certificate data (certificate-schema.md) as the small objects the engine works on.

``parse_certificate(data, index=i)`` reads one certificate dict into a ``Certificate`` and its
``Policy`` rows. Each policy points at its certificate, but the certificate does not list its
policies: that would be a reference cycle, and freeing cycles is left to the garbage collector,
which made bulk evaluation twice as slow. It is tolerant of what the schema
allows (absent keys and ``null`` values mean "not printed") and of keys it does not know (formats
extend by adding keys; ``evidence`` and the like are ignored), but a value of the wrong kind (a
limit ``"1M"``, a date ``"13/01/2026"``) raises ``CertificateError`` naming the key, because
guessing would be worse than refusing.

Dates may be ISO strings or ``datetime.date`` objects (the app passes model values directly);
amounts may be integers or integral floats/decimals.

Decision: a policy row whose ``coverage`` is not one of the schema's coverages is kept (it still
gets the consistency checks) but can never meet a requirement.

``endorsements`` (an added key: ``[{"form": "CG 20 10", "edition": "04 13", "title": ...,
"page": 2, "source": "document" | "description"}]``) is read into ``Certificate.attached``: the
canonical form numbers of endorsements attached as documents (``source`` absent counts as
``"document"``); forms only named in the description (``"description"``) go to ``named``. Only
attached ones confirm (see ``checks``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from coitrack.rules.endorsement_forms import canonical_number
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
    attached: frozenset[str] = frozenset()  # endorsement forms attached ("CG 20 10")
    named: frozenset[str] = frozenset()  # endorsement forms only named in the description


def parse_certificate(
    data: Any, *, index: int, first_position: int = 0
) -> tuple[Certificate, list[Policy]]:
    """Read one certificate dict: the certificate and its policies, as printed, numbered from
    ``first_position`` in the pool."""
    # This runs for every certificate of every vendor on each re-evaluation, so values of the
    # expected type take a fast inline path and error locations are only formatted on failure.
    if type(data) is not dict:
        raise CertificateError(index, f"expected a JSON object, got {type(data).__name__}")
    insured = _object(index, data.get("insured"), "insured")
    holder = _object(index, data.get("certificate_holder"), "certificate_holder")
    insurers: dict[str, Insurer] = {}
    for i, item in enumerate(_list(index, data.get("insurers"), "insurers")):
        item = _object(index, item, "insurers", i)
        letter, name, naic = item.get("letter"), item.get("name"), item.get("naic")
        if not (type(letter) is str and type(name) is str and type(naic) is str):
            letter = _text(index, letter, "insurers", i, "letter")
            name = _text(index, name, "insurers", i, "name")
            naic = _text(index, naic, "insurers", i, "naic", numbers=True)
        letter = letter.strip().upper() if letter else ""
        name = name.strip() if name else ""
        naic = naic.strip() if naic else ""
        # An entry with neither name nor NAIC lists nothing; the first entry of a letter wins.
        if letter and (name or naic) and letter not in insurers:
            insurers[letter] = Insurer(letter, name, naic)
    insured_name, holder_name = insured.get("name"), holder.get("name")
    holder_address = holder.get("address")
    description = data.get("description_of_operations")
    if not (type(insured_name) in _TEXT_TYPES and type(holder_name) in _TEXT_TYPES
            and type(holder_address) in _TEXT_TYPES and type(description) in _TEXT_TYPES):
        insured_name = _text(index, insured_name, "insured", None, "name")
        holder_name = _text(index, holder_name, "certificate_holder", None, "name")
        holder_address = _text(index, holder_address, "certificate_holder", None, "address")
        description = _text(index, description, "description_of_operations")
    certificate = Certificate(
        index,
        insured_name.strip() if insured_name else "",
        holder_name.strip() if holder_name else "",
        holder_address.strip() if holder_address else "",
        normalize_wording(description),
        insurers,
    )
    endorsements = data.get("endorsements")
    if endorsements:
        certificate.attached, certificate.named = _endorsements(index, endorsements)
    policies = [
        _policy(index, _object(index, item, "policies", i), i, certificate, first_position + i)
        for i, item in enumerate(_list(index, data.get("policies"), "policies"))
    ]
    return certificate, policies


# The same few hundred dates recur across thousands of certificates.
_DATES: dict[Any, dt.date] = {}
_TEXT_TYPES = frozenset({str, type(None)})
_FLAG_TYPES = frozenset({bool, type(None)})


def _policy(index: int, item: dict, i: int, certificate: Certificate, position: int) -> Policy:
    get = item.get
    coverage, description = get("coverage"), get("description")
    letter, number = get("insurer_letter"), get("policy_number")
    applies = get("aggregate_applies_per")
    if not (type(coverage) in _TEXT_TYPES and type(description) in _TEXT_TYPES
            and type(letter) in _TEXT_TYPES and type(number) in _TEXT_TYPES
            and type(applies) in _TEXT_TYPES):
        coverage = _text(index, coverage, "policies", i, "coverage")
        description = _text(index, description, "policies", i, "description")
        letter = _text(index, letter, "policies", i, "insurer_letter")
        number = _text(index, number, "policies", i, "policy_number", numbers=True)
        applies = _text(index, applies, "policies", i, "aggregate_applies_per")
    additional, waived = get("additional_insured"), get("subrogation_waived")
    claims_made, statutory = get("claims_made"), get("statutory")
    if not (type(additional) in _FLAG_TYPES and type(waived) in _FLAG_TYPES
            and type(claims_made) in _FLAG_TYPES and type(statutory) in _FLAG_TYPES):
        for key in ("additional_insured", "subrogation_waived", "claims_made", "statutory"):
            _flag(index, get(key), i, key)
    effective, expiration = get("effective_date"), get("expiration_date")
    effective = (type(effective) is str and _DATES.get(effective)) or _date(
        index, effective, i, "effective_date")
    expiration = (type(expiration) is str and _DATES.get(expiration)) or _date(
        index, expiration, i, "expiration_date")
    retention = get("retention")
    if retention is not None and type(retention) is not int:
        retention = _amount(index, retention, "policies", i, "retention")
    limits = get("limits")
    if limits is None:
        limits = {}
    elif type(limits) is not dict or not all(
        type(value) is int or value is None for value in limits.values()
    ):
        limits = {
            key: _amount(index, value, "policies", i, f"limits.{key}")
            for key, value in _object(index, limits, "policies", i, "limits").items()
        }
    # else: the certificate's own dict is used as is; the engine never changes it.
    number = number.strip() if number else None
    letter = letter.strip().upper() if letter else None
    return Policy(
        coverage.strip() if coverage else "",
        description.strip() if description else None,
        letter or None,
        number or None,
        effective,
        expiration,
        additional,
        waived,
        claims_made,
        applies.strip().lower() if applies else None,
        retention,
        statutory,
        limits,
        certificate,
        position,
    )


def _endorsements(index: int, value: Any) -> tuple[frozenset[str], frozenset[str]]:
    attached, named = set(), set()
    for i, item in enumerate(_list(index, value, "endorsements")):
        item = _object(index, item, "endorsements", i)
        form = _text(index, item.get("form"), "endorsements", i, "form")
        source = _text(index, item.get("source"), "endorsements", i, "source") or "document"
        if form:
            (attached if source == "document" else named).add(canonical_number(form))
    return frozenset(attached), frozenset(named)


def _where(section: str, i: int | None = None, key: str | None = None) -> str:
    """``policies[2].limits.each_occurrence`` from its parts."""
    return section + (f"[{i}]" if i is not None else "") + (f".{key}" if key else "")


def _wrong(index: int, expected: str, value: Any, *where: Any) -> CertificateError:
    return CertificateError(index, f"{_where(*where)}: expected {expected}, got {value!r}")


def _object(index: int, value: Any, *where: Any) -> dict:
    if type(value) is dict:
        return value
    if value is None:
        return {}
    raise _wrong(index, "an object", value, *where)


def _list(index: int, value: Any, *where: Any) -> list:
    if type(value) is list:
        return value
    if value is None:
        return []
    raise _wrong(index, "a list", value, *where)


def _text(index: int, value: Any, section: str, i: int | None = None, key: str | None = None,
          *, numbers: bool = False) -> str | None:
    if type(value) is str:
        return value.strip() or None
    if value is None:
        return None
    if numbers and type(value) is int:
        return str(value)
    raise _wrong(index, "a string", value, section, i, key)


def _flag(index: int, value: Any, i: int, key: str) -> bool | None:
    if value is None or value is True or value is False:
        return value
    raise _wrong(index, "true, false or null", value, "policies", i, key)


def _amount(index: int, value: Any, section: str, i: int, key: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    raise _wrong(index, "a whole number of dollars or null", value, section, i, key)


def _date(index: int, value: Any, i: int, key: str) -> dt.date | None:
    if type(value) is str:
        parsed = _DATES.get(value)
        if parsed is not None:
            return parsed
        try:
            parsed = dt.date.fromisoformat(value.strip())
        except ValueError:
            if not value.strip():
                return None
            raise _wrong(index, "a date YYYY-MM-DD or null", value, "policies", i, key) from None
        if len(_DATES) > 50_000:
            _DATES.clear()
        _DATES[value] = parsed
        return parsed
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise _wrong(index, "a date YYYY-MM-DD or null", value, "policies", i, key)
