"""The page every generic layout draws on, and the pieces several layouts share (a labelled
line, a party, an insurer line, a policy's dates and yes/no answers, holder and remarks)."""

from __future__ import annotations

import io
import random
import textwrap

from coitrack.reading.synth.form import PAGE_HEIGHT, PAGE_WIDTH
from coitrack.reading.synth.generic.content import (
    FONTS,
    Content,
    Policy,
)


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


def labelled(
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


def party_lines(
    page: Page, label: str, party: tuple[str, list[str]], value_x: float, *, colon: bool = True
) -> None:
    name, address = party
    labelled(page, label, name, value_x=value_x, colon=colon)
    for line in address:
        page.line(line, x=value_x)




def insurer_line(
    page: Page, content: Content, insurer: tuple[str, str | None], tab: float
) -> None:
    name, naic = insurer
    labels = content.labels
    labelled(page, labels["insurer"], name, value_x=tab)
    if naic:
        page.y -= page.size * 1.45
        x = tab + page.width(name) + 24
        labelled(page, labels["naic"], naic, x=x)


def policy_dates(
    page: Page, content: Content, policy: Policy, tab: float, rng: random.Random
) -> None:
    labels = content.labels
    effective, expiration = (
        content.date_text(policy.effective),
        content.date_text(policy.expiration),
    )
    if rng.random() < 0.5:
        joiner = rng.choice([" to ", " - ", " through "])
        labelled(page, labels["period"], f"{effective}{joiner}{expiration}", value_x=tab)
    else:
        labelled(page, labels["effective"], effective, value_x=tab)
        labelled(page, labels["expiration"], expiration, value_x=tab)


def policy_flags(
    page: Page, content: Content, policy: Policy, tab: float, rng: random.Random
) -> None:
    if policy.addl is not None:
        labelled(page, content.labels["addl"], content.flag(policy.addl, rng), value_x=tab)
    if policy.subr is not None:
        labelled(page, content.labels["subr"], content.flag(policy.subr, rng), value_x=tab)


def holder_and_remarks(page: Page, content: Content, tab: float) -> None:
    labels = content.labels
    page.y += 6
    party_lines(page, labels["holder"], content.holder, tab)
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


