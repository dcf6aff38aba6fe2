"""Insurer quality: AM Best rating and financial size from the organization's carrier table.

requirements-format.md: checks are made per required coverage, on the insurer of the policy judged
for it (the same weak insurer behind two coverages gives two deficiencies). An insurer missing
from the carrier table, or whose rating is empty or unknown, is not rated: INSURER_NOT_RATED unless
``allow_unrated``.

Decisions:
- The check runs whenever the template has an ``insurer`` object, even one with no minimums: the
  object itself asks for rated insurers (``allow_unrated: true`` turns that off).
- A policy naming no insurer letter, or a letter the certificate does not list, has no insurer to
  look up: not rated. Without a carrier table every insurer is not rated.
- An allowed unrated insurer is not checked further (size categories come with a rating).
- A rated insurer whose financial size is unknown fails a ``min_financial_size`` (it cannot be
  shown to meet it). Rating and size below the minimum give one deficiency naming both.
"""

from __future__ import annotations

from coitrack.rules.carriers import RATING_RANK, Carrier, CarrierTable
from coitrack.rules.certificates import Insurer, Policy
from coitrack.rules.deficiencies import (
    INSURER_NOT_RATED,
    INSURER_RATING_BELOW_MINIMUM,
    Deficiency,
)
from coitrack.rules.requirements import InsurerRequirement


def resolve_insurer(
    policy: Policy, carriers: CarrierTable | None
) -> tuple[Insurer | None, Carrier | None]:
    """The certificate's insurer behind the policy, and its row in the carrier table."""
    letter = policy.insurer_letter
    insurer = policy.certificate.insurers.get(letter) if letter else None
    carrier = (
        carriers.lookup(name=insurer.name, naic=insurer.naic) if insurer and carriers else None
    )
    return insurer, carrier


def insurer_deficiency(
    *,
    coverage: str,
    label: str,
    policy: Policy,
    requirement: InsurerRequirement,
    insurer: Insurer | None,
    carrier: Carrier | None,
) -> Deficiency | None:
    """INSURER_NOT_RATED or INSURER_RATING_BELOW_MINIMUM for the judged policy, or ``None``.

    ``insurer``/``carrier`` come from ``resolve_insurer``."""
    letter = policy.insurer_letter
    if carrier is None or not carrier.rated:
        if requirement.allow_unrated:
            return None
        if not letter:
            why = f"{label} {policy.reference()} names no insurer, so it cannot be rated."
        elif insurer is None:
            why = (f"{label} {policy.reference()} names insurer {letter}, which the certificate "
                   "does not list, so it cannot be rated.")
        elif carrier is None:
            naic = f" (NAIC {insurer.naic})" if insurer.naic else ""
            why = f"{label} insurer {insurer.name or 'unnamed'}{naic} is not in the carrier table."
        else:
            why = f"{label} insurer {carrier.name} has no AM Best rating in the carrier table."
        return Deficiency(INSURER_NOT_RATED, coverage, why,
                          required=requirement.describe(), actual=None)
    minimum_rating, minimum_size = requirement.min_rating, requirement.min_financial_size
    rating_low = bool(minimum_rating) and RATING_RANK[carrier.rating] < RATING_RANK[minimum_rating]
    size_low = bool(minimum_size) and (
        carrier.financial_size is None or carrier.financial_size < minimum_size
    )
    if not (rating_low or size_low):
        return None
    shown = carrier.describe()
    if minimum_size and carrier.financial_size is None:
        shown += " (financial size not in the carrier table)"
    return Deficiency(
        INSURER_RATING_BELOW_MINIMUM,
        coverage,
        f"{label} insurer {insurer.name or carrier.name} is rated {shown}; "
        f"at least {requirement.describe()} required.",
        required=requirement.describe(),
        actual=carrier.describe(),
    )
