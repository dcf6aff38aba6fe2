"""Checks on the certificate itself: the named insured, contradictions on the form, limits
all exactly at the minimum, signs of editing in the PDF."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from coitrack.rules.certificates import Policy
from coitrack.rules.consistency import policy_contradictions
from coitrack.rules.labels import coverage_label, limit_phrase
from coitrack.rules.misinformation.common import (
    LIMITS_EXACTLY_AT_MINIMUM,
    MIN_LINES_AT_MINIMUM,
    NAMED_INSURED_DIFFERS,
    PDF_EDITED_AFTER_PRODUCTION,
    SELF_CONTRADICTING,
    Flag,
    _Cert,
    _label,
)
from coitrack.rules.money import format_money
from coitrack.rules.names import NORMALIZED, names_match
from coitrack.rules.pdf_edits import edit_signs
from coitrack.rules.requirements import RequirementsError, parse_requirements


def _named_insured(new: _Cert, legal_name: str, dba: str | None) -> list[Flag]:
    if not new.insured or names_match(new.insured, [legal_name, dba], NORMALIZED):
        return []
    wanted = f'the vendor\'s legal name "{legal_name}"'
    if dba and dba.strip():
        wanted += f' or its DBA "{dba.strip()}"'
    return [Flag(
        NAMED_INSURED_DIFFERS,
        f'The named insured "{new.insured}" does not match {wanted}.',
        {"insured": new.insured, "legal_name": legal_name, "dba": (dba or "").strip() or None},
    )]


# Policy numbers -----------------------------------------------------------------------------


_SUBLIMITS = (
    ("general_liability", "damage_to_rented_premises", "each_occurrence"),
    ("general_liability", "medical_expense", "each_occurrence"),
    ("general_liability", "personal_advertising_injury", "general_aggregate"),
    ("automobile_liability", "bodily_injury_per_person", "bodily_injury_per_accident"),
    ("workers_compensation", "el_disease_each_employee", "el_disease_policy_limit"),
)


def _contradictions(new: _Cert) -> list[Flag]:
    flags = []
    for policy in new.policies:
        for deficiency in policy_contradictions(policy):
            flags.append(Flag(SELF_CONTRADICTING, deficiency.message,
                              {"coverage": deficiency.coverage,
                               "policy_number": policy.policy_number}))
        for coverage, part, whole in _SUBLIMITS:
            small, large = policy.limits.get(part), policy.limits.get(whole)
            if policy.coverage == coverage and small is not None and large is not None \
                    and small > large:
                flags.append(Flag(
                    SELF_CONTRADICTING,
                    f"{_label(policy)} {policy.reference()}: {limit_phrase(coverage, part)} "
                    f"{format_money(small)} is above its {limit_phrase(coverage, whole)} "
                    f"{format_money(large)}.",
                    {"coverage": coverage, "policy_number": policy.policy_number,
                     "limit": part, "of": whole},
                ))
    # Only sane periods count: an inverted one is already a contradiction of its own.
    expirations = [p.expiration_date for p in new.policies if p.expiration_date and (
        p.effective_date is None or p.expiration_date > p.effective_date)]
    if new.date and expirations and len(expirations) == len(new.policies) \
            and new.date >= max(expirations):
        flags.append(Flag(
            SELF_CONTRADICTING,
            f"The certificate is dated {new.date.isoformat()}, when every policy on it had "
            f"already expired (the last on {max(expirations).isoformat()}).",
            {"certificate_date": new.date.isoformat(),
             "last_expiration": max(expirations).isoformat()},
        ))
    return flags


# Limits at the minimum ----------------------------------------------------------------------


def _matches(requirement, policy: Policy) -> bool:
    if policy.coverage not in requirement.accepted_policy_coverages:
        return False
    if requirement.coverage == "other":
        wanted = requirement.description.casefold()
        return wanted in " ".join((policy.description or "").split()).casefold()
    return True


def _at_minimum(new: _Cert, templates: Iterable[dict[str, Any]]) -> list[Flag]:
    lines: dict[tuple[str, str], list[str]] = {}  # (coverage, description) -> "limit $amount"
    for data in templates:
        try:
            parsed = parse_requirements(data)
        except RequirementsError:
            continue
        for requirement in parsed.coverages:
            if not requirement.limits:
                continue
            policies = [p for p in new.policies if _matches(requirement, p)]
            if not policies or any(p.limits.get(key) != minimum for p in policies
                                   for key, minimum in requirement.limits):
                return []  # a line missing, a limit not shown or above: not "every"
            said = lines.setdefault((requirement.coverage, requirement.description or ""), [])
            said += [f"{limit_phrase(requirement.coverage, key)} {format_money(minimum)}"
                     for key, minimum in requirement.limits]
    if len(lines) < MIN_LINES_AT_MINIMUM:
        return []
    parts = [f"{coverage_label(coverage, description or None)} {', '.join(dict.fromkeys(said))}"
             for (coverage, description), said in lines.items()]
    return [Flag(
        LIMITS_EXACTLY_AT_MINIMUM,
        "Every required limit is exactly at its minimum on every line: " + "; ".join(parts) + ".",
        {"lines": [f"{c}: {d}" if d else c for c, d in lines]},
    )]


# PDF ----------------------------------------------------------------------------------------


def _pdf(data: bytes) -> list[Flag]:
    report = edit_signs(data)
    if not report.signs:
        return []
    return [Flag(
        PDF_EDITED_AFTER_PRODUCTION,
        "The PDF shows signs of editing after it was produced: " + "; ".join(report.signs)
        + ".",
        report.details,
    )]
