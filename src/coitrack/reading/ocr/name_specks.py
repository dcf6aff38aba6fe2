"""Punctuation and letters no business name has, which a speck of dust explains (names.py
doubts a name that has them; a second reading that agrees cannot lift those doubts: the same
speck is read again).
"""

from __future__ import annotations

import re

# Words every insurer's or business's name may end with; a name of these alone has lost the
# words that were its own ("Arch Insurance Company" read as "Insurance Company").
_GENERIC = frozenset({
    "insurance", "company", "companies", "co", "inc", "corp", "corporation", "group", "llc",
    "llp", "ltd", "of", "the", "and", "mutual", "casualty", "fund", "assurance", "exchange",
})


# A small word joined to another by a hyphen ("Company of-America", "Company-of America").
_SMALL_HYPHENED = re.compile(r"^(?i:(?:of|and|the)-[A-Za-z]+|[A-Za-z]+-(?:of|and|the))$")
# Two marks in a row between letters ("Group.-LLC": a comma read as ".-"); the rare name
# written so ("Co.-op") is left for review.
_TWO_MARKS = re.compile(r"[A-Za-z][.,'\u2019-]{2,}[A-Za-z]")


_LEGAL = frozenset({"inc", "corp", "co", "ltd", "llc", "llp", "lp", "pllc", "pc", "pa", "plc"})


def _comma_kept(rest: list[str]) -> bool:
    """Whether a comma before the words ``rest`` is one names write: before a legal form
    ("Group, LLC") or a state's code ("of Pittsburgh, PA"), or in a list that goes on to "and"
    or "&" ("Mechanical, Electrical and Plumbing", "Smith, Jones & Co."), or before the last
    word (a place: "of Reading, Pennsylvania")."""
    following = rest[0].strip(".,")
    if following.lower().replace(".", "") in _LEGAL or (
        len(following) == 2 and following.isupper()
    ):
        return True
    if len(rest) == 1 and following[:1].isupper():  # "... of Reading, Pennsylvania"
        return True
    return any(t.lower() in ("and", "&") for t in rest)


def generic_only(tokens: list[str]) -> bool:
    """Whether a name is made of words every name may end with, and nothing of its own, or
    has no word of three letters at all ("1A": the insurer's letter read as its name)."""
    if not any(sum(c.isalpha() for c in t) >= 3 for t in tokens):
        return True
    return all(t.strip(".,").lower() in _GENERIC or t == "&" for t in tokens)


def specks(tokens: list[str]) -> list[str]:
    """Why each of ``tokens`` (a name's words) may be a speck read as writing: a colon inside
    the name ("Services: Co."), an exclamation mark before more words ("Environmenta!
    Remediation"), a comma after a small word ("The, Hanover"), a lone capital between two
    words ("State S Compensation"), a lone mark before the name ("1 The Hanover"), a first word
    in small letters ("tronwood Painting"), a word in capitals ending a name in small letters
    (a caption: "... of Wausau COVERAGE"), an Irish name's apostrophe read as a space
    ("O Neill"), a lone digit between two words ("Zurich 2 American"), a small word joined by
    a hyphen ("of-America") and two marks between letters ("Group.-LLC"). Empty when none
    applies."""
    reasons = []
    for index, token in enumerate(tokens):
        last = index == len(tokens) - 1
        if ":" in token.rstrip(":") or (token.endswith(":") and not last):
            reasons.append(f"speck: {token!r} has a colon inside the name")
        if "!" in token and not (last and token.endswith("!") and token.count("!") == 1):
            reasons.append(f"speck: {token!r} has an exclamation mark inside the name")
        if token.lower() in ("the,", "of,", "and,", "&,"):
            reasons.append(f"speck: {token!r} has a comma no name puts there")
        if (
            0 < index < len(tokens) - 1
            and len(token) == 1
            and token.isupper()
            and len(tokens[index - 1].strip(".,")) >= 3
            and len(tokens[index + 1].strip(".,")) >= 3
        ):
            reasons.append(f"speck: a lone {token!r} between two words")
        if 0 < index < len(tokens) - 1 and token.isdigit() and len(token) == 1:
            reasons.append(f"speck: a lone {token!r} between two words")  # "Zurich 2 American"
        if index == 0 and not last and len(token) == 1 and not token.isalpha():
            reasons.append(f"speck: a lone {token!r} before the name")  # "1 The Hanover ..."
        if (
            index == 0
            and len(token) >= 4
            and token.isalpha()
            and token.islower()
            and any(t[:1].isupper() for t in tokens[1:])
        ):  # "tronwood Painting LLP": a capital lost its stroke ("eBay" keeps one)
            reasons.append(f"speck: {token!r} starts the name in small letters")
        if (
            last
            and index >= 2
            and len(token) >= 5
            and token.isalpha()
            and token.isupper()
            and any(t.isalpha() and not t.isupper() for t in tokens[:-1])
        ):  # "... Company of Wausau COVERAGE": a caption of the form read into the name
            reasons.append(f"speck: {token!r} in capitals ends a name in small letters")
        if token.endswith(",") and not last and not _comma_kept(tokens[index + 1 :]):
            reasons.append(f"speck: {token!r} has a comma no name puts there")
        if _SMALL_HYPHENED.match(token.strip(".,")):  # "of-America": a hyphen for a space
            reasons.append(f"glued: {token!r} looks like two words")
        if _TWO_MARKS.search(token):
            reasons.append(f"speck: {token!r} has two marks between its letters")
        if token == "O" and not last and tokens[index + 1][:1].isupper():
            reasons.append(f"speck: 'O {tokens[index + 1]}' may be O'{tokens[index + 1]}")
    return reasons
