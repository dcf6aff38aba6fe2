"""Misinformation flags: what makes a newly arrived certificate need a human before it counts.

``find_flags(certificate=..., vendor_legal_name=..., vendor_dba=..., previous=[...], carriers=...,
requirements=[...], pdf_bytes=...)`` compares a certificate (a certificate-schema dict) with the
vendor record, the vendor's earlier certificates (schema dicts, newest first), the organization's
carrier table, the requirement templates that apply, and the certificate's PDF, and returns one
:class:`Flag` per thing that looks wrong: a code, a plain-language message with the values
involved, and a JSON-safe ``details`` dict. No Django: the app stores and shows the flags.

Codes, and the decisions behind each (``previous`` means the earlier certificates given):

- ``NAMED_INSURED_DIFFERS``: the printed insured matches neither the legal name nor the DBA under
  :func:`coitrack.rules.names.names_match` in ``normalized`` mode (case, punctuation, ``&``/``and``
  and entity suffixes ignored; either side of a printed "dba" may match). A blank insured is not
  flagged: there is nothing to compare (the evaluation reports the mismatch).
- ``POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS``: a policy number (compared ignoring case, spaces
  and punctuation) of the same coverage appears on an earlier certificate for the *same term*
  (the two periods overlap, or either period is not printed) with another effective or expiration
  date or another amount for a limit both show. Insurers often keep the number at renewal, so a
  new term that starts when (or after) the old one ends is a renewal, judged by the next flag.
  A limit shown on only one of the two is not a difference (certificates omit limits).
- ``LIMIT_REDUCED_AT_RENEWAL``: for each coverage (write-in rows: the same description), the
  newest earlier certificate that has that coverage is the reference; a limit both show that is
  now lower is flagged, one flag per policy listing each reduced limit. Not when the new policy
  starts before the reference policy (an old certificate filed late is not a renewal).
- ``INSURER_CHANGED_MID_TERM``: an earlier policy of the same coverage is in force on the new
  certificate's date (its effective date when the certificate is undated), the new policy starts
  before that policy expires, and its insurer is another one (NAIC codes compared when both are
  printed, else insurer names normalized). A switch of insurer at the renewal date is normal.
- ``NAIC_NAME_MISMATCH``: the carrier table lists the printed NAIC code under another insurer
  name, or (the code not being in the table) lists the printed name under another code. Names are
  compared after :func:`coitrack.rules.names.normalize_name` plus the abbreviations certificates
  use (Ins, Cas, Sur, Natl, Mut ...) and a leading "The". Without a carrier table: never.
- ``CERTIFICATE_DATE_OLDER``: the certificate date is before the latest date among the earlier
  certificates (dates not printed are not compared).
- ``SELF_CONTRADICTING``: one flag per contradiction: the evaluation's three
  (:mod:`coitrack.rules.consistency`: expiration on or before the effective date, each occurrence
  above the aggregate, an insurer letter not listed), a sublimit above the limit it is part of
  (damage to rented premises or medical expense above each occurrence, personal & advertising
  injury above the general aggregate, bodily injury per person above per accident, E.L. disease
  each employee above the policy limit), and a certificate dated on or after the expiration of
  every policy it lists (policies end at the start of their expiration date; not said when a
  policy's own dates are inverted, which is already flagged).
- ``LIMITS_EXACTLY_AT_MINIMUM``: every required limit of every template given is shown on every
  policy of its line and equals its minimum exactly, on at least two lines
  (``MIN_LINES_AT_MINIMUM``): one line at the minimum is too ordinary to mean anything. A required
  line missing from the certificate, or a limit not shown, means "not every line": no flag.
  Templates that do not parse are ignored here (the app only stores valid ones).
- ``PDF_EDITED_AFTER_PRODUCTION``: see :mod:`coitrack.rules.pdf_edits` (metadata, incremental
  updates that change content or add annotations/fields, markup drawn over the page).

``details`` of flags about an earlier certificate carry ``previous_index``: its position in
``previous`` (0 = newest), so the app can link to it. A malformed certificate dict raises
:class:`coitrack.rules.certificates.CertificateError`, as in the evaluation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from coitrack.rules.carriers import CarrierTable, naic_key
from coitrack.rules.certificates import CertificateError, Insurer, Policy, parse_certificate
from coitrack.rules.consistency import policy_contradictions
from coitrack.rules.labels import coverage_label, limit_phrase
from coitrack.rules.money import format_money
from coitrack.rules.names import NORMALIZED, names_match, normalize_name
from coitrack.rules.pdf_edits import edit_signs
from coitrack.rules.requirements import RequirementsError, parse_requirements

NAMED_INSURED_DIFFERS = "NAMED_INSURED_DIFFERS"
POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS = "POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS"
LIMIT_REDUCED_AT_RENEWAL = "LIMIT_REDUCED_AT_RENEWAL"
INSURER_CHANGED_MID_TERM = "INSURER_CHANGED_MID_TERM"
NAIC_NAME_MISMATCH = "NAIC_NAME_MISMATCH"
CERTIFICATE_DATE_OLDER = "CERTIFICATE_DATE_OLDER"
SELF_CONTRADICTING = "SELF_CONTRADICTING"
LIMITS_EXACTLY_AT_MINIMUM = "LIMITS_EXACTLY_AT_MINIMUM"
PDF_EDITED_AFTER_PRODUCTION = "PDF_EDITED_AFTER_PRODUCTION"

# In the order flags are returned and listed.
CODES = (
    NAMED_INSURED_DIFFERS,
    POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS,
    LIMIT_REDUCED_AT_RENEWAL,
    INSURER_CHANGED_MID_TERM,
    NAIC_NAME_MISMATCH,
    CERTIFICATE_DATE_OLDER,
    SELF_CONTRADICTING,
    LIMITS_EXACTLY_AT_MINIMUM,
    PDF_EDITED_AFTER_PRODUCTION,
)
# Short names for lists and badges.
TITLES = {
    NAMED_INSURED_DIFFERS: "Named insured differs",
    POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS: "Policy number reused with other terms",
    LIMIT_REDUCED_AT_RENEWAL: "Limit reduced at renewal",
    INSURER_CHANGED_MID_TERM: "Insurer changed mid-term",
    NAIC_NAME_MISMATCH: "NAIC code does not match the insurer",
    CERTIFICATE_DATE_OLDER: "Older certificate date",
    SELF_CONTRADICTING: "Contradicts itself",
    LIMITS_EXACTLY_AT_MINIMUM: "Every limit exactly at the minimum",
    PDF_EDITED_AFTER_PRODUCTION: "PDF edited after it was produced",
}
MIN_LINES_AT_MINIMUM = 2


@dataclass(frozen=True, slots=True)
class Flag:
    code: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class _Cert:
    """One certificate as the checks need it; ``index`` is -1 for the new one."""

    index: int
    date: dt.date | None
    insured: str
    insurers: dict[str, Insurer]
    policies: list[Policy]


def find_flags(
    *,
    certificate: dict[str, Any],
    vendor_legal_name: str,
    vendor_dba: str | None = None,
    previous: Sequence[dict[str, Any]] = (),
    carriers: CarrierTable | None = None,
    requirements: Iterable[dict[str, Any]] = (),
    pdf_bytes: bytes | None = None,
) -> list[Flag]:
    """All flags of ``certificate``, in :data:`CODES` order (see the module docstring)."""
    new = _read(certificate, -1)
    earlier = [_read(data, i) for i, data in enumerate(previous)]
    flags: list[Flag] = []
    flags += _named_insured(new, vendor_legal_name, vendor_dba)
    flags += _policy_numbers(new, earlier)
    flags += _reductions(new, earlier)
    flags += _insurer_changes(new, earlier)
    flags += _naic_names(new, carriers)
    flags += _older_date(new, earlier)
    flags += _contradictions(new)
    flags += _at_minimum(new, requirements)
    if pdf_bytes:
        flags += _pdf(pdf_bytes)
    return flags


# Reading ------------------------------------------------------------------------------------


def _read(data: Any, index: int) -> _Cert:
    position = index + 1  # CertificateError counts from 1 in its message; the new one is 0
    cert, policies = parse_certificate(data, index=position)
    raw_date = data.get("certificate_date")
    if raw_date is None or isinstance(raw_date, dt.date):
        date = raw_date.date() if isinstance(raw_date, dt.datetime) else raw_date
    elif isinstance(raw_date, str):
        try:
            date = dt.date.fromisoformat(raw_date.strip()) if raw_date.strip() else None
        except ValueError:
            raise CertificateError(
                position, f"certificate_date: expected a date YYYY-MM-DD, got {raw_date!r}"
            ) from None
    else:
        raise CertificateError(
            position, f"certificate_date: expected a date YYYY-MM-DD, got {raw_date!r}"
        )
    return _Cert(index, date, cert.insured_name, cert.insurers, policies)


def _line(policy: Policy) -> tuple[str, str]:
    """What "the same coverage" means: the coverage, and for write-in rows their text."""
    description = " ".join((policy.description or "").split()).casefold()
    return (policy.coverage, description if policy.coverage == "other" else "")


def _label(policy: Policy) -> str:
    return coverage_label(policy.coverage or "other", policy.description)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _period(policy: Policy) -> str:
    return f"{_iso(policy.effective_date) or '?'} to {_iso(policy.expiration_date) or '?'}"


def _dated(cert: _Cert) -> str:
    return f"the earlier certificate dated {cert.date.isoformat()}" if cert.date else (
        "an earlier certificate"
    )


# Named insured ------------------------------------------------------------------------------


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

_NOT_ALNUM = re.compile(r"[\W_]+")


def _number_key(number: str | None) -> str:
    return _NOT_ALNUM.sub("", (number or "").casefold())


def _same_term(a: Policy, b: Policy) -> bool:
    """Periods that overlap (or cannot be told apart) describe the same term of a policy."""
    if None in (a.effective_date, a.expiration_date, b.effective_date, b.expiration_date):
        return True
    return a.effective_date < b.expiration_date and b.effective_date < a.expiration_date


def _term_differences(new: Policy, old: Policy) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for name in ("effective_date", "expiration_date"):
        before, after = getattr(old, name), getattr(new, name)
        if before and after and before != after:
            changes[name] = [before.isoformat(), after.isoformat()]
    for key, amount in new.limits.items():
        before = old.limits.get(key)
        if amount is not None and before is not None and amount != before:
            changes[f"limits.{key}"] = [before, amount]
    return changes


def _describe_change(policy: Policy, name: str, pair: list[Any]) -> str:
    if name.startswith("limits."):
        key = name.removeprefix("limits.")
        return (f"{limit_phrase(policy.coverage, key)} {format_money(pair[0])} then "
                f"{format_money(pair[1])} now")
    words = name.replace("_", " ")
    return f"{words} {pair[0]} then {pair[1]} now"


def _policy_numbers(new: _Cert, earlier: list[_Cert]) -> list[Flag]:
    flags = []
    for policy in new.policies:
        key = _number_key(policy.policy_number)
        if not key:
            continue
        for cert in earlier:
            old = next((p for p in cert.policies if _number_key(p.policy_number) == key
                        and _line(p) == _line(policy) and _same_term(policy, p)), None)
            if old is None:
                continue
            changes = _term_differences(policy, old)
            if changes:
                said = "; ".join(_describe_change(policy, n, v) for n, v in changes.items())
                flags.append(Flag(
                    POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS,
                    f"{_label(policy)} policy {policy.policy_number} is also on {_dated(cert)} "
                    f"for the same term, with other terms: {said}.",
                    {"coverage": policy.coverage, "policy_number": policy.policy_number,
                     "differences": changes, "previous_index": cert.index},
                ))
            break  # the newest earlier certificate with this policy is the one to compare
    return flags


# Renewals -----------------------------------------------------------------------------------


def _reference(policy: Policy, earlier: list[_Cert]) -> tuple[_Cert, Policy] | None:
    """The policy of the same line on the newest earlier certificate that has that line."""
    for cert in earlier:
        same = [p for p in cert.policies if _line(p) == _line(policy)]
        if same:
            latest = max(same, key=lambda p: p.effective_date or dt.date.min)
            return cert, latest
    return None


def _reductions(new: _Cert, earlier: list[_Cert]) -> list[Flag]:
    flags = []
    for policy in new.policies:
        found = _reference(policy, earlier)
        if found is None:
            continue
        cert, old = found
        if (policy.effective_date and old.effective_date
                and policy.effective_date < old.effective_date):
            continue
        reduced = {key: [old.limits[key], amount] for key, amount in policy.limits.items()
                   if amount is not None and old.limits.get(key) is not None
                   and amount < old.limits[key]}
        if not reduced:
            continue
        said = "; ".join(
            f"{limit_phrase(policy.coverage, key)} {format_money(now)} "
            f"(was {format_money(was)})" for key, (was, now) in reduced.items()
        )
        old_ref = f"policy {old.policy_number}" if old.policy_number else "the policy"
        flags.append(Flag(
            LIMIT_REDUCED_AT_RENEWAL,
            f"{_label(policy)} limits are lower than on {_dated(cert)} ({old_ref}, "
            f"{_period(old)}): {said}.",
            {"coverage": policy.coverage, "description": policy.description,
             "reductions": {k: v for k, v in reduced.items()},
             "previous_policy_number": old.policy_number, "previous_index": cert.index},
        ))
    return flags


# Insurers -----------------------------------------------------------------------------------

_ABBREVIATIONS = {
    "ins": "insurance", "insur": "insurance", "insurnce": "insurance", "cas": "casualty",
    "sur": "surety", "natl": "national", "nat": "national", "mut": "mutual",
    "assur": "assurance", "assn": "association", "grp": "group", "intl": "international",
    "amer": "american", "am": "american", "gen": "general",
    "indem": "indemnity", "spec": "specialty", "und": "underwriters",
    "undrs": "underwriters", "reins": "reinsurance", "co": "company", "corp": "corporation",
}


def insurer_name_key(name: str | None) -> str:
    """An insurer's name for comparison: normalized, abbreviations spelled out, no leading "The"."""
    words = [_ABBREVIATIONS.get(word, word) for word in normalize_name(name).split()]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _insurer_text(insurer: Insurer | None) -> str:
    if insurer is None:
        return "an insurer not listed"
    naic = f" (NAIC {insurer.naic})" if insurer.naic else ""
    return f"{insurer.name or 'an unnamed insurer'}{naic}"


def _same_insurer(a: Insurer | None, b: Insurer | None) -> bool:
    """Whether two insurers are the same, or cannot be told apart with what is printed."""
    if a is None or b is None:
        return True
    if naic_key(a.naic) and naic_key(b.naic):
        return naic_key(a.naic) == naic_key(b.naic)
    key_a, key_b = insurer_name_key(a.name), insurer_name_key(b.name)
    return not (key_a and key_b) or key_a == key_b


def _in_force(policy: Policy, day: dt.date) -> bool:
    return (policy.effective_date is not None and policy.expiration_date is not None
            and policy.effective_date <= day < policy.expiration_date)


def _insurer_changes(new: _Cert, earlier: list[_Cert]) -> list[Flag]:
    flags = []
    for policy in new.policies:
        day = new.date or policy.effective_date
        if day is None or policy.effective_date is None:
            continue
        insurer = new.insurers.get(policy.insurer_letter or "")
        for cert in earlier:
            old = next((p for p in cert.policies if _line(p) == _line(policy)
                        and _in_force(p, day) and policy.effective_date < p.expiration_date
                        and not _same_insurer(insurer, cert.insurers.get(p.insurer_letter or ""))),
                       None)
            if old is None:
                continue
            old_insurer = cert.insurers.get(old.insurer_letter or "")
            old_ref = f"policy {old.policy_number}" if old.policy_number else "the policy"
            flags.append(Flag(
                INSURER_CHANGED_MID_TERM,
                f"{_label(policy)} is now with {_insurer_text(insurer)} from "
                f"{policy.effective_date.isoformat()}, but {old_ref} with "
                f"{_insurer_text(old_insurer)} on {_dated(cert)} runs until "
                f"{old.expiration_date.isoformat()} and was in force on {day.isoformat()}.",
                {"coverage": policy.coverage, "insurer": _insurer_dict(insurer),
                 "previous_insurer": _insurer_dict(old_insurer),
                 "previous_policy_number": old.policy_number,
                 "previous_expiration": old.expiration_date.isoformat(),
                 "previous_index": cert.index},
            ))
            break
    return flags


def _insurer_dict(insurer: Insurer | None) -> dict[str, str] | None:
    if insurer is None:
        return None
    return {"letter": insurer.letter, "name": insurer.name, "naic": insurer.naic}


def _naic_names(new: _Cert, carriers: CarrierTable | None) -> list[Flag]:
    if not carriers:
        return []
    flags = []
    for insurer in new.insurers.values():
        by_code = carriers.lookup(name=None, naic=insurer.naic) if naic_key(insurer.naic) else None
        name_key = insurer_name_key(insurer.name)
        if by_code is not None:
            if name_key and insurer_name_key(by_code.name) != name_key:
                flags.append(Flag(
                    NAIC_NAME_MISMATCH,
                    f'Insurer {insurer.letter} is printed as "{insurer.name}" with NAIC '
                    f'{insurer.naic}, but the carrier table lists NAIC {by_code.naic} as '
                    f'"{by_code.name}".',
                    {"letter": insurer.letter, "name": insurer.name, "naic": insurer.naic,
                     "table_name": by_code.name, "table_naic": by_code.naic},
                ))
            continue
        by_name = carriers.lookup(name=insurer.name, naic=None) if name_key else None
        if (by_name is not None and naic_key(insurer.naic) and naic_key(by_name.naic)
                and naic_key(by_name.naic) != naic_key(insurer.naic)):
            flags.append(Flag(
                NAIC_NAME_MISMATCH,
                f'Insurer {insurer.letter} "{insurer.name}" has NAIC {insurer.naic} on the '
                f'certificate, but the carrier table lists "{by_name.name}" under NAIC '
                f'{by_name.naic}.',
                {"letter": insurer.letter, "name": insurer.name, "naic": insurer.naic,
                 "table_name": by_name.name, "table_naic": by_name.naic},
            ))
    return flags


# Dates --------------------------------------------------------------------------------------


def _older_date(new: _Cert, earlier: list[_Cert]) -> list[Flag]:
    dated = [c for c in earlier if c.date]
    if new.date is None or not dated:
        return []
    latest = max(dated, key=lambda c: (c.date, -c.index))
    if new.date >= latest.date:
        return []
    return [Flag(
        CERTIFICATE_DATE_OLDER,
        f"The certificate is dated {new.date.isoformat()}, before the previous certificate's "
        f"date {latest.date.isoformat()}.",
        {"certificate_date": new.date.isoformat(), "previous_date": latest.date.isoformat(),
         "previous_index": latest.index},
    )]


# Contradictions -----------------------------------------------------------------------------

# (coverage, part, whole): the part is a sublimit of the whole, so it cannot be larger.
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
