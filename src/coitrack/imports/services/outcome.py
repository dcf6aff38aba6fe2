"""What a plan says about the file, in one shape for every kind of import (preview and report)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

ACTIONS = ("create", "update", "unchanged", "skip", "error")


@dataclass
class PlannedRow:
    line: int
    label: str  # the vendor's, carrier's or template's name as the row gives it
    detail: str  # a short summary of the rest of the row
    action: str  # one of ACTIONS
    problems: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # for updates: the fields that change


@dataclass
class Plan:
    rows: list[PlannedRow]
    blocking: str = ""  # set when nothing can be imported at all (carriers: any problem)

    @property
    def counts(self) -> Counter:
        return Counter(row.action for row in self.rows)

    def errors(self) -> list[dict]:
        return [{"line": r.line, "name": r.label, "problems": r.problems}
                for r in self.rows if r.action == "error"]
