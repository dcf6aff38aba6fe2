"""Wording checks on free text (description of operations, write-in coverage names).

requirements-format.md: wording checks ignore case and runs of spaces. Text is therefore compared
after ``casefold()`` and with every run of white space (spaces, tabs, line breaks from a PDF) made
one space.

Decisions where the guide lists phrases:
- primary & non-contributory: the guide lists "primary and non-contributory", "primary &
  non-contributory", "primary/non-contributory" and "primary and noncontributory". Those are the
  connector (and, &, /) crossed with the hyphen (non-contributory, noncontributory); every
  combination of the two is accepted, with optional spaces around "/".
- per-project aggregate: "per project aggregate", also written "per-project aggregate".
"""

from __future__ import annotations

import re

_PRIMARY_NONCONTRIBUTORY = re.compile(r"primary ?(?:and|&|/) ?non-?contributory")
_PER_PROJECT_AGGREGATE = re.compile(r"per[- ]project aggregate")


def normalize_wording(text: str | None) -> str:
    """Case folded, runs of white space made one space, ends trimmed; ``None`` -> ``""``."""
    if not text:
        return ""
    # str.split() splits on runs of any white space and drops the ends: ~10x faster than re.sub.
    return " ".join(text.split()).casefold()


def contains_wording(text: str | None, phrase: str | None) -> bool:
    """Whether ``phrase`` occurs in ``text``, ignoring case and runs of spaces."""
    needle = normalize_wording(phrase)
    return bool(needle) and needle in normalize_wording(text)


def says_primary_noncontributory(normalized_text: str) -> bool:
    """Whether already-normalized text states primary and non-contributory wording."""
    return _PRIMARY_NONCONTRIBUTORY.search(normalized_text) is not None


def says_per_project_aggregate(normalized_text: str) -> bool:
    """Whether already-normalized text states a per-project aggregate."""
    return _PER_PROJECT_AGGREGATE.search(normalized_text) is not None
