"""The parties on the certificate: the named insured and the certificate holder.

Both concern the whole certificate, so each is reported at most once, with ``coverage`` null
(requirements-format.md).

Decisions:
- Every certificate given is checked (for ``coitrack check``: every CERT); the single deficiency
  quotes the first mismatching one. A certificate that shows no name does not match.
- The named-insured check is skipped without a vendor name (or with ``named_insured_match: off``).
  The insured may match the legal name or the DBA (and either side of a "dba" it prints).
- The holder's name must match; the address is compared only when the template gives one. A name
  mismatch is reported in preference to an address mismatch (``required``/``actual`` then hold the
  names, otherwise the addresses).
"""

from __future__ import annotations

from coitrack.rules.certificates import Certificate
from coitrack.rules.deficiencies import (
    CERTIFICATE_HOLDER_MISMATCH,
    NAMED_INSURED_MISMATCH,
    Deficiency,
)
from coitrack.rules.names import OFF, addresses_match, expected_keys, matches_expected
from coitrack.rules.requirements import HolderRequirement


def _quoted(text: str) -> str:
    return f'"{text}"' if text else "(none shown)"


def named_insured_deficiency(
    certificates: list[Certificate],
    *,
    mode: str,
    vendor_name: str | None,
    vendor_dba: str | None,
) -> Deficiency | None:
    if not (vendor_name or "").strip() or mode == OFF:
        return None
    wanted = expected_keys([vendor_name, vendor_dba], mode)
    for certificate in certificates:
        if not matches_expected(certificate.insured_name, wanted, mode):
            vendor = _quoted(vendor_name.strip())
            if (vendor_dba or "").strip():
                vendor += f" (DBA {_quoted(vendor_dba.strip())})"
            return Deficiency(
                NAMED_INSURED_MISMATCH, None,
                f"The named insured {_quoted(certificate.insured_name)} does not match the "
                f"vendor {vendor}.",
                required=vendor_name.strip(), actual=certificate.insured_name or None,
            )
    return None


def holder_deficiency(
    certificates: list[Certificate], requirement: HolderRequirement | None
) -> Deficiency | None:
    if requirement is None or requirement.match == OFF:
        return None
    wanted = expected_keys([requirement.name], requirement.match)
    for certificate in certificates:
        if not matches_expected(certificate.holder_name, wanted, requirement.match):
            return Deficiency(
                CERTIFICATE_HOLDER_MISMATCH, None,
                f"The certificate holder {_quoted(certificate.holder_name)} does not match the "
                f"required holder {_quoted(requirement.name)}.",
                required=requirement.name, actual=certificate.holder_name or None,
            )
        if requirement.address and not addresses_match(
            certificate.holder_address, requirement.address, requirement.match
        ):
            return Deficiency(
                CERTIFICATE_HOLDER_MISMATCH, None,
                f"The certificate holder's address {_quoted(certificate.holder_address)} does "
                f"not match the required address {_quoted(requirement.address)}.",
                required=requirement.address, actual=certificate.holder_address or None,
            )
    return None
