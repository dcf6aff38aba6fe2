"""Specks of dust in names read by OCR, cleaned away (``strip_dust``).

The recognizer reads a speck beside a name as punctuation and is sure of it ("Company.",
"'Inc.", "Company\""), reads the comma before a legal form as a period ("Group. LLC"), and
glues words with a quote where a space was ("Catering'LLC"). Names have no checksum, but their
punctuation has habits: names end with "Inc." or "Co.", never "Company."; no name has two
periods in a row, an underscore, or a quote glued to an ampersand.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from coitrack.reading.ocr.names import (
    _FORM_COLON,
    _GLUED,
    _LEGAL_FORM,
    ABBREVIATIONS,
    LEGAL_FORMS,
    NAME_KEYS,
    UNDOTTED,
    _known,
    _separate,
)

if TYPE_CHECKING:
    from coitrack.reading.assemble import Slots

# Specks beside a name's own punctuation, and what the punctuation was.
_PUNCTUATION_DUST = (
    (re.compile(r",[.:;'`\u2019]+"), ","),  # "Cooperative,.Inc.": a speck after a comma
    (re.compile(r",(?=[A-Za-z])"), ", "),  # "Company,Inc.": a comma is followed by a space
    (re.compile(r"['`\u2019]&"), " &"),  # "Plumbing'& Heating"
    (re.compile(r"&[.,:;'`\u2019]+(?=[A-Za-z]|\s)"), "& "),  # "Gomez &:Sons"
    (re.compile(r"(?<=[A-Za-z])['`\u2019](?=\.$)"), ""),  # "Metal Inc'."
    (re.compile(r":\s(?=[A-Z]{2}$)"), ", "),  # "... of Pittsburgh: PA": the comma read as a colon
    # ": Selective ...", "C:I Liberty ...": the end of the "INSURER C :" caption
    (re.compile(r"^(?:\S*:\S{0,2}|[.,;'`])\s+"), ""),
    (re.compile(r"(?<=[a-z]):(?=[A-Z])"), " "),  # "Insurance:Company": a speck for the space
    (re.compile(r"(?<= of)(?=[A-Z][a-z])"), " "),  # "Company ofAmerica": the space lost
    (re.compile(r"(?<= the)(?=[A-Z][a-z])"), " "),  # "Services of theGreater Tri-County"
    (re.compile(r"(?<= and)(?=[A-Z][a-z])"), " "),  # "Remediation andDemolition"
    (re.compile(r"(?<=[a-z]):(?= (?:Inc|LLC|LLP|Corp|Ltd)\b)"), ","),  # "Company: Inc."
    (re.compile(r"(?<= L)['`\u2019](?=LC$)"), ""),  # "L'LC": a speck inside the legal form
    # "Meridian Electrical ContractorsLLC": the space before the closing legal form lost
    (re.compile(r"(?<=[a-z])(?=(?:LLC|LLP|PLLC|Inc\.?|Corp\.?|Ltd\.?)$)"), " "),
)

_DUST_PERIOD = re.compile(r"(?<=[A-Za-z])\.(?=\s|,|$)")
_LAST_FORM = re.compile(r"^ (?i:inc|corp|ltd|llc|llp|lp|pllc)\.?$")  # the legal form ending a name
_LAST_STATE = re.compile(r"^ [A-Z]{2}$")  # a state's code ending a name ("... of Pittsburgh, PA")
# A period, apostrophe, backquote or hyphen at the start of a word is dust (".Northwind",
# "'Inc.", "-Westfield", "The Hanover -Insurance Company").
_DUST_LEADING = re.compile(r"(?:(?<=\s)|^)[.:;'`\u2018\u2019-]+(?=[A-Za-z])")
_DOUBLED = re.compile(r"\.{2,}")  # "Co.." is "Co.": no name has two periods in a row


def strip_dust(name: str) -> str:
    """``name`` without periods that follow a full word other than an abbreviation or an
    initial ("The Cincinnati Insurance Company." -> "... Company"; "Acme Co." unchanged) and
    without a period, colon or quote at the start of a word (".Northwind", "'Inc.",
    ":Evergreen"), a doubled period made one ("Co.." -> "Co."), legal forms in their usual
    case and with their usual period ("inc." and "Inc:" -> "Inc.", "LLC." -> "LLC"), and a
    common word read in small letters among capitalized ones given its capital back; two words
    glued by a quote where a space was are set apart ("Company'of" -> "Company of"), an
    underscore is a space (no business name has one; "Company,_Inc."), and a lone double quote
    after the last word is dropped, and so is a colon or semicolon ending the name, or a mark
    standing alone between two words ("Plumbing . & Heating"). A period
    after a full word before the closing legal form is the comma read as a period ("Group.
    LLC" -> "Group, LLC")."""
    name = " ".join(_unglued(token) for token in name.replace("_", " ").split(" "))
    for pattern, clean in _PUNCTUATION_DUST:
        name = pattern.sub(clean, name)
    name = re.sub(r" {2,}", " ", _GLUED_AMPERSAND.sub(" & ", name)).strip()
    name = re.sub(r"(?:\s[.,:;'`])+$", "", name)  # "Company Inc. .": a speck after the name
    name = re.sub(r"(?<=\S)\s[.,:;'`](?=\s\S)", "", name)  # "Plumbing . & Heating": a lone speck
    name = re.sub(r"(?<=\.)['`\u2019]$", "", name)  # "Painting Corp.'": a speck after the period
    if name.count('"') == 1:  # "Company\"": a speck glued after the name, no quotation opened
        name = re.sub(r'(?<=[A-Za-z.])"$', "", name)
    name = _STATE_PERIOD.sub(r"\1", name)
    name = _DOUBLED.sub(".", _DUST_LEADING.sub("", name))
    # a speck over the period of a legal form ("Inc:"), and its case ("inc.")
    name = _FORM_COLON.sub(
        lambda m: m.group(1) + ("" if m.group(1).lower() in UNDOTTED else "."), name
    )
    name = _LEGAL_FORM.sub(lambda m: LEGAL_FORMS[m.group(1).lower()] + m.group(2), name)
    name = re.sub(r"(?<=[A-Za-z.])[:;]$", "", name)  # "Company:": no name ends with a colon
    name = re.sub(r"(?<=\s)co\.$", "Co.", name)  # "Landscaping co.": the closing legal form

    def keep(match: re.Match[str]) -> str:
        before = name[: match.start()]
        word = re.search(r"[A-Za-z.]+$", before)
        letters = word.group(0) if word else ""
        if letters.lower() in UNDOTTED:
            return ""
        if "." in letters or len(letters) == 1 or letters.lower() in ABBREVIATIONS:
            return "."
        if _LAST_FORM.match(name[match.end() :]) or _LAST_STATE.match(name[match.end() :]):
            # "Group. LLC", "of Pittsburgh. PA": the comma before a legal form or the closing
            # state's code, read as a period
            return ","
        return ""

    return _title_case_kept(_DUST_PERIOD.sub(keep, name))


# "Gomez& Sons", "Gomez &Sons": an ampersand between words stands apart ("AT&T" keeps its own).
_GLUED_AMPERSAND = re.compile(r"(?<=[A-Za-z.])&(?=\s)|(?<=\s)&(?=[A-Za-z])")
# "... of Pittsburgh, PA." : a state's code ending a name takes no period.
_STATE_PERIOD = re.compile(r"(,\s[A-Z]{2})\.$")


def _unglued(token: str) -> str:
    """A token of two words joined by a quote where the space was ("Catering'LLC"), as two
    words; any other token as it is ("O'Brien", "Macy's", "Metal.Corp")."""
    glued = _GLUED.match(token.strip(",&()"))
    if not glued or glued[2] == "." or not _separate(glued[1], glued[3], glued[2]):
        return token
    return token.replace(glued[1] + glued[2] + glued[3], glued[1] + " " + glued[3], 1)


def _title_case_kept(name: str) -> str:
    """A common word read in small letters in a name whose other long words are capitalized
    gets its capital back ("The Hanover insurance Company")."""
    words = name.split(" ")
    long_words = [w for w in words if len(w.strip(".,&'()")) >= 4]
    small = [w for w in long_words if w[:1].islower()]
    if (
        len(small) != 1
        or len(long_words) < 3
        or not all(w[:1].isupper() for w in long_words if w not in small)
    ):
        return name
    word = small[0]
    if not _known(word.strip(".,&'()")):
        return name
    return " ".join(w[:1].upper() + w[1:] if w is word else w for w in words)


def strip_dust_from_names(slots: Slots) -> list[str]:
    """:func:`strip_dust` on the name slots, in place; a note for each name changed (its
    confidence lowered by 0.05, like the digit corrections)."""
    notes = []
    for key, slot in list(slots.items()):
        if not NAME_KEYS.match(key) or not slot.text:
            continue
        text = strip_dust(slot.text)
        if text == slot.text:
            continue
        evidence = slot.evidence
        if evidence is not None:
            evidence = replace(evidence, confidence=max(0.0, evidence.confidence - 0.05))
        slots[key] = replace(slot, text=text, evidence=evidence)
        notes.append(f"OCR read {slot.text!r} as {text!r} ({key}): a speck read as a period")
    return notes
