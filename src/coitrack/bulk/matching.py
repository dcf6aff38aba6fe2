"""Which vendor a certificate's insured name means (no Django).

1. **Normalized exact**: the name and each vendor's legal name and DBA are normalized (case,
   accents, ``&`` -> ``and``, punctuation, legal suffixes such as LLC / Inc / Corp / Co / Ltd /
   LP / LLP / PLLC / PC, a leading "The") and compared; one vendor with that name is a match
   with confidence 1.0. An insured printed as "Legal Name dba Trade Name" is tried whole and
   by each part.
2. **Fuzzy**: otherwise each vendor name gets a similarity from 0 to 1 (the better of
   difflib's ratio on the normalized names and on their words sorted, so word order does not
   matter). The best is a match when it reaches :data:`MATCH_THRESHOLD` (0.90) and leads the
   runner-up (another vendor) by :data:`MARGIN` (0.05); the confidence is that similarity.

Anything else, two vendors with the same normalized name included, is *unmatched*, with up to
:data:`SUGGESTIONS` candidates at or above :data:`SUGGEST_THRESHOLD` for the reviewer. The
threshold is set where a typo or a missing word still matches ("Acme Plumbing" / "Acme
Plumbing Services" do not: 0.74), so a certificate is never filed with the wrong vendor
silently; the tray asks a person instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

MATCH_THRESHOLD = 0.90
MARGIN = 0.05
SUGGEST_THRESHOLD = 0.60
SUGGESTIONS = 3

LEGAL_SUFFIXES = {"llc", "l l c", "inc", "incorporated", "corp", "corporation", "co",
                  "company", "ltd", "limited", "lp", "llp", "pllc", "pc", "pa", "plc", "lc"}
_DBA = re.compile(r"\s+(?:d\s*/?\s*b\s*/?\s*a|doing business as|t\s*/\s*a)\.?\s+", re.I)


def normalize(name: str) -> str:
    """``"The Acme Plumbing & Heating, L.L.C."`` -> ``"acme plumbing and heating"``."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ").replace("+", " and ")
    text = re.sub(r"(?<=\b\w)\.(?=\w\b)", "", text)  # L.L.C. -> LLC
    text = re.sub(r"[^\w\s]", " ", text)
    words = text.split()
    stripped = True
    while stripped:  # "Acme Co, Inc" loses both; a name that is only a suffix keeps it
        stripped = False
        for size in (3, 2, 1):
            if len(words) > size and " ".join(words[-size:]) in LEGAL_SUFFIXES:
                words, stripped = words[:-size], True
                break
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def name_variants(insured: str) -> list[str]:
    """The insured name normalized, whole and split at "dba" (each non-empty part once)."""
    variants = [normalize(insured)]
    variants += [normalize(part) for part in _DBA.split(insured or "")]
    return [v for v in dict.fromkeys(variants) if v]


@dataclass(frozen=True)
class Candidate:
    vendor_id: int
    name: str  # the vendor's legal name, for people
    score: float


@dataclass
class Match:
    """``vendor_id`` set when matched (``method`` ``exact`` or ``fuzzy``); else candidates."""

    vendor_id: int | None
    method: str  # "exact", "fuzzy", "ambiguous", "none", "no_name"
    confidence: float
    candidates: list[Candidate] = field(default_factory=list)


class VendorIndex:
    """The organization's vendor names, normalized once, for matching many files."""

    def __init__(self, vendors: Iterable[tuple[int, str, str]]):
        """``vendors``: ``(id, legal name, DBA)``."""
        self.by_name: dict[str, set[int]] = {}
        self.names: list[tuple[str, str, int]] = []  # (normalized, sorted words, id)
        self.labels: dict[int, str] = {}
        for vendor_id, legal_name, dba in vendors:
            self.labels[vendor_id] = legal_name
            for raw in (legal_name, dba):
                normalized = normalize(raw)
                if normalized:
                    self.by_name.setdefault(normalized, set()).add(vendor_id)
                    self.names.append((normalized, _sorted_words(normalized), vendor_id))

    def match(self, insured: str) -> Match:
        variants = name_variants(insured)
        if not variants:
            return Match(None, "no_name", 0.0)
        exact: set[int] = set()
        for variant in variants:
            exact |= self.by_name.get(variant, set())
        if len(exact) == 1:
            return Match(next(iter(exact)), "exact", 1.0)
        if len(exact) > 1:
            return Match(None, "ambiguous", 1.0, [Candidate(v, self.labels[v], 1.0)
                                                  for v in sorted(exact)][:SUGGESTIONS * 2])
        best = self._scores(variants)
        ranked = sorted(best.items(), key=lambda item: (-item[1], self.labels[item[0]]))
        candidates = [Candidate(v, self.labels[v], round(s, 3)) for v, s in ranked
                      if s >= SUGGEST_THRESHOLD][:SUGGESTIONS]
        if ranked and ranked[0][1] >= MATCH_THRESHOLD and (
                len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= MARGIN):
            return Match(ranked[0][0], "fuzzy", round(ranked[0][1], 3), candidates)
        return Match(None, "none", round(ranked[0][1], 3) if ranked else 0.0, candidates)

    def _scores(self, variants: list[str]) -> dict[int, float]:
        best: dict[int, float] = {}
        for variant in variants:
            words = _sorted_words(variant)
            matcher = SequenceMatcher(autojunk=False)
            matcher.set_seq2(variant)
            for normalized, sorted_words, vendor_id in self.names:
                matcher.set_seq1(normalized)
                # quick_ratio is an upper bound: skip names that cannot be suggested.
                if matcher.quick_ratio() < SUGGEST_THRESHOLD:
                    continue
                score = max(matcher.ratio(), SequenceMatcher(None, sorted_words, words,
                                                             autojunk=False).ratio())
                if score > best.get(vendor_id, 0.0):
                    best[vendor_id] = score
        return best


def _sorted_words(normalized: str) -> str:
    return " ".join(sorted(normalized.split()))
