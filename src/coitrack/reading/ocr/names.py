"""Doubts about names read by OCR that the recognizer was sure of.

The recognizer sometimes drops a letter ("Plmbing"), adds one ("Comipany"), loses a space
("FireProtection"), adds one ("St ate Compensat ion") or reads a speck of dust as punctuation
("Company.", "Cooperative; Inc.") and is fully sure of it. Names have no checksum, but they are
made of words: a word that is one letter away from a common name word (lexicon.py), two of
them glued, or a common word cut in two, is a reason to read the name again (reread.py); a
semicolon is never part of a name. Specks read as punctuation are cleaned away in
name_dust.py.
"""

from __future__ import annotations

import itertools
import re

from coitrack.reading.ocr.lexicon import WORDS
from coitrack.reading.ocr.name_specks import generic_only, specks

NAME_KEYS = re.compile(r"^(insured\.name|certificate_holder\.name|insurer\.[A-F]\.name)$")

# Words a period may follow in a name: legal forms, abbreviations of words and places.
_ABBREVIATIONS = """
    inc co corp ltd llc llp lp pc pa plc na sa ag nv bv bros assn assoc intl mfg dept st ave
    rd blvd jr sr dr mt ft no svc svcs cos cie gmbh ins natl amer mut cas gen grp hldgs ind
    mgmt dist div univ hosp med ctr sq hwy pkwy ste fl apt us usa eng engr contr constr elec
    mech serv est dba etc
"""
ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())
# Legal forms written as capitals without a period ("LLC", not "LLC."): one after them is dust.
UNDOTTED = frozenset({"llc", "llp", "lp", "pllc", "lllp"})
# How legal forms are written; read in small letters ("inc.") they are put back.
LEGAL_FORMS = {
    "inc": "Inc",
    "corp": "Corp",
    "co": "Co",
    "ltd": "Ltd",
    "llc": "LLC",
    "llp": "LLP",
    "lp": "LP",
    "pllc": "PLLC",
}
_LEGAL_FORM = re.compile(r"(?<=\s)(inc|corp|ltd|llc|llp|pllc)(\.?)(?=$|[\s,])")
# "Inc:", "Inc,": a speck over the closing legal form's period, or its period read as a comma
_FORM_COLON = re.compile(r"(?<=\s)((?i:inc|corp|co|ltd|llc|llp|lp|pllc))[:,]$")
_CAMEL = re.compile(r"^([A-Z][a-z]{3,})([A-Z][a-z]{3,})$")
_JOINED_SMALL = re.compile(r"^([A-Za-z]{4,})(of|and|the)$")  # a word and a small one, glued
_SMALL_JOINED = re.compile(r"^(The|And|Of)([A-Z][a-z]{2,})$")  # "TheHanover"
MIN_NEAR = 5  # lexicon words shorter than this are too easily one letter from a surname


def known_word(token: str) -> bool:
    """Whether a token of a name, punctuation aside, is a common name word or an abbreviation
    ("Insurance", "Company,", "Inc.", "&")."""
    word = token.strip(".,&'()-:;")
    if not word:
        return True
    return (
        word.isalpha()
        and len(word) > 1
        and (_known(word) or word.lower() in ABBREVIATIONS or word.lower() in _JOINERS)
    )


def _known(word: str) -> bool:
    w = word.lower()
    return (
        w in WORDS
        or (w.endswith("s") and w[:-1] in WORDS)
        # "-es" makes a plural after a hissing sound only ("glasses", "branches"): "Trustes"
        # is not "trust" in the plural
        or (w.endswith("es") and w[:-2] in WORDS and w[:-2].endswith(("s", "x", "z", "ch", "sh")))
    )


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by inserting, deleting or changing exactly one letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def within_edits(a: str, b: str, limit: int) -> bool:
    """Whether at most ``limit`` insertions, deletions or changes turn ``a`` into ``b``."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1] <= limit


_BY_LENGTH: dict[int, list[str]] = {}
for _w in WORDS:
    if len(_w) >= MIN_NEAR:
        _BY_LENGTH.setdefault(len(_w), []).append(_w)


# Letter pairs a recognizer reads for one letter and back ("Insurarice", "Cornpany").
CONFUSIONS = (("ri", "n"), ("rn", "m"), ("cl", "d"), ("vv", "w"), ("li", "h"), ("iu", "m"),
              ("ni", "m"))
# One letter a recognizer reads for a pair ("Zunch" for Zurich, "Amencan", "Westheld",
# "Uberty" for Liberty): the letter read, then the pair printed.
MERGED = (("n", "ri"), ("m", "rn"), ("d", "cl"), ("w", "vv"), ("h", "li"), ("h", "fi"),
          ("u", "li"))
_WIDE_LETTERS = "mw"  # letters a poor page breaks into two others
SHORT_PLACES = ("ohio", "iowa", "utah")
_THREE_LETTER = tuple(w for w in WORDS if len(w) == 3)
_FOUR_LETTER = tuple(w for w in WORDS if len(w) == 4)
STRONG_NEAR = 6  # a word this long one letter from a common word is not a name of its own


def near_word(word: str) -> str | None:
    """The common name word ``word`` is one letter (or one look-alike pair) away from, if it
    is not one itself."""
    if len(word) < 3 or _known(word):
        return None
    w = word.lower()
    if len(w) == 3:
        # three-letter words by a look-alike letter only ("Oid" is Old; "Lee" stays a name)
        return next((c for c in _THREE_LETTER if _lookalike(w, c)), None)
    if len(w) == 4:
        # four-letter words are compared with the four-letter states only ("Ohip" is Ohio:
        # many surnames are one letter from a short common word), with the five-letter
        # words they are with one thin letter lost ("Goup" is Group), and with the others by
        # a look-alike letter only ("Biue" is Blue)
        return (
            next((p for p in SHORT_PLACES if _one_edit(w, p)), None)
            or next((c for c in _BY_LENGTH.get(5, ()) if _lookalike(w, c)), None)
            or next((c for c in _FOUR_LETTER if _lookalike(w, c)), None)
        )
    for pair, letter in CONFUSIONS:
        if pair in w and _known(w.replace(pair, letter)):
            return w.replace(pair, letter)
    if len(w) >= STRONG_NEAR:
        # a wide letter broken in two ("Pluntbing": "nt" for "m"), whatever the two look like
        for i, letter in itertools.product(range(len(w) - 1), _WIDE_LETTERS):
            if _known(w[:i] + letter + w[i + 2 :]):
                return w[:i] + letter + w[i + 2 :]
    for length in (len(w) - 1, len(w), len(w) + 1):
        for candidate in _BY_LENGTH.get(length, ()):
            if _one_edit(w, candidate):
                return candidate
    return None


def merged_pair(word: str) -> str | None:
    """The common name word ``word`` is when one of its letters is read back as the pair it
    may have merged (:data:`MERGED`), if it is not a word itself; a three-letter word one
    letter short of a four-letter state ("Oho") too."""
    w = word.lower()
    if len(w) < 3 or _known(w):
        return None
    if len(w) == 3:
        return next((p for p in SHORT_PLACES if _one_edit(w, p)), None)
    for letter, pair in MERGED:
        for i, char in enumerate(w):
            if char == letter and _known(w[:i] + pair + w[i + 1 :]):
                return w[:i] + pair + w[i + 1 :]
    return None


def strong_doubts(name: str) -> list[str]:
    """The doubts a second reading that agrees cannot lift: a semicolon, two words glued
    ("FireProtection", "Catering'LLC", "Metal.Corp": a brand written so is left for review
    too, on scans only), or a long word one letter from a common one ("Instrance")."""
    return [d for d in doubts(name) if d.startswith(_STRONG)]


_STRONG = (
    "a semicolon", "glued:", "long:", "split:", "speck:", "legal form:", "capital:", "cut:"
)


def doubts(name: str) -> list[str]:
    """Why an OCR reading of ``name`` may be wrong although the recognizer was sure (empty when
    nothing looks off). Proper names (surnames, brands) are not in the lexicon and raise no
    doubt unless they are one letter from a common word."""
    reasons = []
    if ";" in name:
        reasons.append("a semicolon")
    tokens = name.split()
    words = [t.strip(".,&'()-") for t in tokens]
    for token in tokens:
        glued = _GLUED.match(token.strip(",&()"))
        if glued and _separate(glued[1], glued[3], glued[2]):
            reasons.append(f"glued: {token!r} looks like two words")
        if _STRAY_QUOTE.match(token):
            reasons.append(f"glued: {token!r} ends in a stray quote")
        if _Q_WITHOUT_U.search(token):
            reasons.append(f"glued: {token!r} has a q without a u")
        inner = _INNER_QUOTE.match(token.strip(".,&()"))
        if inner and _known(inner[1] + inner[2]):
            reasons.append(f"speck: {token!r} is {inner[1] + inner[2]!r} with a quote inside")
    for token in tokens:
        hyphened = _HYPHENED.match(token.strip(".,"))
        parts = token.strip(".,").split("-")
        if any(
            left.isalpha() and right.isalpha() and _known(right) and (
                _known(left) or (len(left) >= 5 and len(right) >= 4)
            )
            for left, right in itertools.pairwise(parts)
        ):  # "Insurance-Company", "Nguyen-Fire", "Tri-State-Contractors": not "Tri-County"
            reasons.append(f"glued: {token!r} looks like two words")
        elif hyphened and _known(hyphened[1] + hyphened[2]):  # "Insur-ance"
            reasons.append(f"split: {token!r} is one word cut by a hyphen")
        if _IRISH.match(token.strip(".,")):
            reasons.append(f"speck: {token!r} may have lost its apostrophe")
        for part in token.strip(".,").split("-")[1:]:  # "Tri-StateContractors"
            camel = _CAMEL.match(part)
            if camel and _known(camel[1]) and _known(camel[2]):
                reasons.append(f"glued: {token!r} looks like two words")
    for left, right in itertools.pairwise(tokens):
        if left in _PREFIXES and right[:1].isupper():
            reasons.append(f"split: {left + ' ' + right!r} may have lost its hyphen")
    if len(tokens) > 1 and len(tokens[0]) == 1 and tokens[1][:1] == tokens[0].upper():
        reasons.append(f"speck: {tokens[0]!r} before {tokens[1]!r} may be a caption's dust")
    reasons += specks(tokens)
    if _ADDRESS_INSIDE.search(name):
        reasons.append("glued: the name runs into an address")
    if "ol" in tokens[1:-1]:  # "Company ol Pittsburgh": no name has the word "ol"
        reasons.append("speck: 'ol' may be 'of'")
    capitalized = [w for w in words if len(w) >= 4 and w[:1].isupper()]
    for word in words:
        if len(capitalized) >= 2 and _SMALL_L_FOR_I.match(word) and not _known(word):
            reasons.append(f"capital: {word!r} may be {'I' + word[1:]!r}")
    if tokens and _near_legal_form(tokens[-1]):
        reasons.append(f"legal form: {tokens[-1]!r} is almost a legal form")
    if tokens and _dotted_inside(tokens[-1]):
        reasons.append(f"legal form: {tokens[-1]!r} has a period inside")
    if tokens and generic_only(tokens):
        reasons.append("cut: the name has no word of its own (its first words lost?)")
    for word in words:
        if not word.isalpha():
            continue
        merged = merged_pair(word)
        if merged:
            reasons.append(f"long: {word!r} may be {merged!r}")
        near = near_word(word)
        if near and not merged:
            strong = len(word) >= STRONG_NEAR or near in SHORT_PLACES or _lookalike(word, near)
            strength = "long: " if strong else ""
            reasons.append(f"{strength}{word!r} is almost {near!r}")
        camel = _CAMEL.match(word)
        if camel and _known(camel[1]) and _known(camel[2]):
            reasons.append(f"glued: {word!r} looks like two words")
        joined = _JOINED_SMALL.match(word)
        if (joined and _known(joined[1]) and not _known(word)) or _SMALL_JOINED.match(word):
            reasons.append(f"glued: {word!r} looks like two words")  # "Companyof", "TheHanover"
    for left, right in itertools.pairwise(words):
        glued = left + right
        if (
            left.isalpha()
            and right.isalpha()
            and (
                (right[:1].islower() and len(glued) >= MIN_NEAR)
                or (left.isupper() and right.isupper() and len(glued) >= 4)  # "HV AC"
            )
            and _known(glued)
            and not (_known(left) and _known(right))
        ):
            reasons.append(f"split: {left!r} {right!r} looks like {glued!r}")
    near = [r for r in reasons if " is almost " in r and not r.startswith(_STRONG)]
    if len(near) >= 2:  # one short near-word may be a surname ("Stell"); two are misreads
        reasons.append(f"long: {len(near)} words are almost common words")
    return reasons


# "Evergreen Paving LLP PO.Box 6785", "... LLC PO Box13896", "FO BOX" (a fax's P): the
# address's first line read into the name's
_ADDRESS_INSIDE = re.compile(r"\b[PF]\.?\s?[O0Q]\.?\s?Box(?:\b|(?=\d))", re.IGNORECASE)
# Two words joined by a hyphen where a space was ("Insurance-Company"), not "Tri-County".
_HYPHENED = re.compile(r"^([A-Za-z]{3,})-([A-Za-z]{3,})$")
# "ONeill", "OBrien": an Irish name whose apostrophe was lost.
_IRISH = re.compile(r"^O[A-Z][a-z]{2,}$")
# Prefixes written with a hyphen ("Tri-County", "Mid-America"): standing alone before a
# capitalized word, the hyphen was lost (a name printed "Tri County" is left for review).
_PREFIXES = frozenset({"Tri", "Mid"})


# Two words joined by an apostrophe or a period where a space was ("Catering'LLC",
# "Company'of", "Metal.Corp.", "Tri-County.Janitorial", "O'Neill.Electrical"): not "O'Brien",
# "Macy's" or "L.L.C.".
_GLUED = re.compile(
    r"^([A-Za-z](?:[A-Za-z'-]*[A-Za-z])?)(['\u2019.])([A-Za-z][A-Za-z-]*[A-Za-z])\.?$"
)
# A quote ending a word is a possessive ("Builders'") or a dropped g ("Dunkin'"), else dust
# ("Union' Fire").
_STRAY_QUOTE = re.compile(r"^(?:[A-Za-z][A-Za-z-]*)?(?<![sS])(?<!in)['\u2019`]$")
# English spelling puts a u after a q ("Qhio" is "Ohio" with a speck on the O); the few names
# without one ("Qdoba") are left for review on scans.
_Q_WITHOUT_U = re.compile(r"[Qq](?![Uu])(?=[A-Za-z])")
# A quote inside a word that is a common word without it ("C'asualty"): not "O'Brien".
_INNER_QUOTE = re.compile(r"^([A-Za-z]+)['\u2019`]([A-Za-z]{2,})$")
# A capital I read as a small l at the start of a word among capitalized ones ("lronwood").
_SMALL_L_FOR_I = re.compile(r"^l[a-z]{3,}$")
_FORMS = ("inc", "llc", "llp", "ltd", "corp", "pllc")
# Letters a recognizer reads for the letters of a legal form ("lnc", "1nc", "Inc" -> "lne").
_FORM_FOLD = str.maketrans({"l": "i", "1": "i", "|": "i", "!": "i", "0": "o", "e": "c"})


# Letters a recognizer reads for one another on a poor page ("Unjon" for Union): a word one of
# them away from a common word is that word misread, not a surname.
_LOOKALIKE_LETTERS = frozenset(
    pair for a, b in ("ji", "li", "tl", "ft", "ce", "hl") for pair in ((a, b), (b, a))
)


_THIN_LETTERS = "iltfrj"  # letters of one thin stroke, which a poor page loses whole


def _lookalike(word: str, near: str) -> bool:
    """Whether ``word`` is ``near`` with one letter read as its look-alike, or with one thin
    letter lost ("Summt" for Summit)."""
    w, n = word.lower(), near.lower()
    if len(n) == len(w) + 1:
        return any(n[:i] + n[i + 1 :] == w for i, c in enumerate(n) if c in _THIN_LETTERS)
    if len(w) != len(n):
        return False
    pairs = [(a, b) for a, b in zip(w, n, strict=True) if a != b]
    return len(pairs) == 1 and pairs[0] in _LOOKALIKE_LETTERS


def _near_legal_form(token: str) -> bool:
    """Whether a name's last word reads as a legal form once the recognizer's look-alikes are
    folded ("lne", "lnc."), but is not one ("One" and "Inn" are words)."""
    word = token.strip(".,:;'").lower().replace(".", "")  # "L1.C", "L.L.C."
    if len(word) == 2 and word.isalpha() and word not in _FORMS and word not in ABBREVIATIONS:
        return any(_one_edit(word, form) for form in ("inc", "llc", "ltd"))  # "Ic"
    if not 2 < len(word) < 5 or word in _FORMS or word in ABBREVIATIONS or _known(word):
        return False
    folded = word.translate(_FORM_FOLD)
    return any(folded == form.translate(_FORM_FOLD) for form in _FORMS)


_JOINERS = frozenset({"of", "and", "the", "inc", "llc", "co", "corp", "ltd", "lp", "llp"})


def _separate(left: str, right: str, mark: str) -> bool:
    """Whether ``left`` + ``mark`` + ``right`` is two words that lost their space."""
    right_word = right.lower() in _JOINERS or _known(right)
    if mark == ".":
        # "Metal.Corp", "Tri-County.Area": a period after a full word (not an abbreviation
        # or an initial) and a capital, or a small joiner ("Company.of America")
        return left.lower() not in ABBREVIATIONS and len(left) >= 3 and (
            right[:1].isupper() or (right in ("of", "and", "the") and right_word)
        )
    return right_word and len(right) >= 2 and right.lower() not in {"s", "t", "ll", "re", "ve"}


def confused(word: str) -> str | None:
    """``word`` with a pair of letters the recognizer reads for one letter put back ("ri" for
    "n": "Insurarice" -> "Insurance"), when that makes it a common name word; long words only
    (:data:`STRONG_NEAR`): a short one may be a surname."""
    if len(word) < STRONG_NEAR or _known(word):
        return None
    for pair, letter in CONFUSIONS:
        index = word.lower().find(pair)
        if index >= 0:
            candidate = word[:index] + letter + word[index + len(pair) :]
            if _known(candidate):
                return candidate
    return None


def respell(text: str, alternatives: list[str | None]) -> str | None:
    """``text`` (one word as OCR read it) with one character replaced by the recognizer's own
    second choice for it, when exactly one such replacement makes a common name word of a word
    that is not one ("Insuramce" with "n" second at the "m": "Insurance"); else None.
    ``alternatives`` holds each character's second choice (None where there is none)."""
    if len(alternatives) != len(text) or known_word(text):
        return None
    found = set()
    for index, alternative in enumerate(alternatives):
        if not alternative or not alternative.isalpha():
            continue
        if text[index].isupper():
            alternative = alternative.upper()
        elif text[index].islower():
            alternative = alternative.lower()
        candidate = text[:index] + alternative + text[index + 1 :]
        if known_word(candidate):
            found.add(candidate)
    return found.pop() if len(found) == 1 else None


_DOTTED_FORMS = frozenset({"l.l.c", "l.l.p", "p.l.l.c", "l.p", "p.c", "p.a"})


def _dotted_inside(token: str) -> bool:
    """A legal form with a period where none is written ("LL.C", "In.c"): a speck."""
    word = token.rstrip(".,").lower()
    return "." in word and word.replace(".", "") in _FORMS and word not in _DOTTED_FORMS
