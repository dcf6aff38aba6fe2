"""What an organization requires, in the vendor's words, for the portal page. No Django here.

Input is a requirement template's data (already with the vendor's overrides, as
``requirements.templates_for_vendor`` gives it); output is plain sentences a vendor (or the
agent the vendor forwards them to) can act on. Internal settings (matching modes, the
expiring-soon window) are left out: they are how the organization checks, not what it asks for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from coitrack import schema
from coitrack.rules.labels import coverage_label

_FLAGS = {
    "additional_insured": "the certificate holder named as additional insured",
    "subrogation_waived": "waiver of subrogation in favor of the certificate holder",
    "primary_noncontributory": "primary and non-contributory wording",
    "occurrence_only": "occurrence form (not claims-made)",
    "aggregate_per_project": "general aggregate applying per project",
    "statutory": "statutory limits (PER STATUTE marked)",
}
_EVIDENCE = {
    "additional_insured": "additional_insured_evidence",
    "subrogation_waived": "subrogation_waived_evidence",
    "primary_noncontributory": "primary_noncontributory_evidence",
}


@dataclass(frozen=True, slots=True)
class CoverageWords:
    """One required coverage: its name, its minimum limits, and what must be shown."""

    name: str
    limits: list[str] = field(default_factory=list)  # "Each occurrence: $1,000,000"
    conditions: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RequirementWords:
    """One applied template in words. ``title``: "Requirements" or "For project X"."""

    title: str
    coverages: list[CoverageWords]
    holder: str  # "" when the template names no holder
    general: list[str]


def money(amount: Any) -> str:
    return f"${amount:,}" if isinstance(amount, int) and not isinstance(amount, bool) else str(
        amount)


def coverage_words(entry: Mapping[str, Any]) -> CoverageWords:
    coverage = entry.get("coverage") or ""
    limits = [f"{schema.limit_label(coverage, key)}: at least {money(value)}"
              for key, value in (entry.get("limits") or {}).items() if value is not None]
    conditions = []
    for flag, words in _FLAGS.items():
        if not entry.get(flag):
            continue
        evidence = _EVIDENCE.get(flag)
        if evidence and entry.get(evidence) == "confirmed":
            words += ", with the endorsement attached"
        conditions.append(words[:1].upper() + words[1:])
    if entry.get("max_retention") is not None:
        conditions.append(f"Retention or deductible at most {money(entry['max_retention'])}")
    return CoverageWords(coverage_label(coverage, entry.get("description")), limits, conditions)


def holder_words(data: Mapping[str, Any]) -> str:
    holder = data.get("certificate_holder")
    if not isinstance(holder, Mapping) or not holder.get("name"):
        return ""
    address = " ".join(str(holder.get("address") or "").split())
    return f"{holder['name']}, {address}" if address else str(holder["name"])


def general_words(data: Mapping[str, Any]) -> list[str]:
    lines = []
    insurer = data.get("insurer")
    if isinstance(insurer, Mapping) and insurer.get("min_rating"):
        size = insurer.get("min_financial_size")
        lines.append(f"Insurers rated at least {insurer['min_rating']}"
                     f"{f' / {size}' if size else ''} by AM Best")
    period = data.get("work_period")
    if isinstance(period, Mapping) and (period.get("start") or period.get("end")):
        lines.append("Policies in force for the whole work period"
                     f" ({period.get('start') or '…'} to {period.get('end') or '…'})")
    return lines


def requirement_words(data: Mapping[str, Any], source: str = "") -> RequirementWords:
    """One template in words. ``source`` is ``templates_for_vendor``'s (``"project X"``
    names the project the requirements come with; other sources are not shown)."""
    title = "Requirements"
    if source.startswith("project "):
        title = f"For project {source.removeprefix('project ')}"
    return RequirementWords(
        title=title,
        coverages=[coverage_words(e) for e in data.get("coverages") or []],
        holder=holder_words(data),
        general=general_words(data),
    )


def unique_texts(texts: Iterable[str]) -> list[str]:
    """``texts`` in order, each once (the same gap under two templates is one line)."""
    seen: dict[str, None] = {}
    for text in texts:
        if text:
            seen.setdefault(text, None)
    return list(seen)
