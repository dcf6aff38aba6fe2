"""OCR post-correction of digits, only in boxes that hold nothing but numbers.

OCR confuses a few letters with digits of the same shape (O/0, l/1, S/5, B/8, Z/2). In a date,
an amount or a NAIC code a letter cannot be meant, so such a letter is read as its digit, and
only when the corrected text then parses as the value the box holds; the evidence confidence is
lowered a little, so a value that also had unsure characters falls under the threshold. Names,
policy numbers and every other text are left as recognized.
"""

from __future__ import annotations

import re
from dataclasses import replace

from coitrack.reading import normalize
from coitrack.reading.assemble import Slot, Slots
from coitrack.reading.normalize import MIN_LIMIT
from coitrack.reading.result import Evidence

CORRECTION_PENALTY = 0.05
DIGIT_LOOKALIKES = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "l": "1",
        "I": "1",
        "|": "1",
        "i": "1",
        "!": "1",
        "S": "5",
        "s": "5",
        "B": "8",
        "Z": "2",
        "z": "2",
    }
)
_MARK_KEYS = re.compile(r"\.(addl|subr)$")  # the ADDL INSD and SUBR WVD columns
_NOT_APPLICABLE = re.compile(r"^[Nn][/Il1|i\\][Aa]$")  # "N/A" with its slash misread
_SPILLED = re.compile(r"\s[\[\]|{}]\S*$")  # a last word that starts at a rule: "... [07"
# "6415363.A", "TRS: 46", "ACP79045,389-06"
_DOT_INSIDE = re.compile(r"(?<=[0-9A-Za-z])[.,:;](?=\s?[0-9A-Za-z])")
# A whole policy number among other words: "17 SBA 592006 PHPK66013157-08" (the next row's
# number read into this one's line on a fax), "BKS39394530-02 EPP 8598017".
_WHOLE_NUMBER = r"(?=\S*[A-Za-z]\S*[A-Za-z])(?=\S*(?:\d\S*){5})\S{9,}"  # 2 letters, 5 digits
_TWO_NUMBERS = re.compile(rf"^{_WHOLE_NUMBER}\s|\s{_WHOLE_NUMBER}(\s|$)")
# Policy numbers OCR cannot settle, left for review: the next column's ink after the number
# ("WC 1961998 [07": a rule and the effective date's first digits), a dot inside it
# ("6415363.A": a hyphen, a space or a speck? Not for OCR to say), and two numbers in one.
_UNSURE_POLICY_NUMBERS = (
    (_SPILLED, "the next column's ink after it"),
    (_DOT_INSIDE, "a dot inside a policy number"),
    (_TWO_NUMBERS, "another policy number with it"),
    # printed in capitals, without brackets or symbols ("UMB 839451t", "(PP 1345441", "*A")
    (
        re.compile(r"[a-z()*#@!?\"'`\u2019_~^$%+=<>|{}]"),
        "a small letter or a symbol in a policy number",
    ),
    # a whole number, then a line of business and another ("9507198-A WC 6443767")
    (re.compile(r"\d{5}\S*\s[A-Z]{2,4}\s\d{6,}$"), "another policy number with it"),
    # a space lost between a number's first digits and its letters ("10UEC 727217")
    (re.compile(r"^\d{1,2}[A-Z]{2,4}\s\d"), "a space lost inside a policy number"),
    # the next column's digits after a number that ends in a letter ("4399208-A 03") or in a
    # long run of digits ("70 SBA 588806 02"; a printed renewal suffix is left for review too)
    (re.compile(r"(?:[A-Za-z]|\d{5})\s\d{1,2}$"), "the next column's ink after it"),
    # a lone character after the number ("8038537-A 1"), a word starting with a dot or a
    # colon ("52 .TRS", "17 :EC 182145")
    (re.compile(r"\s\S$|(?:^|\s)[.,:;]"), "a speck or a lone character in a policy number"),
    # a letter that looks like a digit, right after a digit ("PHPK23940167-0B") or paired with
    # one ("B5 UEC 554253")
    (
        re.compile(r"(?<=\d)[BOSZIl](?=\d|$|[-\s])|(?:^|\s)[BOSZIl]\d(?=\s)"),
        "a letter like a digit among digits",
    ),
    # a digit that looks like a letter, before letters ("8KS74591132-02")
    (re.compile(r"(?:^|\s)[80512](?=[A-Z]{2})"), "a digit like a letter among letters"),
)
_LIMIT_KEYS = re.compile(r"\.(limit|limit_amount)\.")  # limits, the write-in row's too
# The limits a policy is bought for, never under :data:`MIN_MAIN_LIMIT` (medical expense,
# rented premises and the auto split limits may be a few thousand dollars).
_MAIN_LIMITS = re.compile(
    r"\.(limit|limit_amount)\.(each_occurrence|general_aggregate"
    r"|products_completed_operations_aggregate"
    r"|personal_advertising_injury|combined_single_limit|aggregate|each_claim"
    r"|el_each_accident|el_disease_each_employee|el_disease_policy_limit)$"
)
MIN_MAIN_LIMIT = 25_000
_DATE_KEYS = re.compile(r"(^certificate_date$|\.(effective|expiration)_date$)")
_AMOUNT_KEYS = re.compile(r"(\.limit\.|\.limit_amount\.|^umbrella\.retention_amount$)")
_NAIC_KEYS = re.compile(r"^insurer\.[A-F]\.naic$")
# Boxes whose values never begin or end with a dot, comma, colon or quote: one there is a speck
# of dust read as punctuation (names are left alone: "Inc." ends with a real period). Brackets
# and bars at either end are the box's own rule read with the value ("2,000,000.00]").
_CODE_KEYS = re.compile(r"\.(policy_number|letter)$")
_DOT_BY_HYPHEN = re.compile(r"[.,](?=-)|(?<=-)[.,]")
# The box's rule read with a value at its edge ("2,000,000]", "|BA 7734021"); words.py and
# date_pairs.py know it by these characters too.
RULES = "[]|{}"
# What is stripped from either end of a number or a code: the rule, or a speck of dust
STRAY = ".,:;'`\u2018\u2019" + RULES
_SIGN_AS_S = re.compile(r"^(?:\$?[Ss]\$?|\$\$)(?=\d)")  # "S4M", "$S2M", "S$500,000", "$$500K"
_AMOUNT_WORDS = re.compile(r"^(\$?[0-9OoDQlI|i!SsBZz.,$ ]+)(M{1,2}|K)?$")


def correct_numeric_slots(slots: Slots) -> list[str]:
    """Correct look-alike letters in the date, amount and NAIC slots, in place.

    Returns a note for each correction (the reviewer sees what was changed)."""
    notes = []
    for key, slot in list(slots.items()):
        if not slot.text:
            continue
        if _DATE_KEYS.search(key):
            # a bracket at a date's edge is the rule, or a zero a fax broke open: "(1/19/2026"
            # is the same date either way
            slot = _stripped(slot, key, notes, slots, STRAY + "()")
        elif _AMOUNT_KEYS.search(key) or _NAIC_KEYS.search(key):
            slot = _stripped(slot, key, notes, slots)
        elif _CODE_KEYS.search(key):
            slot = _stripped(slot, key, notes, slots)
            if _DOT_BY_HYPHEN.search(slot.text):  # "PHPK35564577.-01": a speck by the hyphen
                text = _DOT_BY_HYPHEN.sub("", slot.text)
                notes.append(f"OCR read {slot.text!r} as {text!r} ({key})")
                slots[key] = slot = corrected(slot, text)
            reason = key.endswith(".policy_number") and next(
                (why for pattern, why in _UNSURE_POLICY_NUMBERS if pattern.search(slot.text)), None
            )
            if reason:
                slots[key] = replace(slot, evidence=slot.evidence and replace(
                    slot.evidence, confidence=min(slot.evidence.confidence, 0.5)))
                notes.append(f"OCR read {slot.text!r} ({key}): {reason}")
            continue
        elif _MARK_KEYS.search(key):
            if _NOT_APPLICABLE.match(slot.text.strip("[]|() ")):
                notes.append(f"OCR read {slot.text!r} as 'N/A' ({key})")
                slots[key] = corrected(slot, "N/A")
            continue
        if _DATE_KEYS.search(key):
            fixed = fixed_date(slot.text)
        elif _AMOUNT_KEYS.search(key):
            fixed = _fixed_amount(slot.text)
        elif _NAIC_KEYS.search(key):
            fixed = _fixed(slot.text, lambda t: normalize.parse_naic(t) is not None)
        else:
            continue
        if fixed is not None and fixed != slot.text:
            notes.append(f"OCR read {slot.text!r} as {fixed!r} ({key})")
            slots[key] = slot = corrected(slot, fixed)
        if _LIMIT_KEYS.search(key) and slot.evidence is not None:
            amount = normalize.parse_amount(slot.text)
            if amount is not None and amount < (
                MIN_MAIN_LIMIT if _MAIN_LIMITS.search(key) else MIN_LIMIT
            ):
                # "2" for "2,000,000" with the rest lost: no liability limit is under $1,000,
                # and no occurrence, aggregate or employers' liability limit under $25,000
                # ("1,000" for a combined single limit of 1,000,000: a fax lost a group)
                slots[key] = replace(slot, evidence=replace(slot.evidence, confidence=0.3))
                notes.append(f"OCR read {slot.text!r} ({key}): too small for a limit")
            elif amount is not None and amount >= 10 * MIN_LIMIT and amount % MIN_LIMIT:
                # limits are round: "20000001" is 2,000,000 with the box's rule read as a 1
                slots[key] = replace(slot, evidence=replace(slot.evidence, confidence=0.3))
                notes.append(f"OCR read {slot.text!r} ({key}): not a round limit")
            elif amount is not None and _sign_read_as_five(slot.text, amount):
                slots[key] = replace(slot, evidence=replace(slot.evidence, confidence=0.3))
                notes.append(f"OCR read {slot.text!r} ({key}): a 5 that may be the sign")
    return notes


def _stripped(slot: Slot, key: str, notes: list[str], slots: Slots, stray: str = STRAY) -> Slot:
    text = slot.text.strip(stray + " ")
    if not text or text == slot.text.strip():
        return slot
    slots[key] = fixed = corrected(slot, text)
    notes.append(f"OCR read {slot.text!r} as {text!r} ({key})")
    return fixed


def _fixed(text: str, parses) -> str | None:
    if parses(text):
        return text
    candidate = text.translate(DIGIT_LOOKALIKES)
    digits = sum(c.isdigit() for c in text)
    if digits >= 2 and parses(candidate):
        return candidate
    return None


# A date box's three groups with their separators lost or misread: on a fax the thin "/"
# vanishes ("04 11 2025") or comes out as "," or ":" ("04,29,2025"). The box's caption says
# MM/DD/YYYY, so three groups are month, day and year whatever stands between them.
_DATE_GROUPS = (
    re.compile(r"^(\d{1,2})[\s,.:;/\-]+(\d{1,2})[\s,.:;/\-]+(\d{2}|\d{4})$"),
    # month and day glued, the year apart ("0122:2026"): only as two digits each
    re.compile(r"^(\d{2})(\d{2})[\s,.:;/\-]+(\d{2}|\d{4})$"),
)


_SPECK_BETWEEN_DIGITS = re.compile(r"(?<=\d)[.,'`:;](?=\d)")


def fixed_date(text: str) -> str | None:
    """``text`` as a date that parses, its look-alike letters read as digits and its lost or
    misread separators put back ("04 11 2025" -> "04/11/2025"); None when it cannot be."""
    def parses(t: str) -> bool:
        return normalize.parse_date(t) is not None

    fixed = _fixed(text, parses)
    if fixed is not None:
        return fixed
    if text.count("/") == 2:
        # a speck between two digits of a slashed date ("11/25/20.25")
        unspecked = _SPECK_BETWEEN_DIGITS.sub("", text)
        if unspecked != text and _fixed(unspecked, parses):
            return _fixed(unspecked, parses)
    for candidate in (text, text.translate(DIGIT_LOOKALIKES)):
        for pattern in _DATE_GROUPS:
            groups = pattern.match(candidate.strip())
            if groups and parses("/".join(groups.groups())):
                return "/".join(groups.groups())
    return None


_GROUPED = re.compile(r"^(\$?)(\d{1,3}(?:[.,]\d{3})+)(\.\d{2})?$")


def _regrouped(text: str) -> str | None:
    """An amount whose thousands separators were read as "." ("1,000.000.00"): the digit groups
    say where the thousands are; cents only after a "." as read."""
    match = _GROUPED.match(text.strip())
    if not match:
        return None
    dollar, whole, cents = match.groups()
    return dollar + re.sub(r"[.,]", ",", whole) + (cents or "")


# Cents after comma-grouped thousands, then one more stroke: the box's rule read as "1"
# ("2,000,000.001" is "2,000,000.00|", never two billion and one dollars).
_CENTS_AND_RULE = re.compile(r"^(.*,\d{3}\.00)[1lI|!]$")
# Whole groups of three, then one more stroke: the rule again ("$4,000,0001", "500.0001").
_GROUPS_AND_RULE = re.compile(r"^(\$?\d{1,3}(?:[.,]\d{3})+)[1lI|!]$")


# Separators a speck turned into a semicolon ("1;000,000") or doubled ("2,000,.000"), and a
# lone stroke after the amount ("500000 j": the box's rule).
_SPECKED_SEPARATOR = re.compile(r"(?<=\d)(?:;|[.,]{2})(?=\d)")
_TRAILING_STROKE = re.compile(r"^(.*\d)\s+[jlIi|!]$")
# A "$" read "5" and glued on: the groups show it ("5500,000": no first group has four digits)
_FIVE_FOR_SIGN = re.compile(r"^5(\d{1,3}(?:,\d{3})+(?:\.\d{2})?)$")
# A separator lost after the first digit ("2000,000"): four digits can only be one digit and
# a group when every later group is whole ("5500,000" is left to _FIVE_FOR_SIGN, and a first
# group of five digits may hold a separator read as a digit, so it is not guessed).
_LOST_SEPARATOR = re.compile(r"^(\$?)([1-46-9])(\d{3}(?:,\d{3})+(?:\.\d{2})?)$")
# A quote or backquote between digits is a speck ("2,0'00,000").
_QUOTE_IN_DIGITS = re.compile(r"(?<=\d)['`\u2018\u2019](?=\d)")


def _sign_read_as_five(text: str, amount: int) -> bool:
    """Whether a limit starting with "5" is more likely the "$" read "5" before a round limit
    ("52,000,000" for "$2,000,000"): no sign was read, the rest is a whole number of $100,000
    and the whole is not (50, 55 million are limits; 52 million is not)."""
    digits = str(amount)
    if "$" in text or not digits.startswith("5") or len(digits) < 6 or digits[1] == "0":
        return False
    rest = int(digits[1:])
    return rest % 100_000 == 0 and amount % 5_000_000 != 0


def _fixed_amount(text: str) -> str | None:
    if normalize.parse_amount(text) is not None:
        return text
    text = _SPECKED_SEPARATOR.sub(",", _QUOTE_IN_DIGITS.sub("", text.strip()))
    stroke = _TRAILING_STROKE.match(text)
    if stroke:
        text = stroke.group(1)
    if normalize.parse_amount(text) is not None:
        return text
    sign = _FIVE_FOR_SIGN.match(text)
    if sign and len(text.split(",")[0]) == 4 and normalize.parse_amount(sign.group(1)):
        return "$" + sign.group(1)
    lost = _LOST_SEPARATOR.match(text)
    if lost and normalize.parse_amount(lost.expand(r"\1\2,\3")):
        return lost.expand(r"\1\2,\3")
    grouped = _GROUPS_AND_RULE.match(text.strip())
    if grouped:
        text = grouped.group(1)
        if normalize.parse_amount(text) is not None:
            return text
    ruled = _CENTS_AND_RULE.match(text.strip())
    if ruled:
        text = ruled.group(1)
        if normalize.parse_amount(text) is not None:
            return text
    regrouped = _regrouped(text)
    if regrouped is not None and normalize.parse_amount(regrouped) is not None:
        return regrouped
    match = _AMOUNT_WORDS.match(text.strip())
    if not match or sum(c.isdigit() for c in text) < 1:
        return None
    body, suffix = match.group(1), match.group(2) or ""
    bodies = [body]
    # A letter S before the first digit is most often the printed "$" (an amount never starts
    # with a letter, and "5" itself is read as "5"): "S4M" is "$4M", "$S2M" the sign read
    # twice; "S00,000" only parses as "500,000".
    sign = _SIGN_AS_S.match(body)
    if sign:
        bodies.insert(0, "$" + body[sign.end() :])
    for body in bodies:
        candidate = body.translate(DIGIT_LOOKALIKES) + suffix
        if normalize.parse_amount(candidate) is not None:
            return candidate
        regrouped = _regrouped(candidate)
        if regrouped is not None and normalize.parse_amount(regrouped) is not None:
            return regrouped
    return None


def corrected(slot: Slot, text: str) -> Slot:
    """``slot`` with ``text`` in place of what OCR read, a little less sure."""
    evidence = slot.evidence
    if evidence is not None:
        evidence = Evidence(
            evidence.page,
            evidence.box,
            max(0.0, evidence.confidence - CORRECTION_PENALTY),
            text,
        )
    return replace(slot, text=text, evidence=evidence)
