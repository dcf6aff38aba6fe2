"""Templates in words: one-line summaries, flattened paths for audit diffs, side-by-side compare.

No Django here. Input is always a valid template dict (``RequirementTemplate.data``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coitrack import schema
from coitrack.requirements.overrides import coverage_key
from coitrack.rules.labels import coverage_label

FLAG_LABELS = {
    "additional_insured": "Additional insured",
    "subrogation_waived": "Waiver of subrogation",
    "primary_noncontributory": "Primary & non-contributory",
    "occurrence_only": "Occurrence only",
    "aggregate_per_project": "Per-project aggregate",
    "statutory": "Statutory (per statute)",
}
FLAG_SHORT = {
    "additional_insured": "AI",
    "subrogation_waived": "WOS",
    "primary_noncontributory": "P&NC",
    "occurrence_only": "occurrence",
    "aggregate_per_project": "per-project agg.",
    "statutory": "statutory",
}
TOP_LABELS = {
    "expiring_within_days": "Expiring-soon window (days)",
    "named_insured_match": "Named insured match",
    "certificate_holder.name": "Certificate holder",
    "certificate_holder.address": "Certificate holder address",
    "certificate_holder.match": "Certificate holder match",
    "insurer.min_rating": "Insurer minimum AM Best rating",
    "insurer.min_financial_size": "Insurer minimum financial size",
    "insurer.allow_unrated": "Unrated insurers allowed",
    "work_period.start": "Work period start",
    "work_period.end": "Work period end",
    "umbrella_applies_to": "Umbrella may top up",
}


def short_money(amount: int | None) -> str:
    """``1000000 -> "$1M"``, ``2500000 -> "$2.5M"``, ``500000 -> "$500K"``."""
    if amount is None:
        return "—"
    for size, suffix in ((1_000_000, "M"), (1_000, "K")):
        if amount >= size and amount % (size // 100) == 0:
            return f"${amount / size:,.2f}".rstrip("0").rstrip(".") + suffix
    return f"${amount:,}"


def coverage_name(entry: dict) -> str:
    return coverage_label(entry.get("coverage") or "", entry.get("description"))


def summarize_coverage(entry: dict) -> str:
    """``"General liability $1M / $2M agg · AI · WOS"``."""
    limits = [
        v for v in (entry.get("limits") or {}).values() if isinstance(v, int)
    ]
    parts = [coverage_name(entry)]
    if limits:
        parts[0] += " " + " / ".join(short_money(v) for v in limits[:2])
        if len(limits) > 2:
            parts[0] += " …"
    parts += [short for flag, short in FLAG_SHORT.items() if entry.get(flag)]
    if entry.get("max_retention") is not None:
        parts.append(f"retention ≤ {short_money(entry['max_retention'])}")
    return " · ".join(parts)


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or None
    return value


def flatten(data: dict) -> dict[str, Any]:
    """``{"General liability: each occurrence": 1000000, ...}``: every requirement as one path.

    Keys are human-readable, so an audit diff of two flattenings reads as a list of changes.
    Values absent or ``null`` are left out (they mean "not required").
    """
    flat: dict[str, Any] = {"Name": data.get("name")} if data.get("name") else {}
    for key, label in TOP_LABELS.items():
        head, _, sub = key.partition(".")
        value = data.get(head)
        if sub:
            value = value.get(sub) if isinstance(value, dict) else None
        if value is not None and value != [] and value is not False:
            flat[label] = _plain(sorted(value) if isinstance(value, list) else value)
    for entry in data.get("coverages") or []:
        name = coverage_name(entry)
        coverage = entry.get("coverage") or ""
        flat[f"{name}: required"] = True
        for key, value in (entry.get("limits") or {}).items():
            if value is not None:
                flat[f"{name}: {schema.limit_label(coverage, key)}"] = value
        for flag, label in FLAG_LABELS.items():
            if entry.get(flag):
                flat[f"{name}: {label}"] = True
        if entry.get("max_retention") is not None:
            flat[f"{name}: maximum retention"] = entry["max_retention"]
    return flat


def flat_diff(before: dict, after: dict) -> dict[str, list[Any]]:
    """``{path: [before, after]}`` for every requirement added, removed or changed (audit)."""
    old, new = flatten(before) if before else {}, flatten(after) if after else {}
    return {
        key: [old.get(key), new.get(key)]
        for key in [*old, *(k for k in new if k not in old)]
        if old.get(key) != new.get(key)
    }


def display(value: Any, kind: str = "text") -> str:
    """A requirement value in words: ``$1,000,000``, ``Yes``, ``30 days``, ``—``."""
    if value is None:
        return "—"
    if kind == "money" and isinstance(value, int):
        return f"${value:,}"
    if kind == "bool" or isinstance(value, bool):
        return "Yes" if value else "No"
    if kind == "days":
        return f"{value} days"
    if kind == "mode":
        return MODE_WORDS.get(value, str(value))
    if kind == "umbrella":
        return ", ".join(_umbrella_label(v) for v in str(value).split(", "))
    return str(value)


def _umbrella_label(entry: str) -> str:
    coverage, _, key = entry.partition(".")
    return f"{coverage_label(coverage)} {schema.limit_label(coverage, key).lower()}"


TOP_KINDS = {"expiring_within_days": "days", "insurer.allow_unrated": "bool",
             "umbrella_applies_to": "umbrella", "named_insured_match": "mode",
             "certificate_holder.match": "mode"}
MODE_WORDS = {"normalized": "Normalized (case, punctuation, Inc/LLC… ignored)",
              "exact": "Exact (case and spaces ignored)", "off": "Not checked"}


@dataclass(frozen=True)
class CompareRow:
    label: str
    left: Any
    right: Any
    kind: str = "text"

    @property
    def differs(self) -> bool:
        return self.left != self.right

    @property
    def left_text(self) -> str:
        return display(self.left, self.kind)

    @property
    def right_text(self) -> str:
        return display(self.right, self.kind)


@dataclass(frozen=True)
class CompareSection:
    title: str
    rows: list[CompareRow]

    @property
    def differs(self) -> bool:
        return any(row.differs for row in self.rows)


def compare(left: dict, right: dict) -> list[CompareSection]:
    """Two templates side by side: general settings, then one section per coverage.

    Coverages are paired by coverage (and description for ``other``); a coverage only one side
    requires shows "not required" on the other. Within a coverage each limit key and each flag
    either side sets is one row.
    """
    sections = [CompareSection("General", [
        CompareRow(label, _top(left, key), _top(right, key), TOP_KINDS.get(key, "text"))
        for key, label in TOP_LABELS.items()
        if _top(left, key) is not None or _top(right, key) is not None
    ])]
    left_entries = {coverage_key(e): e for e in left.get("coverages") or []}
    right_entries = {coverage_key(e): e for e in right.get("coverages") or []}
    order = list(left_entries) + [k for k in right_entries if k not in left_entries]
    for key in order:
        a, b = left_entries.get(key), right_entries.get(key)
        entry = a or b
        coverage = entry.get("coverage") or ""
        rows = [CompareRow("Required", "Yes" if a else "Not required",
                           "Yes" if b else "Not required")]
        limit_keys = list((a or {}).get("limits") or {})
        limit_keys += [k for k in (b or {}).get("limits") or {} if k not in limit_keys]
        for limit in limit_keys:
            rows.append(CompareRow(
                schema.limit_label(coverage, limit),
                ((a or {}).get("limits") or {}).get(limit),
                ((b or {}).get("limits") or {}).get(limit), "money",
            ))
        for flag, label in FLAG_LABELS.items():
            if (a or {}).get(flag) or (b or {}).get(flag):
                rows.append(CompareRow(label, bool((a or {}).get(flag)),
                                       bool((b or {}).get(flag)), "bool"))
        if (a or {}).get("max_retention") is not None or (b or {}).get("max_retention") is not None:
            rows.append(CompareRow("Maximum retention", (a or {}).get("max_retention"),
                                   (b or {}).get("max_retention"), "money"))
        sections.append(CompareSection(coverage_name(entry), rows))
    return sections


def _top(data: dict, key: str) -> Any:
    head, _, sub = key.partition(".")
    value = data.get(head)
    if sub:
        value = value.get(sub) if isinstance(value, dict) else None
    if value in ([], False):
        return None
    return _plain(sorted(value)) if isinstance(value, list) else value


def details(data: dict) -> list[CompareSection]:
    """One template in words, as sections of rows (``left`` holds the value)."""
    return [
        CompareSection(section.title, [r for r in section.rows if r.label != "Required"])
        for section in compare(data, {})
    ]
