"""What a vendor must fix, in the vendor's words and in its insurance agent's.

The vendor gets the engine's own sentence ("General liability each occurrence $500,000 is below
the required $1,000,000"). The agent gets an instruction it can act on when issuing the next
certificate: the coverage and limit to show, the holder's exact name and address, which box to
mark and which endorsement to attach. Input is a deficiency in the documented evaluation shape
(requirements-format.md) and the template's ``certificate_holder`` (may be ``None``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from coitrack import schema

_AI_FORMS = {
    "general_liability": "CG 20 10 / CG 20 37 (or CG 20 26)",
    "automobile_liability": "CA 20 48",
    "umbrella_liability": "a follow-form additional insured endorsement",
}
_WOS_FORMS = {
    "general_liability": "CG 24 04",
    "automobile_liability": "CA 04 44",
    "workers_compensation": "WC 00 03 13",
}


def coverage_name(coverage: str | None) -> str:
    return schema.COVERAGES.get(coverage or "", coverage or "the certificate")


def money(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return f"${value:,.0f}"


def day(value: dt.date | str | None) -> str:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value.strftime("%m/%d/%Y") if value else ""


def holder_text(holder: Mapping[str, Any] | None) -> str:
    if not holder or not holder.get("name"):
        return ""
    address = holder.get("address") or ""
    return f"{holder['name']}, {address}" if address else str(holder["name"])


def agent_line(deficiency: Mapping[str, Any], holder: Mapping[str, Any] | None) -> str:
    """One instruction for the agent issuing the corrected certificate."""
    code = deficiency.get("code", "")
    coverage = deficiency.get("coverage")
    name = coverage_name(coverage)
    required, actual = deficiency.get("required"), deficiency.get("actual")
    holder_words = holder_text(holder) or "the certificate holder"
    if code == "COVERAGE_MISSING":
        return f"{name}: show this coverage on the certificate (none is shown now)."
    if code == "LIMIT_BELOW_MINIMUM":
        limit = schema.limit_label(coverage, deficiency["limit"]) if (
            coverage and deficiency.get("limit")) else "limit"
        return (f"{name} - {limit}: show at least {money(required)} "
                f"(the certificate shows {money(actual) if actual is not None else 'none'}).")
    if code in ("POLICY_EXPIRED", "POLICY_EXPIRING"):
        return f"{name}: issue the renewal certificate (policy ends {day(actual)})."
    if code == "POLICY_NOT_YET_EFFECTIVE":
        return f"{name}: the policy starts {day(actual)}; show a policy in force now."
    if code == "WORK_PERIOD_NOT_COVERED":
        return f"{name}: show a policy term that covers the whole work period ({required})."
    if code in ("ADDITIONAL_INSURED_MISSING", "ADDITIONAL_INSURED_NOT_CONFIRMED"):
        form = _AI_FORMS.get(coverage or "", "the additional insured endorsement")
        return (f"{name}: name {holder_words} as additional insured - mark ADDL INSD and "
                f"attach the endorsement ({form}).")
    if code in ("WAIVER_OF_SUBROGATION_MISSING", "WAIVER_OF_SUBROGATION_NOT_CONFIRMED"):
        form = _WOS_FORMS.get(coverage or "", "the waiver of subrogation endorsement")
        return (f"{name}: waive subrogation in favor of {holder_words} - mark SUBR WVD and "
                f"attach the endorsement ({form}).")
    if code in ("PRIMARY_NONCONTRIBUTORY_MISSING", "PRIMARY_NONCONTRIBUTORY_NOT_CONFIRMED"):
        return (f"{name}: state in Description of Operations that coverage is primary and "
                f"non-contributory for {holder_words}, and attach the endorsement (CG 20 01).")
    if code == "CERTIFICATE_HOLDER_MISMATCH":
        return f"Certificate holder: must read exactly \"{holder_words}\"."
    if code == "NAMED_INSURED_MISMATCH":
        return f"Named insured: must be the vendor's legal name ({required})."
    if code == "CLAIMS_MADE_NOT_ACCEPTED":
        return f"{name}: an occurrence form is required (the policy is claims-made)."
    if code == "AGGREGATE_NOT_PER_PROJECT":
        return f"{name}: the general aggregate must apply per project."
    if code == "RETENTION_ABOVE_MAXIMUM":
        return f"{name}: retention at most {money(required)} (shows {money(actual)})."
    if code == "WC_NOT_STATUTORY":
        return f"{name}: mark PER STATUTE."
    if code in ("INSURER_RATING_BELOW_MINIMUM", "INSURER_NOT_RATED"):
        return f"{name}: place with an insurer rated at least {required} by AM Best."
    return deficiency.get("message") or code.replace("_", " ").capitalize()


def renewal_line(coverage: str, policy_number: str, expiration: dt.date, today: dt.date) -> str:
    """The vendor's line for a policy that expires (or expired) and needs a renewal
    certificate."""
    number = f" {policy_number}" if policy_number else ""
    verb = "expired on" if expiration <= today else "expires on"
    return f"{coverage_name(coverage)} policy{number} {verb} {day(expiration)}: send the renewal."


def agent_renewal_line(coverage: str, policy_number: str, expiration: dt.date) -> str:
    number = f" {policy_number}" if policy_number else ""
    return (f"{coverage_name(coverage)}: issue the renewal certificate for policy{number} "
            f"(ends {day(expiration)}).")
