"""The vendor page's checklist: a stored evaluation arranged per template and per requirement.

Each required coverage gets a row: the policy judged for it, the evidence for additional insured,
waiver of subrogation and primary & non-contributory when required (confirmed by an attached
endorsement / indicated by the box or wording / not shown), every limit check with the engine's
sentence (which shows its arithmetic), and its other deficiencies; each line passes, fails or
warns, and a waived deficiency stays listed, marked waived. Deficiencies of the certificate as a
whole (named insured, holder, contradictions) follow the requirements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from coitrack.compliance.models import STATUS_LABELS, VendorEvaluation
from coitrack.rules.labels import coverage_label

PASS, FAIL, WARN, WAIVED = "pass", "fail", "warn", "waived"
STATE_LABELS = {PASS: "Pass", FAIL: "Fail", WARN: "Warning", WAIVED: "Waived"}
_CERTIFICATE_WIDE = {"NAMED_INSURED_MISMATCH", "CERTIFICATE_HOLDER_MISMATCH", "DATA_INCONSISTENT"}


@dataclass
class Line:
    state: str
    message: str
    code: str = ""
    waiver_id: int | None = None
    waive_query: str = ""  # the waive form's query string, for a deficiency not yet waived

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


EVIDENCE_FLAGS = {"additional_insured": "Additional insured",
                  "subrogation_waived": "Waiver of subrogation",
                  "primary_noncontributory": "Primary & non-contributory"}
# state -> (words, badge class of app.css)
EVIDENCE_STATES = {"confirmed": ("confirmed", "ok"), "indicated": ("indicated", "warn"),
                   "not_shown": ("not shown", "bad")}


@dataclass
class Evidence:
    """One required flag's evidence on the judged policy, as a badge."""

    label: str  # "Additional insured"
    state: str  # confirmed / indicated / not_shown
    forms: list[str]  # the attached endorsements that confirm it

    @property
    def state_label(self) -> str:
        return EVIDENCE_STATES.get(self.state, (self.state, ""))[0]

    @property
    def badge(self) -> str:
        return EVIDENCE_STATES.get(self.state, ("", "inactive"))[1]


@dataclass
class Requirement:
    label: str
    policy: str  # "Judged: policy GL 123, 2026-01-01 to 2027-01-01" or ""
    lines: list[Line] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def state(self) -> str:
        return _worst(line.state for line in self.lines)


@dataclass
class TemplateChecklist:
    name: str
    source: str
    status: str
    requirements: list[Requirement]
    general: list[Line]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


def _worst(states) -> str:
    states = set(states)
    for state in (FAIL, WARN, WAIVED):
        if state in states:
            return state
    return PASS


def _line(deficiency: dict[str, Any]) -> Line:
    waived = deficiency.get("waived")
    state = WAIVED if waived else (FAIL if deficiency["severity"] == "fail" else WARN)
    query = "" if waived else urlencode({
        "code": deficiency["code"], "coverage": deficiency.get("coverage") or "",
        "limit": deficiency.get("limit") or "", "template": deficiency.get("template_id") or "",
    })
    return Line(state, deficiency["message"], deficiency["code"],
                deficiency.get("waiver_id"), query)


def _evidence(report: dict[str, Any]) -> list[Evidence]:
    """The report's evidence states (evaluations stored before they existed have none)."""
    forms = report.get("evidence_forms") or {}
    return [Evidence(EVIDENCE_FLAGS.get(flag, flag), state, list(forms.get(flag) or []))
            for flag, state in (report.get("evidence") or {}).items()]


def _policy_text(policy: dict[str, Any] | None) -> str:
    if not policy:
        return ""
    number = policy.get("policy_number")
    dates = " to ".join(d for d in (policy.get("effective_date"), policy.get("expiration_date"))
                       if d)
    text = f"policy {number}" if number else "the policy"
    return f"Judged: {text}" + (f", {dates}" if dates else "")


def _belongs(deficiency: dict[str, Any], coverage: str, label: str) -> bool:
    if deficiency["code"] in _CERTIFICATE_WIDE or deficiency.get("coverage") != coverage:
        return False
    # Several write-in ("other") requirements share the coverage key; the engine's messages
    # start with the requirement's label, which tells them apart.
    return coverage != "other" or deficiency["message"].startswith(label)


def build_checklist(evaluation: VendorEvaluation) -> list[TemplateChecklist]:
    """The evaluation's templates, each with its requirement rows and certificate-wide lines."""
    result = []
    for template in evaluation.evaluations:
        deficiencies = [d for d in evaluation.deficiencies
                        if d.get("template_id") == template["template_id"]]
        used: set[int] = set()
        requirements = []
        for report in template["coverages"]:
            label = coverage_label(report["coverage"], report.get("description"))
            mine = [(i, d) for i, d in enumerate(deficiencies)
                    if i not in used and _belongs(d, report["coverage"], label)]
            used.update(i for i, _ in mine)
            limit_deficiencies = {d.get("limit"): d for _, d in mine
                                  if d["code"] == "LIMIT_BELOW_MINIMUM"}
            row = Requirement(label, _policy_text(report.get("policy")),
                              evidence=_evidence(report))
            for check in report.get("limits", []):
                deficiency = limit_deficiencies.pop(check["limit"], None)
                if deficiency is not None:
                    line = _line(deficiency)
                    line.message = check["message"] or line.message
                else:
                    line = Line(PASS if check["met"] else FAIL, check["message"])
                row.lines.append(line)
            row.lines.extend(_line(d) for _, d in mine if d["code"] != "LIMIT_BELOW_MINIMUM")
            row.lines.extend(_line(d) for d in limit_deficiencies.values())
            if not row.lines:
                row.lines.append(Line(PASS, f"{label}: every requirement is met."))
            requirements.append(row)
        general = [_line(d) for i, d in enumerate(deficiencies) if i not in used]
        result.append(TemplateChecklist(template["name"], template["source"], template["status"],
                                        requirements, general))
    return result
