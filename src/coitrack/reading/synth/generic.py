"""Synthetic non-ACORD certificates (the ``generic`` variant) with their ground truth.

Four layouts, each with its own wording, fonts, date and amount formats:

- ``letter``: an insurer's "Evidence of Insurance" letter, "Label: value" lines, coverage
  headings in capitals, remarks below;
- ``table``: an agency's "Certificate of Insurance" with a coverage table (Coverage / Insurer /
  Policy Number / Effective / Expiration / Limits; a limit per line in the last column);
- ``keyvalue``: label and value in two columns without colons, the parties side by side with
  their labels above, "Coverage: ..." lines opening each coverage;
- ``memo``: a "Memorandum of Insurance", several labelled values per line, limits as
  "Each Occurrence $1M   General Aggregate $2M", a policy period in one value.

The truth holds only what the page prints: ``form`` "generic", no edition, insurers lettered
A, B ... in the order they are first printed (the reader's convention), policies in the schema's
row order (which is the order they are printed).
"""

from __future__ import annotations

import datetime as dt
import io
import random
import textwrap
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
PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0
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


class Page:
    """A reportlab canvas addressed from the top of the page, in points."""

    def __init__(self, rng: random.Random) -> None:
        from reportlab.pdfgen.canvas import Canvas

        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
        self.canvas.setCreator("coitrack synthetic generic certificate")
        self.regular, self.bold = rng.choice(FONTS)
        self.size = rng.choice((8.5, 9.0, 9.5, 10.0))
        self.y = 50.0 + rng.uniform(0, 15)
        self.margin = 50.0 + rng.uniform(-8, 12)

    def text(
        self, x: float, y: float, text: str, *, bold: bool = False, size: float | None = None
    ) -> None:
        self.canvas.setFont(self.bold if bold else self.regular, size or self.size)
        self.canvas.drawString(x, PAGE_HEIGHT - y - (size or self.size), text)

    def width(self, text: str, *, bold: bool = False, size: float | None = None) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(text, self.bold if bold else self.regular, size or self.size)

    def line(
        self,
        text: str,
        *,
        x: float | None = None,
        bold: bool = False,
        size: float | None = None,
        gap: float = 1.45,
    ) -> None:
        self.text(self.margin if x is None else x, self.y, text, bold=bold, size=size)
        self.y += (size or self.size) * gap

    def rule(self) -> None:
        self.canvas.setLineWidth(0.5)
        self.canvas.line(
            self.margin, PAGE_HEIGHT - self.y, PAGE_WIDTH - self.margin, PAGE_HEIGHT - self.y
        )
        self.y += self.size

    def wrapped(self, text: str, *, x: float | None = None, width: float = 480) -> None:
        chars = max(20, int(width / (self.size * 0.5)))
        for part in textwrap.wrap(text, chars, break_on_hyphens=False):
            self.line(part, x=x)

    def pdf(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def _labelled(
    page: Page,
    label: str,
    value: str,
    *,
    x: float | None = None,
    value_x: float | None = None,
    colon: bool = True,
) -> None:
    """One "Label: value" line; the value at ``value_x`` (a tab stop) or right after."""
    x = page.margin if x is None else x
    shown = f"{label}:" if colon else label
    page.text(x, page.y, shown, bold=True)
    at = value_x if value_x is not None else x + page.width(shown + " ", bold=True) + 2
    page.text(at, page.y, value)
    page.y += page.size * 1.45


def _party_lines(
    page: Page, label: str, party: tuple[str, list[str]], value_x: float, *, colon: bool = True
) -> None:
    name, address = party
    _labelled(page, label, name, value_x=value_x, colon=colon)
    for line in address:
        page.line(line, x=value_x)


def _draw_letter(content: Content, rng: random.Random) -> bytes:
    page, labels = Page(rng), content.labels
    insurer = content.policies[0].insurer
    page.line(
        insurer[0] if content.single_insurer else "Certificates Department",
        bold=True,
        size=page.size + 4,
    )
    page.line("Commercial Lines Service Center", size=page.size - 1)
    page.y += 10
    page.line(content.title, bold=True, size=page.size + 5, x=page.margin + 120)
    page.y += 8
    tab = (
        page.margin
        + max(
            page.width(f"{labels[k]}:", bold=True)
            for k in (
                "insured",
                "holder",
                "date",
                "producer",
                "insurer",
                "policy_number",
                "period",
                "effective",
                "expiration",
                "phone",
                "email",
            )
        )
        + 14
    )
    wordings = [w for p in content.policies for w, _, _ in p.limits]
    wordings += [content.labels["addl"], content.labels["subr"]]
    limit_tab = page.margin + max(page.width(f"{w}:", bold=True) for w in wordings) + 14
    _labelled(page, labels["date"], content.date_text(content.date), value_x=tab)
    page.y += 4
    _party_lines(page, labels["insured"], content.insured, tab)
    page.y += 4
    if content.producer:
        _party_lines(page, labels["producer"], content.producer, tab)
        if content.phone:
            _labelled(page, labels["phone"], content.phone, value_x=tab)
        if content.email:
            _labelled(page, labels["email"], content.email, value_x=tab)
        page.y += 4
    if content.single_insurer:
        _insurer_line(page, content, insurer, tab)
    page.y += 4
    page.wrapped(
        "This letter is issued as a matter of information only and confers no rights "
        "upon the holder. It does not amend, extend or alter the coverage afforded by "
        "the policies described below."
    )
    page.y += 6
    for policy in content.policies:
        page.line(policy.heading, bold=True)
        if not content.single_insurer:
            _insurer_line(page, content, policy.insurer, tab)
        _labelled(page, labels["policy_number"], policy.number, value_x=tab)
        _dates(page, content, policy, tab, rng)
        _flags(page, content, policy, limit_tab, rng)
        for wording, _, amount in policy.limits:
            _labelled(page, wording, content.amount_text(amount), value_x=limit_tab)
        if policy.statutory:
            page.line("Workers' Compensation: Statutory Limits", x=page.margin)
        page.y += 5
    _holder_and_remarks(page, content, tab)
    return page.pdf()


def _insurer_line(
    page: Page, content: Content, insurer: tuple[str, str | None], tab: float
) -> None:
    name, naic = insurer
    labels = content.labels
    _labelled(page, labels["insurer"], name, value_x=tab)
    if naic:
        page.y -= page.size * 1.45
        x = tab + page.width(name) + 24
        _labelled(page, labels["naic"], naic, x=x)


def _dates(page: Page, content: Content, policy: Policy, tab: float, rng: random.Random) -> None:
    labels = content.labels
    effective, expiration = (
        content.date_text(policy.effective),
        content.date_text(policy.expiration),
    )
    if rng.random() < 0.5:
        joiner = rng.choice([" to ", " - ", " through "])
        _labelled(page, labels["period"], f"{effective}{joiner}{expiration}", value_x=tab)
    else:
        _labelled(page, labels["effective"], effective, value_x=tab)
        _labelled(page, labels["expiration"], expiration, value_x=tab)


def _flags(page: Page, content: Content, policy: Policy, tab: float, rng: random.Random) -> None:
    if policy.addl is not None:
        _labelled(page, content.labels["addl"], content.flag(policy.addl, rng), value_x=tab)
    if policy.subr is not None:
        _labelled(page, content.labels["subr"], content.flag(policy.subr, rng), value_x=tab)


def _holder_and_remarks(page: Page, content: Content, tab: float) -> None:
    labels = content.labels
    page.y += 6
    _party_lines(page, labels["holder"], content.holder, tab)
    if content.description:
        page.y += 8
        page.line(f"{labels['description']}:", bold=True)
        page.wrapped(content.description)
    page.y += 16
    page.line("Authorized Representative")


# Limit wording short enough for a table's last column.
SHORT = {
    "products_completed_operations_aggregate": "Products-Comp/Op Agg",
    "personal_advertising_injury": "Personal & Adv Injury",
    "damage_to_rented_premises": "Damage to Rented Premises",
    "medical_expense": "Med Exp",
    "el_each_accident": "E.L. Each Accident",
    "el_disease_each_employee": "E.L. Disease - Each Employee",
    "el_disease_policy_limit": "E.L. Disease - Policy Limit",
    "combined_single_limit": "Combined Single Limit",
}


def _draw_table(content: Content, rng: random.Random) -> bytes:
    page, labels = Page(rng), content.labels
    if content.date_style in ("month", "mon"):  # the date columns are narrow
        content.date_style = "%m/%d/%Y"
    if page.regular == "Courier":  # too wide for six columns
        page.regular, page.bold = "Helvetica", "Helvetica-Bold"
    page.size = min(page.size, 8.5)
    page.line(content.title, bold=True, size=page.size + 6, x=page.margin + 150)
    _labelled(page, labels["date"], content.date_text(content.date), x=page.margin + 380)
    page.y += 6
    # Producer and insured side by side, labels above their blocks.
    right = page.margin + 270
    top = page.y
    page.text(page.margin, top, labels["insured"].upper(), bold=True)
    if content.producer:
        page.text(right, top, labels["producer"].upper(), bold=True)
    page.y = top + page.size * 1.5
    left_lines = [content.insured[0], *content.insured[1]]
    right_lines = [content.producer[0], *content.producer[1]] if content.producer else []
    if content.phone:
        right_lines.append(f"{labels['phone']}: {content.phone}")
    for index in range(max(len(left_lines), len(right_lines))):
        if index < len(left_lines):
            page.text(page.margin, page.y, left_lines[index])
        if index < len(right_lines):
            page.text(right, page.y, right_lines[index])
        page.y += page.size * 1.35
    if content.email:
        page.text(right, page.y, f"{labels['email']}: {content.email}")
        page.y += page.size * 1.35
    page.y += 10
    page.rule()
    columns = [
        ("Coverage", 0),
        ("Insurer", 125),
        ("Policy Number", 240),
        ("Effective", 310),
        ("Expiration", 365),
        ("Limits", 420),
    ]
    names = {
        "Coverage": rng.choice(["Coverage", "Type of Insurance", "Coverage Type"]),
        "Policy Number": rng.choice(["Policy Number", "Policy No.", "Policy #"]),
        "Effective": rng.choice(["Effective", "Eff. Date"]),
        "Expiration": rng.choice(["Expiration", "Exp. Date", "Expires"]),
        "Insurer": rng.choice(["Insurer", "Company", "Carrier"]),
        "Limits": rng.choice(["Limits", "Limits of Liability"]),
    }
    size = page.size - 0.5
    for title, x in columns:
        page.text(page.margin + x, page.y, names[title], bold=True, size=size)
    page.y += size * 1.6
    for policy in content.policies:
        top = page.y
        heading = policy.heading
        words = heading.split()
        head_lines = (
            [heading]
            if page.width(heading, size=size) < 105
            else [" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])]
        )
        cells = {
            0: head_lines,
            125: textwrap.wrap(policy.insurer[0], 27)
            + ([f"NAIC {policy.insurer[1]}"] if policy.insurer[1] else []),
            240: [policy.number],
            310: [content.date_text(policy.effective)],
            365: [content.date_text(policy.expiration)],
        }
        limit_lines = [
            f"{SHORT.get(key, w)} {content.amount_text(a)}" for w, key, a in policy.limits
        ]
        if policy.statutory:
            limit_lines.insert(0, "Statutory")
        if policy.addl is not None:
            cells[0] = cells[0] + [f"Addl Insured: {'Y' if policy.addl else 'N'}"]
        if policy.subr is not None:
            cells[0] = cells[0] + [f"Waiver: {'Y' if policy.subr else 'N'}"]
        cells[420] = limit_lines
        height = max(len(v) for v in cells.values())
        for x, texts in cells.items():
            for index, text in enumerate(texts):
                font = size - (1.5 if x in (125, 420) else 0.5)
                page.text(page.margin + x, top + index * size * 1.3, text, size=font)
        page.y = top + height * size * 1.3 + 6
    page.rule()
    page.y += 6
    page.line(labels["holder"].upper(), bold=True)
    page.line(content.holder[0])
    for line in content.holder[1]:
        page.line(line)
    if content.description:
        page.y += 8
        page.line(labels["description"].upper(), bold=True)
        page.wrapped(content.description, width=500)
    return page.pdf()


def _draw_keyvalue(content: Content, rng: random.Random) -> bytes:
    page, labels = Page(rng), content.labels
    page.line(content.title, bold=True, size=page.size + 5)
    page.y += 6
    tab = page.margin + max(150, max(page.width(w, bold=True) for w in labels.values()) + 16)
    _labelled(page, labels["date"], content.date_text(content.date), value_x=tab, colon=False)
    page.y += 4
    # The two parties side by side, each label above its block.
    top, right = page.y, page.margin + 280
    page.text(page.margin, top, labels["insured"], bold=True)
    page.text(right, top, labels["holder"], bold=True)
    page.y += page.size * 1.5
    left_lines = [content.insured[0], *content.insured[1]]
    right_lines = [content.holder[0], *content.holder[1]]
    for index in range(max(len(left_lines), len(right_lines))):
        if index < len(left_lines):
            page.text(page.margin, page.y, left_lines[index])
        if index < len(right_lines):
            page.text(right, page.y, right_lines[index])
        page.y += page.size * 1.35
    page.y += 8
    if content.producer:
        _party_lines(page, labels["producer"], content.producer, tab, colon=False)
        if content.phone:
            _labelled(page, labels["phone"], content.phone, value_x=tab, colon=False)
        if content.email:
            _labelled(page, labels["email"], content.email, value_x=tab, colon=False)
        page.y += 6
    if content.single_insurer:
        name, naic = content.policies[0].insurer
        _labelled(page, labels["insurer"], name, value_x=tab, colon=False)
        if naic:
            _labelled(page, labels["naic"], naic, value_x=tab, colon=False)
    page.y += 6
    for policy in content.policies:
        page.rule()
        _labelled(
            page,
            rng.choice(["Coverage", "Type of Insurance", "Line of Coverage"]),
            policy.heading,
            value_x=tab,
        )
        if not content.single_insurer:
            _labelled(page, labels["insurer"], policy.insurer[0], value_x=tab, colon=False)
            if policy.insurer[1]:
                _labelled(page, labels["naic"], policy.insurer[1], value_x=tab, colon=False)
        _labelled(page, labels["policy_number"], policy.number, value_x=tab, colon=False)
        _labelled(
            page, labels["effective"], content.date_text(policy.effective), value_x=tab, colon=False
        )
        _labelled(
            page,
            labels["expiration"],
            content.date_text(policy.expiration),
            value_x=tab,
            colon=False,
        )
        if policy.addl is not None:
            _labelled(
                page, labels["addl"], content.flag(policy.addl, rng), value_x=tab, colon=False
            )
        if policy.subr is not None:
            _labelled(
                page, labels["subr"], content.flag(policy.subr, rng), value_x=tab, colon=False
            )
        if policy.statutory:
            _labelled(page, "Limits", "Statutory", value_x=tab, colon=False)
        limit_tab = tab + max((page.width(w) for w, _, _ in policy.limits), default=0) + 16
        for wording, _, amount in policy.limits:
            _labelled(
                page, wording, content.amount_text(amount), value_x=limit_tab, x=tab, colon=False
            )
        page.y += 4
    if content.description:
        page.rule()
        page.line(labels["description"], bold=True)
        page.wrapped(content.description)
    return page.pdf()


def _draw_memo(content: Content, rng: random.Random) -> bytes:
    page, labels = Page(rng), content.labels
    page.line(content.title, bold=True, size=page.size + 4)
    gap = "      "
    page.line(f"{labels['date']}: {content.date_text(content.date)}")
    page.y += 6
    for key, party in (("insured", content.insured), ("holder", content.holder)):
        x = page.margin + page.width(f"{labels[key]}: ", bold=True) + 2
        _labelled(page, labels[key], party[0])
        for line in party[1]:
            page.line(line, x=x)
        page.y += 4
    if content.producer:
        x = page.margin + page.width(f"{labels['producer']}: ", bold=True) + 2
        _labelled(page, labels["producer"], content.producer[0])
        for line in content.producer[1]:
            page.line(line, x=x)
        extras = [
            f"{labels['phone']}: {content.phone}" if content.phone else "",
            f"{labels['email']}: {content.email}" if content.email else "",
        ]
        if any(extras):
            page.line(gap.join(e for e in extras if e))
        page.y += 4
    if content.single_insurer:
        name, naic = content.policies[0].insurer
        page.line(
            f"{labels['insurer']}: {name}" + (f"{gap}{labels['naic']}: {naic}" if naic else "")
        )
    page.y += 6
    for policy in content.policies:
        page.line(f"{policy.heading}:", bold=True)
        if not content.single_insurer:
            name, naic = policy.insurer
            page.line(
                f"{labels['insurer']}: {name}" + (f" (NAIC {naic})" if naic else ""),
                x=page.margin + 12,
            )
        period = f"{content.date_text(policy.effective)} to {content.date_text(policy.expiration)}"
        page.line(
            f"{labels['policy_number']}: {policy.number}{gap}{labels['period']}: {period}",
            x=page.margin + 12,
        )
        flags = []
        if policy.addl is not None:
            flags.append(f"{labels['addl']}: {content.flag(policy.addl, rng)}")
        if policy.subr is not None:
            flags.append(f"{labels['subr']}: {content.flag(policy.subr, rng)}")
        if flags:
            page.line(gap.join(flags), x=page.margin + 12)
        if policy.statutory:
            page.line("Statutory", x=page.margin + 12)
        pieces = [f"{w} {content.amount_text(a)}" for w, _, a in policy.limits]
        for start in range(0, len(pieces), 2):
            page.line(gap.join(pieces[start : start + 2]), x=page.margin + 12)
        page.y += 4
    if content.description:
        page.y += 4
        page.line(f"{labels['description']}:", bold=True)
        page.wrapped(content.description)
    return page.pdf()


def _draw_schedule(content: Content, rng: random.Random) -> bytes:
    """A schedule: headings with the policy number at the right, dashes instead of colons,
    amounts right-aligned at the page edge, the insurer "written by"."""
    page, labels = Page(rng), content.labels
    right_edge = PAGE_WIDTH - page.margin
    page.text(
        page.margin,
        page.y,
        content.policies[0].insurer[0]
        if content.single_insurer
        else "Commercial Insurance Services",
        bold=True,
        size=page.size + 2,
    )
    page.y += page.size * 2.2
    title = content.title.upper()
    page.text(
        right_edge - page.width(title, bold=True, size=page.size + 3),
        page.y,
        title,
        bold=True,
        size=page.size + 3,
    )
    page.y += page.size * 2.5
    issued = f"{labels['date']} {chr(8211)} {content.date_text(content.date)}"
    page.text(right_edge - page.width(issued), page.y, issued)
    page.y += page.size * 2
    top, right = page.y, page.margin + 290
    page.text(page.margin, top, "INSURED NAME AND ADDRESS", bold=True)
    page.text(right, top, labels["holder"].upper(), bold=True)
    page.y += page.size * 1.5
    left_lines = [content.insured[0], *content.insured[1]]
    right_lines = [content.holder[0], *content.holder[1]]
    for index in range(max(len(left_lines), len(right_lines))):
        if index < len(left_lines):
            page.text(page.margin, page.y, left_lines[index])
        if index < len(right_lines):
            page.text(right, page.y, right_lines[index])
        page.y += page.size * 1.35
    page.y += 10
    dash = f" {chr(8211)} "
    for policy in content.policies:
        page.rule()
        page.text(page.margin, page.y, policy.heading, bold=True)
        number = f"{labels['policy_number']} {policy.number}"
        page.text(right_edge - page.width(number), page.y, number)
        page.y += page.size * 1.5
        name, naic = policy.insurer
        written = f"Written by{dash}{name}" + (f" (NAIC {naic})" if naic else "")
        page.line(written, x=page.margin + 10)
        page.line(
            f"{labels['period']}{dash}{content.date_text(policy.effective)}{dash}"
            f"{content.date_text(policy.expiration)}",
            x=page.margin + 10,
        )
        if policy.statutory:
            page.line("Statutory", x=page.margin + 10)
        for wording, _, amount in policy.limits:
            shown = content.amount_text(amount)
            page.text(page.margin + 10, page.y, wording)
            page.text(right_edge - page.width(shown), page.y, shown)
            page.y += page.size * 1.4
        for key, value in (("addl", policy.addl), ("subr", policy.subr)):
            if value is not None:
                page.line(f"{labels[key]}{dash}{content.flag(value, rng)}", x=page.margin + 10)
        page.y += 4
    if content.description:
        page.rule()
        page.line(labels["description"].upper(), bold=True)
        page.wrapped(content.description)
    if content.producer:
        page.y += 8
        page.line("YOUR AGENT", bold=True)
        page.line(content.producer[0])
        for line in content.producer[1]:
            page.line(line)
        if content.phone:
            page.line(f"{labels['phone']} {content.phone}")
        if content.email:
            page.line(f"{labels['email']}{dash}{content.email}")
    return page.pdf()


def _draw_boxed(content: Content, rng: random.Random) -> bytes:
    """Ruled boxes, each with a small caption at its top left and the value below it (an
    insurer's own form): parties side by side, then one row of boxes per coverage."""
    page, labels = Page(rng), content.labels
    if content.date_style in ("month", "mon"):  # the boxes are narrow
        content.date_style = "%m/%d/%Y"
    small, size = 6.5, page.size
    canvas = page.canvas
    canvas.setLineWidth(0.6)
    left, right_edge = page.margin, PAGE_WIDTH - page.margin

    def box(x0: float, x1: float, top: float, caption: str, texts: list[str]) -> float:
        height = small + 6 + len(texts) * size * 1.3 + 4
        canvas.rect(x0, PAGE_HEIGHT - top - height, x1 - x0, height)
        page.text(x0 + 3, top + 2, caption.upper(), size=small)
        for index, text in enumerate(texts):
            page.text(x0 + 5, top + small + 5 + index * size * 1.3, text)
        return height

    title = content.title.upper()
    page.text(
        (PAGE_WIDTH - page.width(title, bold=True, size=size + 4)) / 2,
        page.y,
        title,
        bold=True,
        size=size + 4,
    )
    page.y += size * 3
    middle = left + (right_edge - left) / 2
    page.y += box(middle, right_edge, page.y, labels["date"], [content.date_text(content.date)])
    height = max(
        box(left, middle, page.y, labels["insured"], [content.insured[0], *content.insured[1]]),
        box(middle, right_edge, page.y, labels["holder"], [content.holder[0], *content.holder[1]]),
    )
    page.y += height
    if content.producer or content.single_insurer:
        heights = [0.0]
        if content.producer:
            contact = [f"{labels['phone']}: {content.phone}"] if content.phone else []
            contact += [f"{labels['email']}: {content.email}"] if content.email else []
            heights.append(
                box(
                    left,
                    middle,
                    page.y,
                    labels["producer"],
                    [content.producer[0], *content.producer[1], *contact],
                )
            )
        if content.single_insurer:
            name, naic = content.policies[0].insurer
            heights.append(
                box(
                    middle,
                    right_edge,
                    page.y,
                    labels["insurer"],
                    [name] + ([f"NAIC {naic}"] if naic else []),
                )
            )
        page.y += max(heights)
    page.y += 8
    xs = [left, left + 150, left + 250, left + 340, right_edge]
    for policy in content.policies:
        first = (
            [policy.heading]
            if page.width(policy.heading) < 140
            else textwrap.wrap(policy.heading, 22)
        )
        if not content.single_insurer:
            name, naic = policy.insurer
            first += textwrap.wrap(f"{labels['insurer']}: {name}", 30)
            if naic:
                first.append(f"NAIC {naic}")
        flags = []
        if policy.addl is not None:
            flags.append(f"{labels['addl']}: {'Yes' if policy.addl else 'No'}")
        if policy.subr is not None:
            flags.append(f"{labels['subr']}: {'Yes' if policy.subr else 'No'}")
        limits = (["Statutory"] if policy.statutory else []) + [
            f"{SHORT.get(key, w)} {content.amount_text(a)}" for w, key, a in policy.limits
        ]
        heights = [
            box(xs[0], xs[1], page.y, "Coverage", first),
            box(xs[1], xs[2], page.y, labels["policy_number"], [policy.number]),
            box(
                xs[2],
                xs[3],
                page.y,
                "Policy Period",
                [content.date_text(policy.effective), content.date_text(policy.expiration)],
            ),
            box(xs[3], xs[4], page.y, "Limits", limits + flags),
        ]
        page.y += max(heights)
    if content.description:
        page.y += 8
        chars = int((right_edge - left) / (size * 0.5))
        box(
            left,
            right_edge,
            page.y,
            labels["description"],
            textwrap.wrap(content.description, chars, break_on_hyphens=False),
        )
    return page.pdf()


DRAW = {
    "letter": _draw_letter,
    "table": _draw_table,
    "keyvalue": _draw_keyvalue,
    "memo": _draw_memo,
    "schedule": _draw_schedule,
    "boxed": _draw_boxed,
}


def generate(seed: int, *, layout: str | None = None) -> tuple[bytes, dict[str, Any]]:
    """A generic certificate and its truth; ``layout`` one of :data:`LAYOUTS` (else by seed)."""
    rng = random.Random(f"generic:{seed}")
    layout = layout or LAYOUTS[seed % len(LAYOUTS)]
    content = make_content(rng, layout)
    return DRAW[layout](content, rng), truth_of(content)
