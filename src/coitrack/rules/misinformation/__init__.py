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

from collections.abc import Iterable, Sequence
from typing import Any

from coitrack.rules.carriers import CarrierTable
from coitrack.rules.misinformation.common import (
    CERTIFICATE_DATE_OLDER,
    CODES,
    INSURER_CHANGED_MID_TERM,
    LIMIT_REDUCED_AT_RENEWAL,
    LIMITS_EXACTLY_AT_MINIMUM,
    NAIC_NAME_MISMATCH,
    NAMED_INSURED_DIFFERS,
    PDF_EDITED_AFTER_PRODUCTION,
    POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS,
    SELF_CONTRADICTING,
    TITLES,
    Flag,
    _read,
)
from coitrack.rules.misinformation.content import _at_minimum, _contradictions, _named_insured, _pdf
from coitrack.rules.misinformation.history import _older_date, _policy_numbers, _reductions
from coitrack.rules.misinformation.insurers import _insurer_changes, _naic_names, insurer_name_key

__all__ = [
    "CERTIFICATE_DATE_OLDER",
    "CODES",
    "INSURER_CHANGED_MID_TERM",
    "LIMITS_EXACTLY_AT_MINIMUM",
    "LIMIT_REDUCED_AT_RENEWAL",
    "NAIC_NAME_MISMATCH",
    "NAMED_INSURED_DIFFERS",
    "PDF_EDITED_AFTER_PRODUCTION",
    "POLICY_NUMBER_REUSED_WITH_DIFFERENT_TERMS",
    "SELF_CONTRADICTING",
    "TITLES",
    "Flag",
    "find_flags",
    "insurer_name_key",
]


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
