"""The vendor's status, derived from the unwaived deficiencies (requirements-format.md).

- ``missing``: no certificate at all (whatever else is listed);
- ``expired``: every unwaived ``fail`` is POLICY_EXPIRED (a renewal alone would fix it);
- ``non_compliant``: any other unwaived ``fail``;
- ``expiring``: no unwaived ``fail``, but an unwaived POLICY_EXPIRING warning;
- ``compliant``: nothing else (a WORK_PERIOD_NOT_COVERED warning alone is compliant).
"""

from __future__ import annotations

from collections.abc import Iterable

from coitrack.rules.deficiencies import FAIL, POLICY_EXPIRED, POLICY_EXPIRING, Deficiency

MISSING = "missing"
EXPIRED = "expired"
NON_COMPLIANT = "non_compliant"
EXPIRING = "expiring"
COMPLIANT = "compliant"
STATUSES = (MISSING, EXPIRED, NON_COMPLIANT, EXPIRING, COMPLIANT)


def derive_status(deficiencies: Iterable[Deficiency], *, has_certificate: bool) -> str:
    if not has_certificate:
        return MISSING
    active = [d for d in deficiencies if not d.waived]
    fails = [d for d in active if d.severity == FAIL]
    if fails:
        return EXPIRED if all(d.code == POLICY_EXPIRED for d in fails) else NON_COMPLIANT
    if any(d.code == POLICY_EXPIRING for d in active):
        return EXPIRING
    return COMPLIANT
