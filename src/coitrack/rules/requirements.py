"""Requirement templates: parse and validate the JSON of requirements-format.md.

``parse_requirements(data)`` turns a template dict into frozen dataclasses or raises
``RequirementsError`` whose message names the offending key, e.g.
``coverages[1].limits.each_occurence: not a general_liability limit (expected one of: ...)``.

Decisions:
- Unknown keys are ignored (formats extend by adding keys), so a template exported by a newer
  version still loads. Known keys are validated strictly: wrong types are errors.
- A key given as ``null`` means the same as the key absent ("not required"); this holds for the
  optional top-level keys, the requirement flags, ``max_retention`` and single limits.
- ``other`` requirements need a non-empty ``description`` (it is how they match a policy). Their
  limits may use any limit key of the schema, since write-in rows state limits in many ways; other
  coverages accept only their own limit keys.
- An ``excess_liability`` requirement is met by an umbrella or an excess policy, like an
  ``umbrella_liability`` one (the guide treats the two as interchangeable for the umbrella).
- ``umbrella_applies_to`` entries are ``coverage.limit_key`` with a valid key for that coverage;
  umbrella/excess limits themselves cannot be listed (an umbrella does not top itself up).
- ``work_period.end`` before ``work_period.start`` is an error; ``insurer.min_financial_size``
  accepts roman numerals (``"VII"``) or numbers 1..15.
- ``additional_insured_evidence``, ``subrogation_waived_evidence`` and
  ``primary_noncontributory_evidence`` (added keys): ``"indicated"`` (default, also for ``null``:
  the box or the wording is enough, today's rule) or ``"confirmed"`` (the endorsement must be
  attached, see ``endorsement_forms``). Given for a flag that is not required, it has no effect.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from coitrack import schema
from coitrack.rules.carriers import RATINGS, parse_rating, parse_size, size_name
from coitrack.rules.endorsement_forms import DEMANDS, EVIDENCED, INDICATED
from coitrack.rules.names import MATCH_MODES, NORMALIZED

UMBRELLA_COVERAGES = frozenset({"umbrella_liability", "excess_liability"})
FLAGS = (
    "additional_insured",
    "subrogation_waived",
    "primary_noncontributory",
    "occurrence_only",
    "aggregate_per_project",
    "statutory",
)
# The evidence a flag demands: "<flag>_evidence" for each flag that an endorsement can confirm.
EVIDENCE_KEYS = tuple(f"{flag}_evidence" for flag in EVIDENCED)


class RequirementsError(ValueError):
    """The template is not valid; the message names the bad key."""


@dataclass(frozen=True, slots=True)
class CoverageRequirement:
    coverage: str
    description: str | None
    limits: tuple[tuple[str, int], ...]  # (limit key, minimum) in template order
    additional_insured: bool = False
    subrogation_waived: bool = False
    primary_noncontributory: bool = False
    occurrence_only: bool = False
    aggregate_per_project: bool = False
    statutory: bool = False
    max_retention: int | None = None
    additional_insured_evidence: str = INDICATED
    subrogation_waived_evidence: str = INDICATED
    primary_noncontributory_evidence: str = INDICATED

    def demanded_evidence(self, flag: str) -> str | None:
        """``"indicated"``/``"confirmed"`` for a required ``flag``, ``None`` when not required."""
        if not getattr(self, flag):
            return None
        return getattr(self, f"{flag}_evidence")

    @property
    def accepted_policy_coverages(self) -> frozenset[str]:
        """Policy coverages that can meet this requirement."""
        if self.coverage in UMBRELLA_COVERAGES:
            return UMBRELLA_COVERAGES
        return frozenset({self.coverage})


@dataclass(frozen=True, slots=True)
class HolderRequirement:
    name: str
    address: str | None
    match: str


@dataclass(frozen=True, slots=True)
class InsurerRequirement:
    min_rating: str | None
    min_financial_size: int | None
    allow_unrated: bool

    def describe(self) -> str | None:
        """``"A- VII"`` (what is required), or ``None`` when only a rating of any kind is."""
        parts = [p for p in (self.min_rating, size_name(self.min_financial_size)) if p]
        return " ".join(parts) or None


@dataclass(frozen=True, slots=True)
class WorkPeriod:
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class Requirements:
    name: str
    coverages: tuple[CoverageRequirement, ...]
    expiring_within_days: int | None = None
    named_insured_match: str = NORMALIZED
    certificate_holder: HolderRequirement | None = None
    insurer: InsurerRequirement | None = None
    work_period: WorkPeriod | None = None
    umbrella_applies_to: frozenset[str] = frozenset()


def parse_requirements(data: Any) -> Requirements:
    """Validate a template dict (parsed JSON) and return it as ``Requirements``."""
    if not isinstance(data, dict):
        raise RequirementsError(f"template: expected a JSON object, got {_kind(data)}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RequirementsError("name: required, a non-empty string")
    coverages = data.get("coverages")
    if not isinstance(coverages, list):
        raise RequirementsError(f"coverages: required, a list, got {_kind(coverages)}")
    return Requirements(
        name=name.strip(),
        coverages=tuple(_coverage(item, f"coverages[{i}]") for i, item in enumerate(coverages)),
        expiring_within_days=_amount(data.get("expiring_within_days"), "expiring_within_days"),
        named_insured_match=_mode(data.get("named_insured_match"), "named_insured_match"),
        certificate_holder=_holder(data.get("certificate_holder")),
        insurer=_insurer(data.get("insurer")),
        work_period=_work_period(data.get("work_period")),
        umbrella_applies_to=_umbrella_applies_to(data.get("umbrella_applies_to")),
    )


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _amount(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RequirementsError(f"{where}: expected a whole number >= 0, got {value!r}")
    return value


def _flag(value: Any, where: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise RequirementsError(f"{where}: expected true or false, got {value!r}")
    return value


def _text(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise RequirementsError(f"{where}: expected a string, got {_kind(value)}")
    return value.strip() or None


def _mode(value: Any, where: str) -> str:
    if value is None:
        return NORMALIZED
    if value not in MATCH_MODES:
        raise RequirementsError(
            f"{where}: expected one of {', '.join(MATCH_MODES)}, got {value!r}"
        )
    return value


def _object(value: Any, where: str) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise RequirementsError(f"{where}: expected an object, got {_kind(value)}")
    return value


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RequirementsError(f"{where}: expected a date YYYY-MM-DD, got {value!r}") from None


def _coverage(item: Any, where: str) -> CoverageRequirement:
    item = _object(item, where)
    if item is None:
        raise RequirementsError(f"{where}: expected an object, got null")
    coverage = item.get("coverage")
    if coverage not in schema.COVERAGES:
        raise RequirementsError(
            f"{where}.coverage: expected one of {', '.join(schema.COVERAGES)}, got {coverage!r}"
        )
    description = _text(item.get("description"), f"{where}.description")
    if coverage == "other" and not description:
        raise RequirementsError(
            f"{where}.description: required for an 'other' coverage (the write-in text to match)"
        )
    allowed = schema.ALL_LIMIT_KEYS if coverage == "other" else schema.LIMIT_KEYS[coverage]
    limits = []
    for key, value in (_object(item.get("limits"), f"{where}.limits") or {}).items():
        if key not in allowed:
            raise RequirementsError(
                f"{where}.limits.{key}: not a {coverage} limit "
                f"(expected one of: {', '.join(allowed)})"
            )
        minimum = _amount(value, f"{where}.limits.{key}")
        if minimum is not None:
            limits.append((key, minimum))
    return CoverageRequirement(
        coverage=coverage,
        description=description,
        limits=tuple(limits),
        max_retention=_amount(item.get("max_retention"), f"{where}.max_retention"),
        **{flag: _flag(item.get(flag), f"{where}.{flag}") for flag in FLAGS},
        **{key: _evidence(item.get(key), f"{where}.{key}") for key in EVIDENCE_KEYS},
    )


def _evidence(value: Any, where: str) -> str:
    if value is None:
        return INDICATED
    if value not in DEMANDS:
        raise RequirementsError(f"{where}: expected one of {', '.join(DEMANDS)}, got {value!r}")
    return value


def _holder(value: Any) -> HolderRequirement | None:
    data = _object(value, "certificate_holder")
    if data is None:
        return None
    name = _text(data.get("name"), "certificate_holder.name")
    if not name:
        raise RequirementsError("certificate_holder.name: required, a non-empty string")
    return HolderRequirement(
        name=name,
        address=_text(data.get("address"), "certificate_holder.address"),
        match=_mode(data.get("match"), "certificate_holder.match"),
    )


def _insurer(value: Any) -> InsurerRequirement | None:
    data = _object(value, "insurer")
    if data is None:
        return None
    min_rating = data.get("min_rating")
    if min_rating is not None:
        if not isinstance(min_rating, str) or parse_rating(min_rating) is None:
            raise RequirementsError(
                f"insurer.min_rating: expected one of {', '.join(RATINGS)}, got {min_rating!r}"
            )
        min_rating = parse_rating(min_rating)
    min_size = data.get("min_financial_size")
    if min_size is not None:
        parsed = None if isinstance(min_size, bool) else parse_size(min_size)
        if parsed is None:
            raise RequirementsError(
                f"insurer.min_financial_size: expected I..XV, got {min_size!r}"
            )
        min_size = parsed
    return InsurerRequirement(
        min_rating=min_rating,
        min_financial_size=min_size,
        allow_unrated=_flag(data.get("allow_unrated"), "insurer.allow_unrated"),
    )


def _work_period(value: Any) -> WorkPeriod | None:
    data = _object(value, "work_period")
    if data is None:
        return None
    start = _date(data.get("start"), "work_period.start")
    end = _date(data.get("end"), "work_period.end")
    if start and end and end < start:
        raise RequirementsError(f"work_period.end: {end} is before work_period.start {start}")
    return WorkPeriod(start=start, end=end)


def _umbrella_applies_to(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        raise RequirementsError(f"umbrella_applies_to: expected a list, got {_kind(value)}")
    entries = set()
    for i, entry in enumerate(value):
        where = f"umbrella_applies_to[{i}]"
        coverage, _, key = entry.partition(".") if isinstance(entry, str) else ("", "", "")
        if coverage not in schema.COVERAGES or coverage in UMBRELLA_COVERAGES:
            raise RequirementsError(
                f"{where}: expected 'coverage.limit_key' for a coverage an umbrella sits over, "
                f"got {entry!r}"
            )
        allowed = schema.ALL_LIMIT_KEYS if coverage == "other" else schema.LIMIT_KEYS[coverage]
        if key not in allowed:
            raise RequirementsError(
                f"{where}: {key!r} is not a {coverage} limit "
                f"(expected one of: {', '.join(allowed)})"
            )
        entries.add(entry)
    return frozenset(entries)
