"""What a reader returns: the certificate data (schema dict), the evidence for each value, and
the warnings a reviewer should see.

Readers fill the data through :class:`Collector`, which enforces the one rule that matters most:
a value whose confidence is below :data:`CONFIDENCE_THRESHOLD` is left null and flagged, never
guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CONFIDENCE_THRESHOLD = 0.6

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: 1-based page, box (x0, y0, x1, y1) in PDF points with the origin
    at the top-left corner of the page, the reader's confidence (0-1) and the raw text."""

    page: int
    box: Box | None
    confidence: float
    text: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "box": [round(v, 1) for v in self.box] if self.box else None,
            "confidence": round(self.confidence, 3),
            "text": self.text,
        }


@dataclass
class ReadResult:
    """``data`` follows ../shared/guide/certificate-schema.md exactly; ``evidence`` is keyed by
    JSON path (``policies[0].limits.each_occurrence``); ``reader`` names the reader used."""

    data: dict[str, Any]
    evidence: dict[str, dict[str, Any]]
    reader: str
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The schema object with ``evidence`` (and ``warnings``) beside the schema keys."""
        return {**self.data, "evidence": self.evidence, "warnings": list(self.warnings)}


def empty_certificate() -> dict[str, Any]:
    return {
        "form": None,
        "edition": None,
        "certificate_date": None,
        "certificate_number": None,
        "revision_number": None,
        "producer": {
            "name": "",
            "address": "",
            "contact_name": "",
            "phone": "",
            "fax": "",
            "email": "",
        },
        "insured": {"name": "", "address": ""},
        "insurers": [],
        "policies": [],
        "description_of_operations": "",
        "certificate_holder": {"name": "", "address": ""},
    }


def empty_policy(coverage: str | None) -> dict[str, Any]:
    return {
        "coverage": coverage,
        "description": None,
        "insurer_letter": None,
        "policy_number": None,
        "effective_date": None,
        "expiration_date": None,
        "additional_insured": False,
        "subrogation_waived": False,
        "claims_made": None,
        "aggregate_applies_per": None,
        "auto_symbols": [],
        "retention": None,
        "statutory": None,
        "excluded_officers": None,
        "limits": {},
    }


class Collector:
    """Gathers evidence and warnings while a reader fills the certificate data."""

    def __init__(self, threshold: float = CONFIDENCE_THRESHOLD) -> None:
        self.threshold = threshold
        self.evidence: dict[str, dict[str, Any]] = {}
        self.warnings: list[str] = []

    def take(self, path: str, value: Any, evidence: Evidence | None, *, label: str = "") -> Any:
        """Record the evidence for ``path`` and return the value to store.

        Returns ``None`` (and flags the path) when the reader was not sure enough, or when text
        was printed but could not be read as a value (``value is None`` with evidence text).
        """
        if evidence is None:
            return value
        entry = evidence.as_dict()
        if evidence.text and evidence.confidence < self.threshold:
            entry["flag"] = "low_confidence"
            self.warn(
                f"{label or path}: read {evidence.text!r} with low confidence "
                f"({evidence.confidence:.2f}); left empty for review"
            )
            value = None
        elif value is None and evidence.text:
            entry["flag"] = "unreadable"
            self.warn(f"{label or path}: could not read {evidence.text!r}; left empty")
        self.evidence[path] = entry
        return value

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def result(self, data: dict[str, Any], reader: str) -> ReadResult:
        return ReadResult(data=data, evidence=self.evidence, reader=reader, warnings=self.warnings)
