"""Endorsement forms that confirm additional insured, waiver of subrogation and primary &
non-contributory status (domain.md, "Evidence is not all equal").

A ticked ADDL INSD or SUBR WVD box, or primary & non-contributory wording, only *indicates* the
status; the endorsement itself *confirms* it. ``FORMS`` is the catalog of standard ISO / NCCI form
numbers coitrack recognizes (the reader lists only these, so a policy number that happens to start
with "CA" is never mistaken for a form), with what each one evidences and for which coverage line.

Decisions:
- Families per coverage line: general liability ``CG``, automobile ``CA``, workers compensation
  ``WC``. Umbrella and excess policies usually follow the form of the underlying general liability
  policy, so the general liability families count for them too. Write-in (``other``) coverages have
  no standard family: their status can be indicated but not confirmed.
- Any one form of the family confirms (e.g. CG 20 10 alone confirms additional insured on general
  liability; CG 20 37 for completed operations is not also demanded).
- ``HEADLINE`` is how a message names the family ("no CG 20 10 / CG 20 37 endorsement attached").
"""

from __future__ import annotations

from dataclasses import dataclass

ADDITIONAL_INSURED = "additional_insured"
SUBROGATION_WAIVED = "subrogation_waived"
PRIMARY_NONCONTRIBUTORY = "primary_noncontributory"
EVIDENCED = (ADDITIONAL_INSURED, SUBROGATION_WAIVED, PRIMARY_NONCONTRIBUTORY)

# Evidence states (the evaluation's ``coverages[i].evidence`` values)
CONFIRMED = "confirmed"
INDICATED = "indicated"
NOT_SHOWN = "not_shown"
STATES = (CONFIRMED, INDICATED, NOT_SHOWN)
# What a template may demand per flag
DEMANDS = (INDICATED, CONFIRMED)


@dataclass(frozen=True, slots=True)
class Form:
    number: str  # "CG 20 10"
    title: str
    evidences: str | None  # one of EVIDENCED, or None (recognized, but confirms none of them)
    line: str  # "general_liability", "automobile_liability", "workers_compensation"


_GL, _AUTO, _WC = "general_liability", "automobile_liability", "workers_compensation"

FORMS: dict[str, Form] = {f.number: f for f in (
    Form("CG 20 10", "Additional Insured - Owners, Lessees or Contractors - Scheduled Person or "
         "Organization", ADDITIONAL_INSURED, _GL),
    Form("CG 20 37", "Additional Insured - Owners, Lessees or Contractors - Completed Operations",
         ADDITIONAL_INSURED, _GL),
    Form("CG 20 26", "Additional Insured - Designated Person or Organization",
         ADDITIONAL_INSURED, _GL),
    Form("CG 20 33", "Additional Insured - Owners, Lessees or Contractors - Automatic Status "
         "When Required in Construction Agreement with You", ADDITIONAL_INSURED, _GL),
    Form("CG 20 38", "Additional Insured - Owners, Lessees or Contractors - Automatic Status for "
         "Other Parties When Required in Written Construction Agreement",
         ADDITIONAL_INSURED, _GL),
    Form("CG 20 11", "Additional Insured - Managers or Lessors of Premises",
         ADDITIONAL_INSURED, _GL),
    Form("CG 24 04", "Waiver of Transfer of Rights of Recovery Against Others to Us",
         SUBROGATION_WAIVED, _GL),
    Form("CG 20 01", "Primary and Noncontributory - Other Insurance Condition",
         PRIMARY_NONCONTRIBUTORY, _GL),
    Form("CG 25 03", "Designated Construction Project(s) General Aggregate Limit", None, _GL),
    Form("CA 20 48", "Designated Insured for Covered Autos Liability Coverage",
         ADDITIONAL_INSURED, _AUTO),
    Form("CA 04 44", "Waiver of Transfer of Rights of Recovery Against Others to Us",
         SUBROGATION_WAIVED, _AUTO),
    Form("CA 04 49", "Primary and Noncontributory - Other Insurance Condition",
         PRIMARY_NONCONTRIBUTORY, _AUTO),
    Form("WC 00 03 13", "Waiver of Our Right to Recover from Others Endorsement",
         SUBROGATION_WAIVED, _WC),
)}

# The coverage line whose families a requirement's coverage uses (umbrella follows GL).
_LINE_OF = {
    _GL: _GL,
    "umbrella_liability": _GL,
    "excess_liability": _GL,
    _AUTO: _AUTO,
    _WC: _WC,
}

HEADLINE = {
    (ADDITIONAL_INSURED, _GL): "CG 20 10 / CG 20 37",
    (SUBROGATION_WAIVED, _GL): "CG 24 04",
    (PRIMARY_NONCONTRIBUTORY, _GL): "CG 20 01",
    (ADDITIONAL_INSURED, _AUTO): "CA 20 48",
    (SUBROGATION_WAIVED, _AUTO): "CA 04 44",
    (PRIMARY_NONCONTRIBUTORY, _AUTO): "CA 04 49",
    (SUBROGATION_WAIVED, _WC): "WC 00 03 13",
}


def family(flag: str, coverage: str) -> frozenset[str]:
    """Form numbers that confirm ``flag`` for a requirement of ``coverage`` (may be empty)."""
    return _FAMILIES.get((flag, _LINE_OF.get(coverage)), frozenset())


def headline(flag: str, coverage: str) -> str | None:
    """The family as a message names it ("CG 20 10 / CG 20 37"), None when there is none."""
    return HEADLINE.get((flag, _LINE_OF.get(coverage)))


_FAMILIES: dict[tuple[str, str], frozenset[str]] = {}
for _form in FORMS.values():
    if _form.evidences:
        _key = (_form.evidences, _form.line)
        _FAMILIES[_key] = _FAMILIES.get(_key, frozenset()) | {_form.number}


def canonical_number(text: str) -> str:
    """``"cg2010"``, ``"CG 20 10"``, ``"CG-20-10 04 13"`` -> ``"CG 20 10"`` (an edition written
    into the number is dropped; WC numbers have three pairs of digits); other text upper-cased with
    single spaces (it then simply matches nothing in the catalog)."""
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    prefix, digits = compact[:2], compact[2:]
    size = 6 if prefix == "WC" else 4
    if prefix.isalpha() and digits.isdigit() and len(digits) in (size, size + 4):
        digits = digits[:size]
        return " ".join([prefix, *(digits[i:i + 2] for i in range(0, size, 2))])
    return " ".join(text.upper().split())
