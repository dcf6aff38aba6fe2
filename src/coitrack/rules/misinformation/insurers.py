"""Checks on insurers: a different insurer for a policy still in force, a NAIC code that
names another carrier."""

from __future__ import annotations

import datetime as dt

from coitrack.rules.carriers import CarrierTable, naic_key
from coitrack.rules.certificates import Insurer, Policy
from coitrack.rules.misinformation.common import (
    INSURER_CHANGED_MID_TERM,
    NAIC_NAME_MISMATCH,
    Flag,
    _Cert,
    _dated,
    _label,
    _line,
)
from coitrack.rules.names import normalize_name

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
