"""Random, realistic certificate contents with their ground truth.

:func:`make_sample` returns what goes in each ACORD field (as a broker would type it: dates and
amounts in varied formats, Y or X marks, long names) and the schema data a perfect reader would
return. Everything is derived from one ``random.Random`` so a seed reproduces a certificate.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from coitrack.reading.result import empty_certificate
from coitrack.schema import join_address

INSURERS = [
    ("Zurich American Insurance Company", "16535"),
    ("Travelers Property Casualty Company of America", "25674"),
    ("Hartford Fire Insurance Company", "19682"),
    ("Liberty Mutual Fire Insurance Company", "23035"),
    ("Continental Casualty Company", "20443"),
    ("Federal Insurance Company", "20281"),
    ("Ohio Security Insurance Company", "24082"),
    ("Selective Insurance Company of America", "12572"),
    ("Nationwide Mutual Insurance Company", "23787"),
    ("The Cincinnati Insurance Company", "10677"),
    ("Westfield Insurance Company", "24112"),
    ("The Hanover Insurance Company", "22292"),
    ("Great American Insurance Company", "16691"),
    ("Arch Insurance Company", "11150"),
    ("Technology Insurance Company, Inc.", "42376"),
    ("Employers Insurance Company of Wausau", "21458"),
    ("National Union Fire Insurance Company of Pittsburgh, PA", "19445"),
    ("State Compensation Insurance Fund", "35076"),
]
# Made up for the generator, codes included: none of them is in carriers.CARRIERS.
REGIONAL_INSURERS = [
    ("Prairie States Mutual Insurance Company", "14621"),
    ("Lakeland Casualty Insurance Company", "29873"),
    ("Granite Peak Insurance Company", "31447"),
    ("Old Harbor Mutual Fire Insurance Company", "16228"),
    ("Tri-State Contractors Insurance Exchange", "40931"),
    ("Blue Mesa Specialty Insurance Company", "12865"),
]
FIRST = [
    "Northwind",
    "Blue Ridge",
    "Harbor",
    "Summit",
    "Keystone",
    "Redwood",
    "Granite State",
    "Lakeshore",
    "Pioneer",
    "Evergreen",
    "Tri-County",
    "Apex",
    "Cardinal",
    "Ironwood",
    "Bayview",
    "Meridian",
    "Gomez & Sons",
    "O'Neill",
    "Kowalski",
    "Nguyen",
]
TRADE = [
    "Mechanical",
    "Roofing & Sheet Metal",
    "Electrical Contractors",
    "Landscaping",
    "Janitorial Services",
    "Catering",
    "Plumbing & Heating",
    "Painting",
    "Fire Protection",
    "Elevator Services",
    "Paving",
    "Security Services",
    "HVAC",
    "Demolition",
]
SUFFIX = ["LLC", "Inc.", "Co.", "Corp.", "LLP", "Company, Inc.", "Group, LLC"]
LONG_NAMES = [
    "Consolidated Regional Environmental Remediation and Demolition Services of the "
    "Greater Tri-County Area, LLC",
    "Northeastern Commercial Mechanical, Electrical and Plumbing Contractors Cooperative, Inc.",
    "The Board of Trustees of the Lakeshore Community College District Facilities Department",
]
STREETS = [
    "Main St",
    "Market Street",
    "Broadway",
    "Industrial Pkwy",
    "Commerce Dr",
    "Elm Ave",
    "Harbor Blvd",
    "W 34th St",
    "Route 9",
    "Mission St",
    "Peachtree Rd NE",
]
CITIES = [
    ("Springfield", "IL", "62701"),
    ("Los Angeles", "CA", "90017"),
    ("Austin", "TX", "78701"),
    ("New York", "NY", "10001"),
    ("Portland", "OR", "97204"),
    ("Livonia", "MI", "48152"),
    ("Saint Paul", "MN", "55102"),
    ("Tampa", "FL", "33602"),
    ("Boston", "MA", "02110"),
    ("Denver", "CO", "80202"),
    ("Newark", "NJ", "07102"),
    ("Raleigh", "NC", "27601"),
]
PEOPLE = [
    "Tiffany Edison",
    "Marcus Lee",
    "Ana Ruiz",
    "Priya Patel",
    "John O'Brien",
    "Dana Kowalczyk",
    "Samuel Okafor",
]
OPERATIONS = [
    "Certificate holder is included as additional insured on the general liability policy "
    "per written contract.",
    "Job: 1200 Harbor Blvd renovation. Waiver of subrogation applies where required by "
    "written contract. Primary and non-contributory wording applies.",
    "Janitorial services at all locations of the certificate holder.",
    "",
]
OTHER_COVERAGES = [
    "Professional Liability",
    "Pollution Liability",
    "Liquor Liability",
    "Cyber Liability",
    "Inland Marine",
    "Garage Keepers Liability",
]

SERIES = ["TRS", "UEC", "SBA"]
PREFIXES = ["GL", "CPP", "BA", "WC", "UMB", "TUA", "EPP"]
DATE_STYLES = ["%m/%d/%Y", "%m/%d/%Y", "%m/%d/%Y", "m/d/Y", "m/d/y", "%Y-%m-%d"]
AMOUNT_STYLES = ["{:,}", "{:,}", "{:,}", "${:,}", "{:,}.00", "{}", "short"]


@dataclass
class Sample:
    fields: dict[str, str] = field(default_factory=dict)  # ACORD text field -> text as typed
    checks: dict[str, bool] = field(default_factory=dict)  # ACORD check box -> marked
    truth: dict[str, Any] = field(default_factory=empty_certificate)
    long_names: bool = False
    # The description's continuation on an ACORD 101 page (synth/remarks.py); "" for none
    remarks: str = ""


def format_date(value: dt.date, style: str) -> str:
    if style == "m/d/Y":
        return f"{value.month}/{value.day}/{value.year}"
    if style == "m/d/y":
        return f"{value.month}/{value.day}/{value.year % 100:02d}"
    return value.strftime(style)


def format_amount(value: int, style: str) -> str:
    if style == "short":
        if value % 1_000_000 == 0:
            return f"${value // 1_000_000}M"
        if value % 1_000 == 0:
            return f"${value // 1_000:,}K"
        return f"{value:,}"
    return style.format(value)


def _company(rng: random.Random, long_ok: bool = True) -> str:
    if long_ok and rng.random() < 0.12:
        return rng.choice(LONG_NAMES)
    return f"{rng.choice(FIRST)} {rng.choice(TRADE)} {rng.choice(SUFFIX)}"


def _address(rng: random.Random) -> tuple[str, str, str, str, str]:
    line1 = f"{rng.randint(1, 9999)} {rng.choice(STREETS)}"
    if rng.random() < 0.1:
        line1 = f"PO Box {rng.randint(100, 99999)}"
    line2 = rng.choice(["", "", "", f"Suite {rng.randint(100, 1500)}", "Floor 3"])
    city, state, zip_code = rng.choice(CITIES)
    return line1, line2, city, state, zip_code


def _party(sample: Sample, prefix: str, rng: random.Random, name: str) -> str:
    line1, line2, city, state, zip_code = _address(rng)
    sample.fields[f"{prefix}_FullName_A"] = name
    sample.fields[f"{prefix}_MailingAddress_LineOne_A"] = line1
    sample.fields[f"{prefix}_MailingAddress_LineTwo_A"] = line2
    sample.fields[f"{prefix}_MailingAddress_CityName_A"] = city
    sample.fields[f"{prefix}_MailingAddress_StateOrProvinceCode_A"] = state
    sample.fields[f"{prefix}_MailingAddress_PostalCode_A"] = zip_code
    return join_address(line1, line2, city, f"{state} {zip_code}")


def make_sample(rng: random.Random) -> Sample:
    """One random certificate: field texts, check marks and the schema data they mean."""
    sample = Sample()
    truth = sample.truth
    date_style = rng.choice(DATE_STYLES)
    amount_style = rng.choice(AMOUNT_STYLES)
    mark = rng.choice(["Y", "X"])
    truth["form"], truth["edition"] = "acord25", "2016/03"

    effective = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 1000))
    issued = effective + dt.timedelta(days=rng.randint(0, 200))
    sample.fields["Form_CompletionDate_A"] = format_date(issued, date_style)
    truth["certificate_date"] = issued.isoformat()
    if rng.random() < 0.4:
        number = f"{rng.randint(10000000, 99999999)}"
        sample.fields["CertificateOfInsurance_CertificateNumberIdentifier_A"] = number
        truth["certificate_number"] = number
    if rng.random() < 0.2:
        sample.fields["CertificateOfInsurance_RevisionNumberIdentifier_A"] = str(rng.randint(1, 9))
        truth["revision_number"] = sample.fields[
            "CertificateOfInsurance_RevisionNumberIdentifier_A"
        ]

    agency = rng.choice(["Agency", "Brokers", "Services"])
    producer = f"{rng.choice(FIRST)} Insurance {agency}, {rng.choice(['Inc.', 'LLC'])}"
    truth["producer"]["name"] = producer
    truth["producer"]["address"] = _party(sample, "Producer", rng, producer)
    contact = rng.choice(PEOPLE)
    phone = f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}"
    fax = f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}"
    email = (
        contact.lower().replace(" ", ".").replace("'", "")
        + "@"
        + producer.split()[0].lower()
        + "ins.com"
    )
    for key, name, value in (
        ("contact_name", "Producer_ContactPerson_FullName_A", contact),
        ("phone", "Producer_ContactPerson_PhoneNumber_A", phone),
        ("fax", "Producer_FaxNumber_A", fax if rng.random() < 0.7 else ""),
        ("email", "Producer_ContactPerson_EmailAddress_A", email),
    ):
        sample.fields[name] = value
        truth["producer"][key] = value

    insured = _company(rng)
    holder = _company(rng)
    sample.long_names = insured in LONG_NAMES or holder in LONG_NAMES
    truth["insured"] = {"name": insured, "address": _party(sample, "NamedInsured", rng, insured)}
    truth["certificate_holder"] = {
        "name": holder,
        "address": _party(sample, "CertificateHolder", rng, holder),
    }
    description = rng.choice(OPERATIONS)
    sample.fields["CertificateOfLiabilityInsurance_ACORDForm_RemarkText_A"] = description
    truth["description_of_operations"] = description

    insurers = rng.sample(INSURERS, rng.randint(1, 6))
    # A quarter of them are smaller insurers the reader's list of carriers does not hold
    # (carriers.py), drawn apart so that every other value stays as the seed made it before.
    regional = random.Random(f"{insured}|{holder}|{description}")
    spare = regional.sample(REGIONAL_INSURERS, len(REGIONAL_INSURERS))
    insurers = [spare.pop() if regional.random() < 0.25 else pair for pair in insurers]
    letters = "ABCDEF"[: len(insurers)]
    for letter, (name, naic) in zip(letters, insurers, strict=True):
        sample.fields[f"Insurer_FullName_{letter}"] = name
        sample.fields[f"Insurer_NAICCode_{letter}"] = naic
        truth["insurers"].append({"letter": letter, "name": name, "naic": naic})

    rows = [
        row
        for row, p in (("gl", 0.92), ("auto", 0.7), ("umbrella", 0.5), ("wc", 0.7), ("other", 0.3))
        if rng.random() < p
    ] or ["gl"]
    context = {
        "rng": rng,
        "date_style": date_style,
        "amount_style": amount_style,
        "mark": mark,
        "letters": letters,
        "effective": effective,
    }
    from coitrack.reading.synth.rows import ROW_BUILDERS  # rows use this module's helpers

    for row in rows:
        truth["policies"].append(ROW_BUILDERS[row](sample, context))
    return sample
