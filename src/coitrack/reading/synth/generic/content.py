"""What a generic certificate says: its wording, parties, insurers and coverages drawn at
random per layout, and the truth a perfect reader returns (only what the page prints)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from coitrack.reading.result import empty_certificate, empty_policy
from coitrack.reading.synth.values import (
    CITIES,
    FIRST,
    INSURERS,
    OPERATIONS,
    PEOPLE,
    STREETS,
    SUFFIX,
    TRADE,
    format_amount,
)
from coitrack.schema import join_address

LAYOUTS = ("letter", "table", "keyvalue", "memo", "schedule", "boxed")
FONTS = (
    ("Helvetica", "Helvetica-Bold"),
    ("Times-Roman", "Times-Bold"),
    ("Courier", "Courier-Bold"),
)

LABELS = {
    "insured": ["Named Insured", "Insured", "Policyholder", "Name of Insured"],
    "holder": ["Certificate Holder", "Issued To", "Holder", "Certificate Issued To"],
    "producer": ["Producer", "Agent", "Agency", "Insurance Agent", "Broker"],
    "date": ["Date", "Date Issued", "Issue Date", "Certificate Date"],
    "insurer": ["Insurer", "Insurance Company", "Carrier", "Company", "Underwritten by"],
    "naic": ["NAIC #", "NAIC", "NAIC No."],
    "policy_number": ["Policy Number", "Policy No.", "Policy #"],
    "period": ["Policy Period", "Policy Term", "Term", "Period of Insurance"],
    "effective": ["Effective Date", "Effective", "Inception Date"],
    "expiration": ["Expiration Date", "Expires", "Expiry Date"],
    "addl": ["Additional Insured", "Additional Insured Status", "Addl Insured"],
    "subr": ["Waiver of Subrogation", "Subrogation Waived"],
    "description": ["Description of Operations", "Remarks", "Special Provisions", "Description"],
    "phone": ["Phone", "Telephone", "Tel"],
    "email": ["Email", "E-mail"],
}
HEADINGS = {
    "gl": ["Commercial General Liability", "General Liability", "COMMERCIAL GENERAL LIABILITY"],
    "auto": ["Automobile Liability", "Business Auto", "Commercial Auto Liability"],
    "umbrella": ["Umbrella Liability", "Commercial Umbrella"],
    "excess": ["Excess Liability"],
    "wc": ["Workers' Compensation and Employers' Liability", "Workers Compensation"],
    "other": [
        "Professional Liability",
        "Errors & Omissions",
        "Pollution Liability",
        "Cyber Liability",
    ],
}
COVERAGE = {
    "gl": "general_liability",
    "auto": "automobile_liability",
    "umbrella": "umbrella_liability",
    "excess": "excess_liability",
    "wc": "workers_compensation",
    "other": "other",
}
LIMITS: dict[str, list[tuple[str, list[str], list[int], float]]] = {
    # row -> (schema key, wordings, amounts, chance printed)
    "gl": [
        (
            "each_occurrence",
            ["Each Occurrence", "Each Occurrence Limit", "Per Occurrence"],
            [1_000_000, 2_000_000],
            1.0,
        ),
        (
            "damage_to_rented_premises",
            ["Damage to Rented Premises", "Damage to Premises Rented to You", "Fire Damage"],
            [100_000, 300_000],
            0.6,
        ),
        (
            "medical_expense",
            ["Medical Expense", "Medical Expense (Any One Person)", "Med Exp"],
            [5_000, 10_000],
            0.6,
        ),
        (
            "personal_advertising_injury",
            ["Personal & Advertising Injury", "Personal and Advertising Injury"],
            [1_000_000, 2_000_000],
            0.7,
        ),
        (
            "general_aggregate",
            ["General Aggregate", "General Aggregate Limit", "Gen'l Aggregate"],
            [2_000_000, 4_000_000],
            0.95,
        ),
        (
            "products_completed_operations_aggregate",
            [
                "Products-Completed Operations Aggregate",
                "Products/Completed Ops Aggregate",
                "Products & Completed Operations",
            ],
            [2_000_000, 4_000_000],
            0.7,
        ),
    ],
    "auto": [
        (
            "combined_single_limit",
            ["Combined Single Limit", "Combined Single Limit (Each Accident)", "CSL"],
            [1_000_000, 2_000_000],
            1.0,
        ),
    ],
    "umbrella": [
        ("each_occurrence", ["Each Occurrence", "Per Occurrence"], [5_000_000, 10_000_000], 1.0),
        ("aggregate", ["Aggregate", "Annual Aggregate"], [5_000_000, 10_000_000], 0.9),
    ],
    "wc": [
        (
            "el_each_accident",
            ["E.L. Each Accident", "Each Accident", "Employers' Liability Each Accident"],
            [500_000, 1_000_000],
            1.0,
        ),
        (
            "el_disease_each_employee",
            ["E.L. Disease - Each Employee", "Disease - Each Employee"],
            [500_000, 1_000_000],
            1.0,
        ),
        (
            "el_disease_policy_limit",
            ["E.L. Disease - Policy Limit", "Disease - Policy Limit"],
            [500_000, 1_000_000],
            1.0,
        ),
    ],
    "other": [
        ("each_claim", ["Each Claim", "Per Claim"], [1_000_000, 2_000_000], 1.0),
        ("aggregate", ["Aggregate"], [2_000_000, 3_000_000], 0.8),
    ],
}
LIMITS["excess"] = LIMITS["umbrella"]
DATE_STYLES = ("%m/%d/%Y", "m/d/Y", "%m/%d/%y", "%Y-%m-%d", "month", "mon")
AMOUNT_STYLES = ("${:,}", "{:,}", "${:,}.00", "short")
YES = ("Yes", "Included", "Y")
NO = ("No", "Not Included", "N")
TITLES = {
    "letter": ["EVIDENCE OF INSURANCE", "Certificate of Insurance", "Evidence of Coverage"],
    "table": ["CERTIFICATE OF INSURANCE", "Insurance Certificate"],
    "keyvalue": ["Certificate of Insurance", "Proof of Insurance"],
    "memo": ["MEMORANDUM OF INSURANCE", "Confirmation of Coverage"],
    "schedule": ["Evidence of Liability Insurance", "Certificate of Coverage"],
    "boxed": ["Certificate of Insurance", "Evidence of Insurance"],
}


@dataclass
class Policy:
    row: str
    heading: str
    insurer: tuple[str, str | None]
    number: str
    effective: dt.date
    expiration: dt.date
    limits: list[tuple[str, str, int]]  # (wording, schema key, amount)
    addl: bool | None  # None: not printed
    subr: bool | None
    statutory: bool


@dataclass
class Content:
    title: str
    date: dt.date
    insured: tuple[str, list[str]]  # name, address lines
    holder: tuple[str, list[str]]
    producer: tuple[str, list[str]] | None
    phone: str | None
    email: str | None
    single_insurer: bool
    policies: list[Policy]
    description: str
    labels: dict[str, str] = field(default_factory=dict)  # wording chosen per field
    date_style: str = "%m/%d/%Y"
    amount_style: str = "{:,}"

    def date_text(self, value: dt.date) -> str:
        style = self.date_style
        if style == "m/d/Y":
            return f"{value.month}/{value.day}/{value.year}"
        if style == "month":
            return f"{value:%B} {value.day}, {value.year}"
        if style == "mon":
            return f"{value:%b}. {value.day}, {value.year}"
        return value.strftime(style)

    def amount_text(self, value: int) -> str:
        return format_amount(value, self.amount_style)

    def flag(self, value: bool, rng: random.Random) -> str:
        return rng.choice(YES if value else NO)


def _company(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(TRADE)} {rng.choice(SUFFIX)}"


def _address(rng: random.Random) -> list[str]:
    city, state, zip_code = rng.choice(CITIES)
    lines = [f"{rng.randint(1, 9999)} {rng.choice(STREETS)}"]
    if rng.random() < 0.2:
        lines.append(f"Suite {rng.randint(100, 1500)}")
    return [*lines, f"{city}, {state} {zip_code}"]


def _cased(heading: str, rng: random.Random, layout: str) -> str:
    return heading.upper() if layout == "letter" and rng.random() < 0.5 else heading


def make_content(rng: random.Random, layout: str) -> Content:
    effective = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
    rows = [
        r
        for r, p in (("gl", 0.95), ("auto", 0.6), ("umbrella", 0.35), ("wc", 0.6), ("other", 0.3))
        if rng.random() < p
    ] or ["gl"]
    if "umbrella" in rows and rng.random() < 0.3:
        rows[rows.index("umbrella")] = "excess"
    single = rng.random() < (0.6 if layout in ("letter", "memo") else 0.3)
    carriers = [
        (name, naic if rng.random() < 0.6 else None) for name, naic in rng.sample(INSURERS, 3)
    ]
    policies = []
    for row in rows:
        insurer = carriers[0] if single else rng.choice(carriers)
        start = (
            effective if rng.random() < 0.8 else effective + dt.timedelta(days=rng.randint(1, 90))
        )
        limits = [
            (rng.choice(wordings), key, rng.choice(amounts))
            for key, wordings, amounts, chance in LIMITS[row]
            if rng.random() < chance
        ]
        prefix = {
            "gl": "GL",
            "auto": "BA",
            "umbrella": "UMB",
            "excess": "XS",
            "wc": "WC",
            "other": "PL",
        }[row]
        policies.append(
            Policy(
                row=row,
                heading=_cased(rng.choice(HEADINGS[row]), rng, layout),
                insurer=insurer,
                number=f"{prefix}{rng.choice(['', ' ', '-'])}{rng.randint(100000, 9999999)}"
                + rng.choice(["", "-01", "A"]),
                effective=start,
                expiration=start.replace(year=start.year + 1)
                if not (start.month == 2 and start.day == 29)
                else dt.date(start.year + 1, 3, 1),
                limits=limits,
                addl=rng.choice([True, False, None])
                if row in ("gl", "auto", "umbrella", "excess")
                else None,
                subr=rng.choice([True, False, None]),
                statutory=row == "wc" and rng.random() < 0.8,
            )
        )
    producer = None
    if rng.random() < 0.7:
        agency = f"{rng.choice(FIRST)} Insurance {rng.choice(['Agency', 'Brokers', 'Services'])}"
        producer = (f"{agency}, {rng.choice(['Inc.', 'LLC'])}", _address(rng))
    content = Content(
        title=rng.choice(TITLES[layout]),
        date=effective + dt.timedelta(days=rng.randint(0, 200)),
        insured=(_company(rng), _address(rng)),
        holder=(_company(rng), _address(rng)),
        producer=producer,
        phone=f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}"
        if producer and rng.random() < 0.6
        else None,
        email=f"{rng.choice(PEOPLE).split()[0].lower()}@{rng.choice(FIRST).split()[0].lower()}"
        "ins.com"
        if producer and rng.random() < 0.4
        else None,
        single_insurer=single,
        policies=policies,
        description=rng.choice(OPERATIONS[:3]) if rng.random() < 0.7 else "",
        labels={key: rng.choice(options) for key, options in LABELS.items()},
        date_style=rng.choice(DATE_STYLES),
        amount_style=rng.choice(AMOUNT_STYLES),
    )
    return content


def truth_of(content: Content) -> dict[str, Any]:
    """What a perfect reader returns for ``content``."""
    truth = empty_certificate()
    truth["form"] = "generic"
    truth["certificate_date"] = content.date.isoformat()
    truth["insured"] = {"name": content.insured[0], "address": join_address(*content.insured[1])}
    truth["certificate_holder"] = {
        "name": content.holder[0],
        "address": join_address(*content.holder[1]),
    }
    if content.producer:
        truth["producer"]["name"] = content.producer[0]
        truth["producer"]["address"] = join_address(*content.producer[1])
    truth["producer"]["phone"] = content.phone or ""
    truth["producer"]["email"] = content.email or ""
    truth["description_of_operations"] = content.description
    letters: dict[str, str] = {}
    for policy in content.policies:
        name, naic = policy.insurer
        if name not in letters:
            letters[name] = "ABCDEF"[len(letters)]
            truth["insurers"].append({"letter": letters[name], "name": name, "naic": naic})
    order = ("gl", "auto", "umbrella", "excess", "wc", "other")
    for policy in sorted(content.policies, key=lambda p: order.index(p.row)):
        entry = empty_policy(COVERAGE[policy.row])
        entry["insurer_letter"] = letters[policy.insurer[0]]
        entry["policy_number"] = policy.number
        entry["effective_date"] = policy.effective.isoformat()
        entry["expiration_date"] = policy.expiration.isoformat()
        entry["additional_insured"] = bool(policy.addl)
        entry["subrogation_waived"] = bool(policy.subr)
        if policy.row == "other":
            entry["description"] = policy.heading
        if policy.row == "wc":
            entry["statutory"] = policy.statutory
        entry["limits"] = {key: amount for _, key, amount in policy.limits}
        truth["policies"].append(entry)
    return truth


