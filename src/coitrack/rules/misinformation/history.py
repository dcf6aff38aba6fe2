"""Checks against the vendor's earlier certificates: a policy number reused with other terms,
limits reduced at renewal, an older certificate date."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from coitrack.rules.certificates import Policy
from coitrack.rules.labels import limit_phrase
from coitrack.rules.misinformation.common import (
    CERTIFICATE_DATE_OLDER,
    LIMIT_REDUCED_AT_RENEWAL,
    POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS,
    Flag,
    _Cert,
    _dated,
    _label,
    _line,
    _period,
)
from coitrack.rules.money import format_money

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
