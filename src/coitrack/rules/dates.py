"""Policy dates: is a policy in force on a day, and if not, why not.

certificate-schema.md: a policy is in force on day D when ``effective_date <= D <
expiration_date`` (policies expire at 12:01 a.m. on the expiration date, so a policy expiring
today is expired today).

Decisions for dates the guide leaves open:
- A policy whose expiration is on or before its effective date is never in force. Its state is
  ``expired`` when its expiration date has passed, else ``not_yet_effective`` (its effective date
  is then necessarily in the future). The consistency check reports DATA_INCONSISTENT besides.
- A policy with no expiration date cannot be shown to be still running: it is ``expired`` (unless
  its effective date is in the future). One with no effective date cannot be shown to have started:
  ``not_yet_effective`` (unless its expiration date has passed). The messages say which date is
  missing. This keeps "null, never a guess" from ever producing a compliant coverage.
"""

from __future__ import annotations

import datetime as dt

from coitrack.rules.certificates import Policy

IN_FORCE = "in_force"
EXPIRED = "expired"
NOT_YET_EFFECTIVE = "not_yet_effective"


def date_state(policy: Policy, as_of: dt.date) -> str:
    """``in_force``, ``expired`` or ``not_yet_effective`` on ``as_of``."""
    expiration, effective = policy.expiration_date, policy.effective_date
    if expiration is not None and expiration <= as_of:
        return EXPIRED
    if effective is not None and effective > as_of:
        return NOT_YET_EFFECTIVE
    if expiration is None:
        return EXPIRED
    if effective is None:
        return NOT_YET_EFFECTIVE
    return IN_FORCE
