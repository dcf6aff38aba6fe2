"""The wording of non-ACORD certificates: labels, coverage headings, limit names, column titles.

Patterns are matched against a *phrase*: consecutive words of one line, lower-cased, typographic
quotes and dashes made plain, a trailing colon removed (see :func:`phrase`). A pattern must match
the whole phrase, so "Insured" never matches inside "Additional Insured".

Fields are either *certificate-wide* (insured, holder, producer, date ...) or belong to the
coverage section they are printed in (policy number, dates, limits, flags). ``insurer`` and
``naic`` are both: inside a section they name that policy's insurer, outside it the insurer of
every section that names none.
"""

from __future__ import annotations

import re

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def phrase(text: str) -> str:
    """``text`` as the patterns see it: lower case, plain quotes and dashes, no trailing colon."""
    text = re.sub(r"\s+", " ", text.translate(_QUOTES)).strip().lower()
    # a trailing colon, or leader dots run against the label ("Each Occurrence.....")
    return re.sub(r"(?:\s*:|\.{3,}|\u2026+)+$", "", text).strip()


# Certificate-wide labels. Order matters only between patterns that match the same phrase.
CERTIFICATE_LABELS: dict[str, str] = {
    "insured": r"(?:named |first named )?insured(?:'s)?(?: name)?(?: and (?:mailing )?address)?"
    r"|name of (?:the )?insured|policy ?holder|insured party|name insured"
    r"|name and (?:mailing )?address of (?:the )?(?:named )?insured",
    "holder": r"certificate holder|(?:certificate )?issued to|holder(?: of certificate)?"
    r"|evidence issued to|recipient"
    r"|name and (?:mailing )?address of (?:the )?(?:certificate )?holder",
    "producer": r"producer(?:/agent)?|agent(?:/broker)?|(?:insurance )?agency|broker(?:/agent)?"
    r"|agent/producer|your agent|issuing agent|insurance agent|producer name",
    "certificate_date": r"(?:certificate |issue |issued |date of )?date(?: issued| of issue)?"
    r"|issue date|date issued|dated|issued on",
    "certificate_number": r"certificate (?:number|no\.?|#)|cert\.? (?:no\.?|#|number)",
    "description": r"description(?: of operations)?(?:\s*/\s*locations?)?(?:\s*/\s*vehicles)?"
    r"|(?:additional |special )?remarks|special (?:provisions|conditions)|comments"
    r"|operations|project|description of (?:work|project)",
    # an address printed under its own label, below the party's name
    "address": r"(?:business |mailing |street |insured |holder )?address(?:es)?",
    "contact": r"contact(?: name| person)?|agent contact|producer contact",
    "phone": r"phone|telephone|tel\.?|phone (?:no\.?|number)|ph\.?",
    "fax": r"fax(?: no\.?| number)?|facsimile",
    "email": r"e-?mail(?: address)?",
    "insurer": r"insurer(?: [a-f])?|insurer name|insurance company|(?:insurance )?carrier"
    r"|company|underwritten by|written by|issuing company|insurer affording coverage"
    r"|underwriter|insured by|coverage provided by|insurance provided by",
    "naic": r"naic(?: ?#| no\.?| number| code)?",
    # not read; ends the blocks above it (remarks, holder)
    "signature": r"authori[sz]ed (?:representative|signature)|signature|signed(?: by)?",
}

# Labels that belong to the coverage section they sit in.
SECTION_LABELS: dict[str, str] = {
    "coverage": r"(?:type of |line of )?(?:coverage|insurance)(?: type| line)?|policy type",
    "policy_number": r"policy (?:number|no\.?|#)|pol\.? (?:no\.?|#)|policy",
    "period": r"(?:policy |coverage )?(?:period|term)|period of (?:insurance|coverage)"
    r"|policy dates|term of (?:policy|coverage)",
    "effective": r"(?:policy )?(?:effective|eff\.?|inception|start)(?: date)?|effective from",
    "expiration": r"(?:policy )?(?:expiration|expiry|exp\.?|expires|end)(?: date)?"
    r"|expiring|expires on",
    "addl": r"additional insureds?(?: status| included| provided)?|add'?l\.? ins(?:ured|d)?\.?"
    r"|ai included|blanket additional insured",
    "subr": r"waiver of subrogation(?: included| applies| provided)?|subrogation waived"
    r"|subr\.? wvd\.?|waiver",
    "retention": r"(?:self[- ]insured )?retention|sir|deductible",
    "statutory": r"statutory(?: limits?)?|per statute|wc statutory limits?",
    # "Limits: $1,000,000 per occurrence / $2,000,000 aggregate": the wording is in the value
    "limits": r"limits?(?: of (?:liability|insurance))?|coverage limits?|liability limits?",
}

# Limit wording -> a kind of limit; which schema key it fills depends on the coverage.
LIMIT_LABELS: dict[str, str] = {
    "general_aggregate": r"general aggregate(?: limit)?|gen(?:'l|\.)? agg(?:regate|\.)?",
    "products": r"products?\s*(?:[-/&]\s*|and\s+)?(?:completed|comp)\.?\s*(?:[-/]\s*)?"
    r"(?:operations|ops?\.?)?\s*(?:agg(?:regate|\.)?)?(?: limit)?",
    "personal": r"personal\s*(?:&|and|/)\s*adv(?:ertising|\.)?(?: injury)?(?: limit)?"
    r"|personal (?:and |& )?advertising injury(?: limit)?",
    "rented": r"damage to (?:rented )?premises(?: \((?:each|ea\.?) occurrence\))?"
    r"(?: rented to you)?|fire damage(?: legal liability)?(?: \(any one fire\))?"
    r"|fire legal liability",
    "medical": r"med(?:ical|\.)? ?(?:exp(?:ense|\.)?s?|payments)(?: \(any one person\))?"
    r"(?: limit)?",
    "occurrence": r"(?:each|per) occurrence(?: limit)?|occurrence limit",
    "aggregate": r"(?:annual |policy )?aggregate(?: limit)?",
    "csl": r"combined single limit(?: \((?:each|per|ea\.?) accident\))?|csl|combined single",
    "bi_person": r"bodily injury\s*(?:\(|-)?\s*(?:per|each) person\)?",
    "bi_accident": r"bodily injury\s*(?:\(|-)?\s*(?:per|each) accident\)?",
    "pd": r"property damage(?:\s*(?:\(|-)?\s*(?:per|each) accident\)?)?",
    "each_accident": r"(?:e\.? ?l\.?|employers'? liability)?\s*[-:]?\s*each accident",
    "disease_employee": r"(?:e\.? ?l\.?\s*)?disease\s*[-,]?\s*each employee",
    "disease_policy": r"(?:e\.? ?l\.?\s*)?disease\s*[-,]?\s*policy limit",
    "each_claim": r"(?:each|per) claim(?: limit)?",
}

# Which schema limit each kind of limit wording fills, by coverage row. Wording that is not
# listed for a row (an "Each Occurrence" under workers' compensation) is not read.
LIMIT_KEYS_BY_ROW: dict[str, dict[str, str]] = {
    "gl": {
        "occurrence": "each_occurrence",
        "general_aggregate": "general_aggregate",
        "aggregate": "general_aggregate",
        "products": "products_completed_operations_aggregate",
        "personal": "personal_advertising_injury",
        "rented": "damage_to_rented_premises",
        "medical": "medical_expense",
    },
    "auto": {
        "csl": "combined_single_limit",
        "each_accident": "combined_single_limit",
        "bi_person": "bodily_injury_per_person",
        "bi_accident": "bodily_injury_per_accident",
        "pd": "property_damage_per_accident",
    },
    "umbrella": {
        "occurrence": "each_occurrence",
        "aggregate": "aggregate",
        "general_aggregate": "aggregate",
    },
    "wc": {
        "each_accident": "el_each_accident",
        "disease_employee": "el_disease_each_employee",
        "disease_policy": "el_disease_policy_limit",
    },
    "other": {"each_claim": "each_claim", "aggregate": "aggregate"},
}

# Coverage headings: (row, pattern). The row's words may be followed by "Insurance", "Coverage",
# "Policy" and a parenthesised "(Occurrence)" / "(Claims-Made)".
_EMPLOYERS = r"employer'?s'?"
COVERAGES: tuple[tuple[str, str], ...] = (
    (
        "wc",
        rf"workers'? ?comp(?:ensation)?(?:\s*(?:and|&|/)\s*{_EMPLOYERS} liability)?"
        rf"|{_EMPLOYERS} liability|work comp|statutory workers'? compensation",
    ),
    ("gl", r"(?:commercial )?general liability|cgl|general liab\.?|premises liability"),
    (
        "auto",
        r"(?:commercial |business )?auto(?:mobile)?(?: liability)?|business auto"
        r"|commercial auto|motor vehicle liability|auto liab\.?"
        r"|hired (?:and|&) non-?owned auto(?:mobile)?(?: liability)?",
    ),
    # Which of the two is not said: read as umbrella with a warning, as an ACORD row with
    # both boxes ticked.
    ("either", r"(?:umbrella|excess)\s*(?:/|&|and|or)\s*(?:umbrella|excess)(?: liability)?"),
    ("excess", r"excess(?: liability)?(?: umbrella)?|excess liab\.?"),
    ("umbrella", r"(?:commercial )?umbrella(?: liability)?(?: excess)?|umbrella liab\.?"),
    (
        "other",
        r"(?:medical |miscellaneous )?professional liability"
        r"|errors (?:&|and) omissions(?: liability)?|e ?& ?o"
        r"|pollution(?: legal)? liability|cyber(?: liability)?|liquor liability"
        r"|inland marine|garage ?keepers liability|employment practices liability"
        r"|contractors pollution liability|technology errors (?:&|and) omissions"
        r"|directors (?:&|and) officers(?: liability)?|abuse (?:&|and) molestation"
        r"|crime|fidelity bond|products liability",
    ),
)
_COVERAGE_TAIL = r"(?: (?:insurance|coverage|policy))*(?: \((?P<kind>[^)]*)\))?"

# Column titles of a coverage table.
COLUMNS: dict[str, str] = {
    "coverage": r"(?:type of |line of )?(?:coverage|insurance)(?: type)?|policy type"
    r"|type|coverages?",
    "policy_number": r"policy (?:number|no\.?|#)|pol\.? (?:no\.?|#)|policy",
    "effective": r"(?:policy )?(?:effective|eff\.?|inception)(?: date)?|from",
    "expiration": r"(?:policy )?(?:expiration|expiry|exp\.?|expires)(?: date)?|to",
    "period": r"(?:policy )?(?:period|term)|policy dates",
    "limits": r"limits?(?: of (?:liability|insurance))?|amounts?|coverage limits?",
    "insurer": r"insurer|(?:insurance )?company|carrier|insurer name"
    r"|ins(?:r|urer)?\.? ?ltr\.?|ltr\.?|insurer letter",
    "naic": r"naic(?: ?#| no\.?| code)?",
    "addl": r"add'?l\.? ins(?:d|ured)?\.?|additional insured|ai",
    "subr": r"subr\.? wvd\.?|waiver(?: of subrogation)?|wos",
}

# Wording that makes a document a certificate of insurance (the reader's score).
TITLES = re.compile(
    r"CERTIFICATE\s+OF\s+(?:LIABILITY\s+)?INSURANCE|EVIDENCE\s+OF\s+(?:LIABILITY\s+)?INSURANCE"
    r"|(?:PROOF|CONFIRMATION|VERIFICATION|MEMORANDUM|STATEMENT)\s+OF\s+(?:INSURANCE|COVERAGE)"
    r"|INSURANCE\s+CERTIFICATE|CERTIFICATE\s+OF\s+COVERAGE",
)


def _combine(patterns: dict[str, str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{key}>{pattern})" for key, pattern in patterns.items()))


_CERTIFICATE = _combine(CERTIFICATE_LABELS)
_SECTION = _combine(SECTION_LABELS)
_LIMITS = _combine(LIMIT_LABELS)
_COLUMNS = _combine(COLUMNS)
# A numbered or lettered heading: "1. General Liability", "Coverage B - Auto", "Section 2:"
_COVERAGE_PREFIX = (
    r"(?:(?:\d{1,2}|[a-h]|[ivx]{1,4})[.)]\s*|(?:section|part|coverage) [a-z0-9]{1,3}\s*[-:.]?\s*)?"
)
_COVERAGE = re.compile(
    _COVERAGE_PREFIX
    + "(?:"
    + "|".join(f"(?P<{row}>{pattern})" for row, pattern in COVERAGES)
    + ")"
    + _COVERAGE_TAIL
)


_MISREAD_L = re.compile(r"(?<=[a-z'])I")


def label_of(text: str) -> str | None:
    """The field a label phrase names: ``"insured"``, ``"policy_number"``, ``"limit:csl"`` ...

    Limit wording is tried first ("Each Accident" is a limit, not a date), then section labels,
    then certificate-wide ones.
    """
    words = phrase(text)
    if not words:
        return None
    if match := _LIMITS.fullmatch(words):
        return f"limit:{match.lastgroup}"
    if match := _SECTION.fullmatch(words):
        return match.lastgroup
    if match := _CERTIFICATE.fullmatch(words):
        return match.lastgroup
    # OCR reads a small "l" after a letter as a capital "I": "AddI Insured", "Gen'I Aggregate"
    misread = _MISREAD_L.sub("l", text)
    return label_of(misread) if misread != text else None


def column_of(text: str) -> str | None:
    match = _COLUMNS.fullmatch(phrase(text))
    return match.lastgroup if match else None


def limit_of(text: str) -> str | None:
    """The kind of limit a phrase names ("per occurrence" -> "occurrence"), else None."""
    match = _LIMITS.fullmatch(phrase(text))
    return match.lastgroup if match else None


def coverage_of(text: str) -> tuple[str, bool | None] | None:
    """``(row, claims_made)`` for a coverage heading ("General Liability (Occurrence)"), else None.

    ``row`` is one of gl, auto, umbrella, excess, either (umbrella or excess), wc, other;
    ``claims_made`` is True or False when the heading says so in parentheses, else None.
    """
    match = _COVERAGE.fullmatch(phrase(text))
    if not match:
        return None
    row = next(r for r, _ in COVERAGES if match.group(r))
    kind = (match.group("kind") or "").replace("-", " ")
    claims = True if "claims made" in kind else False if "occurrence" in kind else None
    return row, claims


def insurer_letter_of(text: str) -> str | None:
    """The letter of an "Insurer B" label, else None."""
    match = re.fullmatch(r"insurer ([a-f])", phrase(text))
    return match.group(1).upper() if match else None
