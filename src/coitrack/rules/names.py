"""Name matching: the named insured, the certificate holder, and carriers by name.

Modes, as requirements-format.md defines them:
- ``exact``: case and surrounding spaces aside. Decision: runs of inner spaces are collapsed too,
  because the guide says wording checks ignore runs of spaces and PDF text often doubles them.
- ``normalized``: case, punctuation, ``&`` vs ``and``, and entity suffixes ignored. Decisions:
  periods and apostrophes are dropped (so ``L.L.C.`` reads ``llc`` and ``O'Brien`` ``obrien``),
  any other punctuation separates words (``Smith-Jones`` = ``Smith Jones``); entity suffixes are
  removed only at the end of the name, repeatedly (``Acme Holdings Co., Inc.`` -> ``acme
  holdings``), never down to nothing; a dangling ``and`` left by ``& Co.`` goes with them. The guide
  says "suffixes *such as*", so a few more common ones are included (Limited, PLLC, PLC, PC, LC,
  LLLP).
- ``off``: anything matches.

Names carrying a DBA (``John Smith dba Smith Roofing``, ``d/b/a``, ``d.b.a.``, ``doing business
as``) match when the whole name or either side of the DBA matches. Decision: the guide compares the
insured with the vendor's legal name *and* its DBA; certificates routinely print both in one line.
An empty name never matches.
"""

from __future__ import annotations

import re
from functools import lru_cache

EXACT = "exact"
NORMALIZED = "normalized"
OFF = "off"
MATCH_MODES = (EXACT, NORMALIZED, OFF)

ENTITY_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "ltd",
        "limited",
        "co",
        "corp",
        "corporation",
        "company",
        "lp",
        "llp",
        "lllp",
        "pllc",
        "plc",
        "pc",
        "lc",
    }
)

_JOINING_PUNCTUATION = re.compile(r"[.'\u2019`]")
_SEPARATING = re.compile(r"[\W_]+")
_DBA = re.compile(
    r"(?<!\w)(?:d\s*/\s*b\s*/\s*a|d\.\s*b\.\s*a\.?|dba|doing business as)(?!\w)", re.IGNORECASE
)


@lru_cache(maxsize=65_536)
def exact_key(name: str | None) -> str:
    """Case folded, surrounding spaces trimmed, inner runs of spaces made one."""
    return " ".join((name or "").split()).casefold()


@lru_cache(maxsize=65_536)
def normalize_words(text: str | None) -> str:
    """Case, punctuation and ``&``/``and`` ignored; used for addresses and as the base of names."""
    text = (text or "").casefold().replace("&", " and ")
    text = _JOINING_PUNCTUATION.sub("", text)
    return " ".join(_SEPARATING.sub(" ", text).split())


@lru_cache(maxsize=65_536)
def normalize_name(name: str | None) -> str:
    """An organization name with case, punctuation, ``&``/``and`` and entity suffixes ignored."""
    tokens = normalize_words(name).split()
    stripped = False
    while len(tokens) > 1 and tokens[-1] in ENTITY_SUFFIXES:
        tokens.pop()
        stripped = True
    if stripped and len(tokens) > 1 and tokens[-1] == "and":
        tokens.pop()
    return " ".join(tokens)


@lru_cache(maxsize=65_536)
def name_variants(name: str | None) -> tuple[str, ...]:
    """The name itself, then each side of a DBA it carries (empty parts left out)."""
    name = (name or "").strip()
    if not name:
        return ()
    parts = [part.strip(" ,;") for part in _DBA.split(name)]
    return (name, *(p for p in parts if p)) if len(parts) > 1 else (name,)


def _key(text: str, mode: str, *, is_name: bool) -> str:
    if mode == EXACT:
        return exact_key(text)
    return normalize_name(text) if is_name else normalize_words(text)


def expected_keys(expected: list[str | None], mode: str) -> frozenset[str]:
    """The comparison keys of the names a certificate may show (for ``matches_expected``)."""
    return frozenset(_key(v, mode, is_name=True) for e in expected for v in name_variants(e)) - {
        ""
    }


def matches_expected(actual: str | None, wanted: frozenset[str], mode: str) -> bool:
    """Whether the printed name matches one of the ``expected_keys``."""
    if mode == OFF:
        return True
    return any(_key(v, mode, is_name=True) in wanted for v in name_variants(actual))


def names_match(actual: str | None, expected: list[str | None], mode: str) -> bool:
    """Whether the name on the certificate matches any of the expected names under ``mode``."""
    return mode == OFF or matches_expected(actual, expected_keys(expected, mode), mode)


def addresses_match(actual: str | None, expected: str | None, mode: str) -> bool:
    """Addresses compared "the same way" as names. Decision: entity suffixes are not stripped
    from addresses (``Denver, CO`` must keep its ``CO``); case, punctuation and spaces are."""
    if mode == OFF:
        return True
    a = _key(actual or "", mode, is_name=False)
    return bool(a) and a == _key(expected or "", mode, is_name=False)
