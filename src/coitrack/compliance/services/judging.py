"""One vendor's inputs -> its overall result, with the pure engine. No database here.

Per applied template, the engine evaluates the vendor's certificates with the waivers in effect
for that template; the vendor's overall status is the *worst* of the templates' statuses, in the
order ``non_compliant > expired > missing > expiring > compliant`` (decision: a failure a renewal
cannot fix outranks a lapse, which outranks having nothing on file, which outranks a warning).
With no template at all the status is ``no_requirements``.

Waivers (see ``compliance.models.Waiver``): a waiver is in effect on ``as_of`` when it has no
``expires_on`` or ``as_of < expires_on``, and, when limited to a project, only for templates that
apply through that project. An "until renewal" waiver stops applying once the policy judged for
its coverage no longer has the expiration it was granted against: the template is then evaluated
again without it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from coitrack.compliance.services.loading import LiveWaiver, VendorInputs
from coitrack.rules.evaluate import evaluate
from coitrack.rules.requirements import Requirements, parse_requirements

SEVERITY_ORDER = ("non_compliant", "expired", "missing", "expiring", "compliant")
_RANK = {status: i for i, status in enumerate(SEVERITY_ORDER)}
NO_REQUIREMENTS = "no_requirements"


def worst_status(statuses) -> str:
    """The worst of the templates' statuses; ``no_requirements`` when there are none."""
    found = list(statuses)
    return min(found, key=_RANK.__getitem__) if found else NO_REQUIREMENTS


@dataclass(slots=True)
class VendorResult:
    vendor_id: int
    status: str
    deficiencies: list[dict[str, Any]]
    evaluations: list[dict[str, Any]]
    open_codes: frozenset[str]
    pending: int


class TemplateCache:
    """Parsed templates for one run: each template dict is validated once, not per vendor."""

    def __init__(self) -> None:
        self._parsed: dict[int, tuple[Any, Requirements]] = {}

    def get(self, data: dict[str, Any]) -> Requirements:
        found = self._parsed.get(id(data))
        if found is not None and found[0] is data:
            return found[1]
        parsed = parse_requirements(data)
        self._parsed[id(data)] = (data, parsed)  # keeping data alive keeps its id() unique
        return parsed


def waiver_in_effect(waiver: LiveWaiver, as_of: dt.date) -> bool:
    """By date only: ``expires_on`` ends it at the start of that (local) day."""
    return waiver.expires_on is None or as_of < waiver.expires_on


def judged_expiration(evaluation: dict[str, Any], coverage: str | None) -> dt.date | None:
    """The expiration of the policy judged for ``coverage`` in an engine result.

    For ``coverage`` None (deficiencies of the whole certificate): the earliest expiration among
    the judged policies, i.e. the next renewal.
    """
    found = []
    for report in evaluation["coverages"]:
        policy = report.get("policy")
        if not policy or not policy.get("expiration_date"):
            continue
        if coverage is None or report["coverage"] == coverage:
            found.append(dt.date.fromisoformat(policy["expiration_date"]))
    return min(found) if found else None


def judge_vendor(inputs: VendorInputs, *, as_of: dt.date, carriers, cache: TemplateCache,
                 ) -> VendorResult:
    """Evaluate ``inputs`` against each of its applied templates and combine the results."""
    deficiencies: list[dict[str, Any]] = []
    evaluations: list[dict[str, Any]] = []
    dated = [w for w in inputs.waivers if waiver_in_effect(w, as_of)]
    for applied in inputs.templates:
        project_id = applied.project_id
        waivers = [w for w in dated if w.project_id is None or w.project_id == project_id]
        result = _evaluate(inputs, applied, cache, as_of, carriers, waivers)
        ended = [
            w for w in waivers
            if w.until_renewal and judged_expiration(result, w.coverage) != w.renewal_of_expiration
        ]
        if ended:
            waivers = [w for w in waivers if w not in ended]
            result = _evaluate(inputs, applied, cache, as_of, carriers, waivers)
        by_key = {}
        for waiver in waivers:
            by_key.setdefault(waiver.key, waiver.id)
        for deficiency in result["deficiencies"]:
            deficiency["template"] = applied.name
            deficiency["template_id"] = applied.template_id
            if deficiency["waived"]:
                deficiency["waiver_id"] = by_key.get(
                    (deficiency["code"], deficiency["coverage"], deficiency["limit"]))
            deficiencies.append(deficiency)
        evaluations.append({
            "template_id": applied.template_id,
            "name": applied.name,
            "source": applied.source,
            "project_id": project_id,
            "status": result["status"],
            "coverages": result["coverages"],
        })
    status = worst_status(e["status"] for e in evaluations)
    open_codes = frozenset(d["code"] for d in deficiencies if not d["waived"])
    return VendorResult(inputs.vendor_id, status, deficiencies, evaluations, open_codes,
                        inputs.pending)


def _evaluate(inputs: VendorInputs, applied, cache: TemplateCache, as_of: dt.date, carriers,
              waivers: list[LiveWaiver]) -> dict[str, Any]:
    return evaluate(
        cache.get(applied.data), inputs.certificates, as_of=as_of, carriers=carriers,
        vendor_name=inputs.legal_name, vendor_dba=inputs.dba or None,
        waivers=[{"code": w.code, "coverage": w.coverage, "limit": w.limit} for w in waivers],
    )
