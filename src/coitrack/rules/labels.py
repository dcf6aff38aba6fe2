"""Words for messages: "General liability each occurrence", "Professional Liability each claim"."""

from __future__ import annotations

from coitrack import schema

# Shorter than schema.COVERAGES ("Commercial general liability"): this is how the guide's messages
# read ("General liability each occurrence is $1,000,000 ...").
COVERAGE_LABELS = {
    "general_liability": "General liability",
    "automobile_liability": "Automobile liability",
    "umbrella_liability": "Umbrella liability",
    "excess_liability": "Excess liability",
    "workers_compensation": "Workers compensation",
}


def coverage_label(coverage: str, description: str | None = None) -> str:
    """A write-in coverage is named by its description ("Professional Liability")."""
    if coverage == "other":
        return " ".join((description or "").split()) or "Other coverage"
    return COVERAGE_LABELS.get(coverage) or coverage.replace("_", " ").capitalize()


def limit_phrase(coverage: str, key: str) -> str:
    """The schema's label in running text: "each occurrence", "E.L. each accident"."""
    label = schema.limit_label(coverage, key)
    first = label.split(" ", 1)[0]
    return label if "." in first else label[:1].lower() + label[1:]
