"""What each kind of import can fill, and guessing which column is which from the header.

Pure (no Django). A mapping is ``{field key: column index}``; a field left out is not imported.
Guessing: a header matches a field when, normalized (case, punctuation and spacing ignored), it
equals the field's key, label or a synonym; then headers still unmatched are tried against word
rules ("Agent E-mail" -> the agent's e-mail, any other "...e-mail" -> the vendor contact's). Each
column and each field is used at most once, the leftmost column first.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

VENDORS, CARRIERS, ASSIGNMENTS = "vendors", "carriers", "assignments"
KINDS = (VENDORS, CARRIERS, ASSIGNMENTS)


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    help: str = ""


VENDOR_FIELDS = (
    Field("legal_name", "Legal name", ("vendor name", "vendor", "company", "company name", "name",
                                       "business name", "supplier", "supplier name", "insured",
                                       "subcontractor", "vendor legal name"), required=True),
    Field("dba", "DBA", ("doing business as", "trade name", "dba name")),
    Field("tax_id", "Tax ID", ("fein", "ein", "tin", "tax id number", "tax number", "federal id",
                               "federal tax id", "taxid", "fein ein")),
    Field("vendor_type", "Vendor type", ("type", "trade", "category", "vendor category",
                                         "vendor trade")),
    Field("status", "Status", ("vendor status", "active"), help="active or inactive"),
    Field("owner", "Owner", ("vendor owner", "account owner", "manager", "responsible",
                             "assigned to"), help="a member's e-mail or user name"),
    Field("projects", "Projects", ("project", "project name", "location", "locations", "site",
                                   "property", "properties", "job"),
          help="several separated by ;"),
    Field("tags", "Tags", ("tag", "labels", "label"), help="several separated by ;"),
    Field("address_line1", "Address", ("address 1", "address line 1", "street",
                                       "street address", "address1", "mailing address")),
    Field("address_line2", "Address line 2", ("address 2", "address2", "suite")),
    Field("city", "City", ("town",)),
    Field("state", "State", ("province", "region", "st", "state province")),
    Field("postal_code", "Postal code", ("zip", "zip code", "zipcode", "postcode", "postal")),
    Field("notes", "Notes", ("note", "comments", "comment", "remarks")),
    Field("contact_name", "Contact name", ("contact", "primary contact", "vendor contact",
                                           "contact person")),
    Field("contact_email", "Contact e-mail", ("email", "e mail", "email address", "vendor email",
                                              "contact e mail", "mail")),
    Field("contact_phone", "Contact phone", ("phone", "telephone", "phone number", "tel",
                                             "vendor phone")),
    Field("agent_name", "Agent name", ("agent", "broker", "insurance agent", "broker name",
                                       "agent contact", "insurance broker")),
    Field("agent_email", "Agent e-mail", ("broker email", "agent e mail", "insurance agent email")),
    Field("agent_phone", "Agent phone", ("broker phone", "agent telephone")),
)

CARRIER_FIELDS = (
    Field("name", "Carrier name", ("carrier", "insurer", "insurance company", "company",
                                   "carrier name", "insurer name"), required=True),
    Field("naic", "NAIC code", ("naic", "naic number", "naic no", "naic #")),
    Field("am_best_rating", "AM Best rating", ("rating", "am best", "best rating",
                                               "a m best rating")),
    Field("financial_size", "Financial size", ("fsc", "financial size category", "size")),
    Field("admitted", "Admitted", ("admitted status",), help="yes or no"),
)

ASSIGNMENT_FIELDS = (
    Field("template", "Requirement template", ("requirement template", "requirements",
                                               "template name", "requirement"), required=True),
    Field("vendor_type", "Vendor type", ("type", "trade", "category")),
    Field("project", "Project", ("project name", "location", "site", "property")),
    Field("vendor", "Vendor", ("vendor name", "legal name", "company")),
    Field("vendor_tax_id", "Vendor tax ID", ("tax id", "fein", "ein", "tin")),
)

FIELDS: dict[str, tuple[Field, ...]] = {
    VENDORS: VENDOR_FIELDS, CARRIERS: CARRIER_FIELDS, ASSIGNMENTS: ASSIGNMENT_FIELDS,
}

# (words that must all appear, field) for headers no exact synonym matched; first rule wins.
WORD_RULES: dict[str, tuple[tuple[frozenset[str], str], ...]] = {
    VENDORS: (
        (frozenset({"agent", "mail"}), "agent_email"),
        (frozenset({"broker", "mail"}), "agent_email"),
        (frozenset({"agent", "phone"}), "agent_phone"),
        (frozenset({"broker", "phone"}), "agent_phone"),
        (frozenset({"agent"}), "agent_name"), (frozenset({"broker"}), "agent_name"),
        (frozenset({"mail"}), "contact_email"), (frozenset({"phone"}), "contact_phone"),
        (frozenset({"contact"}), "contact_name"),
        (frozenset({"tax"}), "tax_id"), (frozenset({"zip"}), "postal_code"),
        (frozenset({"legal"}), "legal_name"), (frozenset({"project"}), "projects"),
    ),
    CARRIERS: ((frozenset({"naic"}), "naic"), (frozenset({"rating"}), "am_best_rating")),
    ASSIGNMENTS: ((frozenset({"template"}), "template"), (frozenset({"tax"}), "vendor_tax_id")),
}


def normalize_header(text: str) -> str:
    """``" E-Mail Address:"`` -> ``"e mail address"``; ``"Tax ID #"`` -> ``"tax id #"``."""
    text = text.lower().replace("_", " ")
    text = re.sub(r"[^\w#]+", " ", text)
    return " ".join(text.split())


def _words(text: str) -> set[str]:
    words = set(normalize_header(text).split())
    if "email" in words or ("e" in words and "mail" in words):
        words.add("mail")
    if {"telephone", "tel", "mobile", "cell"} & words:
        words.add("phone")
    return words


def guess_mapping(kind: str, header: list[str]) -> dict[str, int]:
    """``{field key: column index}`` for the columns whose header names a field."""
    fields = FIELDS[kind]
    names: dict[str, str] = {}
    for f in fields:
        for name in (f.key, f.label, *f.synonyms):
            names.setdefault(normalize_header(name), f.key)
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for index, title in enumerate(header):
        key = names.get(normalize_header(title))
        if key and key not in mapping:
            mapping[key] = index
            used.add(index)
    for index, title in enumerate(header):
        if index in used or not title.strip():
            continue
        words = _words(title)
        for needed, key in WORD_RULES[kind]:
            if needed <= words and key not in mapping:
                mapping[key] = index
                break
    return dict(sorted(mapping.items(), key=lambda item: item[1]))


def header_signature(header: list[str]) -> str:
    """The same for headers that differ only in case, punctuation or spacing."""
    text = "\x1f".join(normalize_header(h) for h in header)
    return hashlib.sha256(text.encode()).hexdigest()


def check_mapping(kind: str, mapping: dict[str, int], width: int) -> list[str]:
    """Problems with a mapping: a required field unmapped, an index outside the header, a column
    used twice. An empty list means it can be used."""
    problems = []
    labels = {f.key: f.label for f in FIELDS[kind]}
    for f in FIELDS[kind]:
        if f.required and f.key not in mapping:
            problems.append(f"Choose the column that holds the {f.label.lower()}.")
    seen: dict[int, str] = {}
    for key, index in mapping.items():
        if key not in labels:
            problems.append(f"“{key}” is not a field of this import.")
        elif not 0 <= index < width:
            problems.append(f"{labels[key]}: the file has no column {index + 1}.")
        elif index in seen:
            problems.append(f"{labels[seen[index]]} and {labels[key]} use the same column.")
        else:
            seen[index] = key
    return problems


def row_values(mapping: dict[str, int], cells: list[str]) -> dict[str, str]:
    """The mapped fields of one row (missing cells are empty)."""
    return {key: (cells[i] if i < len(cells) else "") for key, i in mapping.items()}
