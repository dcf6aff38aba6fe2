"""``evaluate``: requirements + certificate data + a day -> the evaluation (requirements-format.md).

How a coverage is judged:
1. The policies of all certificates given are pooled. A requirement's candidates are the policies
   of its coverage (umbrella or excess for ``umbrella_liability``/``excess_liability``; for
   ``other``, write-in rows whose description contains the requirement's description, ignoring
   case and runs of spaces). No candidate: COVERAGE_MISSING.
2. If candidates are in force on ``as_of``, the one that "satisfies the most" is judged: fewest
   unwaived ``fail`` deficiencies from the non-date checks (limits after stacking, endorsements,
   retention, insurer), then the latest expiration, then the earliest in the pool (certificates in
   the order given, policies in printed order). Its date warnings follow: POLICY_EXPIRING when it
   expires within ``expiring_within_days`` days of ``as_of`` (expiration <= as_of + days, edge
   included), WORK_PERIOD_NOT_COVERED when it expires on or before ``work_period.end`` (it lapses
   at 12:01 a.m. on its expiration date, so it does not cover the last day of work).
3. If none is in force, the latest policy is judged (latest expiration, then latest effective
   date, then fewest fails, then pool order; a missing date counts as earliest). Its date state
   gives the date deficiency: POLICY_EXPIRED or POLICY_NOT_YET_EFFECTIVE. Decision: when expired
   policies and not-yet-effective ones are mixed (a lapse before a renewal starts), the latest
   policy decides, which is the renewal: POLICY_NOT_YET_EFFECTIVE.
4. The non-date checks are reported on the judged policy either way.

Then NAMED_INSURED_MISMATCH and CERTIFICATE_HOLDER_MISMATCH (at most once each), then
DATA_INCONSISTENT for every policy of every certificate (see ``consistency``).

Order of deficiencies (deterministic): by requirement in template order, within a requirement in
the order of the code table (limits in the template's order); then the two party checks; then
DATA_INCONSISTENT in certificate and policy order. Exact duplicates (same code, coverage, limit,
required, actual and message, e.g. from the same certificate given twice) are listed once.

With no certificate at all the status is ``missing``; the deficiencies then list
COVERAGE_MISSING for each requirement (what a request to the vendor must ask for).

Added keys (formats extend by adding keys): ``template`` (the template's name) and ``coverages``,
one entry per requirement in template order, naming the judged policy and every limit check,
passed or failed, with the sentence showing the arithmetic ("General liability each occurrence
$1,000,000 + umbrella $4,000,000 = $5,000,000 >= $5,000,000 required."), and, for each flag
it requires among additional insured, waiver of subrogation and primary & non-contributory, the
judged policy's ``evidence`` state (``confirmed`` / ``indicated`` / ``not_shown``, see ``checks``)
and in ``evidence_forms`` the attached endorsement forms that confirm it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from coitrack.rules import dates
from coitrack.rules.carriers import Carrier, CarrierTable
from coitrack.rules.certificates import Certificate, Insurer, Policy, parse_certificate
from coitrack.rules.checks import CoveragePlan, evidence_of, plan_coverages, policy_checks
from coitrack.rules.consistency import contradictions
from coitrack.rules.deficiencies import (
    CODE_ORDER,
    COVERAGE_MISSING,
    POLICY_EXPIRED,
    POLICY_EXPIRING,
    POLICY_NOT_YET_EFFECTIVE,
    WORK_PERIOD_NOT_COVERED,
    Deficiency,
)
from coitrack.rules.endorsement_forms import EVIDENCED, NOT_SHOWN
from coitrack.rules.insurer import resolve_insurer
from coitrack.rules.limits import LimitCheck, TopUp, best_top_ups
from coitrack.rules.parties import holder_deficiency, named_insured_deficiency
from coitrack.rules.requirements import UMBRELLA_COVERAGES, Requirements, parse_requirements
from coitrack.rules.status import derive_status
from coitrack.rules.waivers import WaiverKey, parse_waivers
from coitrack.rules.wording import normalize_wording

_EARLIEST = dt.date.min.toordinal()

# Plans per template object: the app evaluates thousands of vendors against one parsed template.
# Keyed by id(); the template is kept alongside so its id cannot be reused while cached.
_PLANS: dict[int, tuple[Requirements, tuple[CoveragePlan, ...]]] = {}


def _plans(requirements: Requirements) -> tuple[CoveragePlan, ...]:
    cached = _PLANS.get(id(requirements))
    if cached is not None and cached[0] is requirements:
        return cached[1]
    if len(_PLANS) >= 256:
        _PLANS.clear()
    plans = plan_coverages(requirements)
    _PLANS[id(requirements)] = (requirements, plans)
    return plans


def evaluate(
    requirements: Requirements | Mapping[str, Any],
    certificates: Iterable[Mapping[str, Any]],
    *,
    as_of: dt.date,
    carriers: CarrierTable | Iterable[Carrier] | None = None,
    vendor_name: str | None = None,
    vendor_dba: str | None = None,
    waivers: Iterable[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Evaluate one vendor's certificates against a template on ``as_of``.

    ``requirements`` is a template dict (validated here; ``RequirementsError`` if bad) or already
    parsed ``Requirements`` (faster when evaluating many vendors). ``certificates`` are certificate
    dicts (``CertificateError`` if a value has the wrong kind). ``waivers`` are
    ``{code, coverage, limit}`` dicts (``WaiverError`` if bad). Returns the evaluation dict, JSON
    ready; nothing is mutated.
    """
    if not isinstance(requirements, Requirements):
        requirements = parse_requirements(requirements)
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    if carriers is not None and not isinstance(carriers, CarrierTable):
        carriers = CarrierTable(carriers)
    waived = parse_waivers(list(waivers) if waivers is not None else None)

    pool: list[Certificate] = []
    policies: list[Policy] = []
    for index, data in enumerate(certificates):
        certificate, printed = parse_certificate(data, index=index, first_position=len(policies))
        pool.append(certificate)
        policies.extend(printed)
    for policy in policies:
        policy.state = dates.date_state(policy, as_of)
    top_ups = best_top_ups(
        [p for p in policies if p.coverage in UMBRELLA_COVERAGES and p.state == dates.IN_FORCE]
    )

    judge = _Judge(requirements, as_of, carriers, top_ups, waived)
    found: list[Deficiency] = []
    reports = []
    for plan in _plans(requirements):
        deficiencies, report = judge.coverage(plan, policies)
        deficiencies.sort(key=lambda d: CODE_ORDER[d.code])  # stable: limits keep template order
        found.extend(deficiencies)
        reports.append(report)
    if pool:
        for problem in (
            named_insured_deficiency(pool, mode=requirements.named_insured_match,
                                     vendor_name=vendor_name, vendor_dba=vendor_dba),
            holder_deficiency(pool, requirements.certificate_holder),
        ):
            if problem:
                found.append(problem)
        found.extend(contradictions(policies))

    unique: list[Deficiency] = []
    seen = set()
    for deficiency in found:
        # required/actual are JSON scalars, so the tuple is hashable; type() keeps True and 1
        # apart.
        identity = (deficiency.code, deficiency.coverage, deficiency.limit,
                    deficiency.required, type(deficiency.required), deficiency.actual,
                    type(deficiency.actual), deficiency.message)
        if identity not in seen:
            seen.add(identity)
            deficiency.waived = (deficiency.code, deficiency.coverage, deficiency.limit) in waived
            unique.append(deficiency)
    return {
        "status": derive_status(unique, has_certificate=bool(pool)),
        "as_of": as_of.isoformat(),
        "deficiencies": [d.to_dict() for d in unique],
        "template": requirements.name,
        "coverages": reports,
    }


class _Judge:
    """Judges one requirement against the pooled policies (state shared across requirements)."""

    def __init__(self, requirements: Requirements, as_of: dt.date,
                 carriers: CarrierTable | None, top_ups: dict[str, TopUp],
                 waived: frozenset[WaiverKey]) -> None:
        self.requirements = requirements
        self.as_of = as_of
        self.carriers = carriers
        self.top_ups = top_ups
        self.waived = waived
        self._insurers: dict[tuple[int, str | None], tuple[Insurer | None, Carrier | None]] = {}

    def insurer_of(self, policy: Policy) -> tuple[Insurer | None, Carrier | None]:
        """``resolve_insurer``, once per certificate and letter."""
        key = (policy.certificate.index, policy.insurer_letter)
        found = self._insurers.get(key)
        if found is None:
            found = self._insurers[key] = resolve_insurer(policy, self.carriers)
        return found

    def candidates(self, plan: CoveragePlan, policies: list[Policy]) -> list[Policy]:
        requirement = plan.requirement
        if requirement.coverage != "other":
            accepted = requirement.accepted_policy_coverages
            return [p for p in policies if p.coverage in accepted]
        wanted = plan.description_key
        return [
            p for p in policies
            if p.coverage == "other" and wanted in normalize_wording(p.description)
        ]

    def checks(self, plan: CoveragePlan,
               policy: Policy) -> tuple[list[LimitCheck], list[Deficiency], int]:
        limit_checks, deficiencies = policy_checks(
            plan, policy,
            top_ups=self.top_ups,
            insurer=self.requirements.insurer,
            resolve_insurer=self.insurer_of,
        )
        fails = 0
        waived = self.waived
        for d in deficiencies:
            if waived:
                d.waived = (d.code, d.coverage, d.limit) in waived
            fails += d.counts_as_fail
        return limit_checks, deficiencies, fails

    def coverage(self, plan: CoveragePlan,
                 policies: list[Policy]) -> tuple[list[Deficiency], dict[str, Any]]:
        requirement = plan.requirement
        coverage = requirement.coverage
        label = plan.label
        candidates = self.candidates(plan, policies)
        if not candidates:
            what = "a policy with that description" if coverage == "other" else "such a policy"
            missing = Deficiency(COVERAGE_MISSING, coverage,
                                 f"{label} is required, but no {what} is shown.")
            return [missing], _report(plan, None, [])

        in_force = [p for p in candidates if p.state == dates.IN_FORCE]
        judged = [(p, *self.checks(plan, p)) for p in (in_force or candidates)]
        if in_force:
            policy, limit_checks, deficiencies, _ = min(
                judged, key=lambda j: (j[3], -j[0].expiration_date.toordinal(), j[0].position)
            )
            deficiencies = self.warnings(label, coverage, policy) + deficiencies
        else:
            policy, limit_checks, deficiencies, _ = min(judged, key=_latest_first)
            deficiencies = [self.lapse(label, coverage, policy), *deficiencies]
        return deficiencies, _report(plan, policy, limit_checks)

    def warnings(self, label: str, coverage: str, policy: Policy) -> list[Deficiency]:
        expiration = policy.expiration_date
        found = []
        days = self.requirements.expiring_within_days
        if days is not None and (expiration - self.as_of).days <= days:
            left = (expiration - self.as_of).days
            found.append(Deficiency(
                POLICY_EXPIRING, coverage,
                f"{label} {policy.reference()} expires on {_iso(expiration)}, within "
                f"{days} days of {_iso(self.as_of)} ({left} day{'s' if left != 1 else ''} "
                "left).",
                actual=_iso(expiration),
            ))
        period = self.requirements.work_period
        if period is not None and period.end is not None and expiration <= period.end:
            found.append(Deficiency(
                WORK_PERIOD_NOT_COVERED, coverage,
                f"{label} {policy.reference()} expires on {_iso(expiration)}, so it does "
                f"not cover the work period through {_iso(period.end)}.",
                required=_iso(period.end), actual=_iso(expiration),
            ))
        return found

    def lapse(self, label: str, coverage: str, policy: Policy) -> Deficiency:
        ref = policy.reference()
        on = _iso(self.as_of)
        if policy.state == dates.EXPIRED:
            expiration = policy.expiration_date
            if expiration is None:
                message = (f"{label} {ref} shows no expiration date, so it cannot be shown "
                           f"in force on {on}.")
            else:
                message = f"{label} {ref} expired on {_iso(expiration)} (as of {on})."
            return Deficiency(POLICY_EXPIRED, coverage, message,
                              actual=_iso(expiration))
        effective = policy.effective_date
        if effective is None:
            message = (f"{label} {ref} shows no effective date, so it cannot be shown in force "
                       f"on {on}.")
        else:
            message = f"{label} {ref} starts on {_iso(effective)}, after {on}."
        return Deficiency(POLICY_NOT_YET_EFFECTIVE, coverage, message,
                          actual=_iso(effective))


def _latest_first(judged: tuple) -> tuple:
    policy, _, _, fails = judged
    expiration, effective = policy.expiration_date, policy.effective_date
    return (
        -(expiration.toordinal() if expiration else _EARLIEST),
        -(effective.toordinal() if effective else _EARLIEST),
        fails,
        policy.position,
    )


_ISO: dict[dt.date, str] = {}


def _iso(day: dt.date | None) -> str | None:
    """``day.isoformat()``, remembered: the same dates recur across thousands of vendors."""
    if day is None:
        return None
    text = _ISO.get(day)
    if text is None:
        if len(_ISO) > 50_000:
            _ISO.clear()
        text = _ISO[day] = day.isoformat()
    return text


def _report(plan: CoveragePlan, policy: Policy | None,
            limit_checks: list[LimitCheck]) -> dict[str, Any]:
    judged = None
    if policy is not None:
        judged = {
            "certificate": policy.certificate.index,
            "coverage": policy.coverage,
            "policy_number": policy.policy_number,
            "effective_date": _iso(policy.effective_date),
            "expiration_date": _iso(policy.expiration_date),
            "state": policy.state,
        }
    requirement = plan.requirement
    evidence: dict[str, str] = {}
    forms: dict[str, list[str]] = {}
    for flag in EVIDENCED:
        if requirement.demanded_evidence(flag) is None:
            continue
        state, confirming = (evidence_of(flag, requirement.coverage, policy)
                             if policy is not None else (NOT_SHOWN, ()))
        evidence[flag] = state
        if confirming:
            forms[flag] = list(confirming)
    return {
        "coverage": requirement.coverage,
        "description": requirement.description,
        "policy": judged,
        "limits": [check.to_dict() for check in limit_checks],
        "evidence": evidence,
        "evidence_forms": forms,
    }
