"""A description of operations too long for the ACORD 25 box, continued on an ACORD 101
("Additional Remarks Schedule") page, as agency systems print it.

:func:`continue_on_remarks` lengthens a sample's description and splits it: the first part stays
in the ACORD 25 box (``sample.fields``), the rest goes to ``sample.remarks``; the truth holds both,
in order. :func:`draw_remarks_page` draws coitrack's own 101-like page (our prose; the captions a
reader anchors on are the form's) with its header boxes filled from the certificate.
"""

from __future__ import annotations

import random

from coitrack.reading.synth.values import Sample

REMARK_TEXT = "CertificateOfLiabilityInsurance_ACORDForm_RemarkText_A"
PAGE_ONE_CHARS = 170  # what stays on the ACORD 25 page (two lines whatever the font)
MARKERS = (
    "See ACORD 101 Additional Remarks Schedule attached.",
    "SEE ATTACHED ACORD 101",
    "Continued on Additional Remarks Schedule.",
)
SENTENCES = (
    "The following are included as additional insureds where required by written contract: "
    "Harbor Point Property Management LLC, its officers, directors and employees.",
    "Project: Riverside Medical Office Building, 400 Canal Street, Unit 2, Boston, MA 02110.",
    "General liability coverage is primary and non-contributory with any insurance maintained "
    "by the additional insureds.",
    "Waiver of subrogation in favor of the certificate holder applies to workers compensation "
    "where permitted by law.",
    "Vehicles: all owned, hired and non-owned autos; 2019 Ford F-250 VIN 1FT7W2B60KEC01234.",
    "Thirty (30) days notice of cancellation will be given to the certificate holder, ten (10) "
    "days for non-payment of premium.",
    "Locations: 12 Industrial Way, Building C; 77 Commerce Drive; all job sites in the state.",
    "Umbrella policy follows form over general liability, automobile liability and employers "
    "liability.",
)  # no endorsement form numbers: they would add the "endorsements" key the truth lacks


def continue_on_remarks(sample: Sample, rng: random.Random, *, marker: bool | None = None) -> None:
    """Lengthen ``sample``'s description and split it between the ACORD 25 box and an ACORD 101
    page. ``marker``: page 1 ends by saying where the text continues (random unless given).
    Does nothing when the sample already continues on a remarks page."""
    if sample.remarks:
        return
    first = sample.fields.get(REMARK_TEXT, "") or SENTENCES[2]
    words = " ".join([first, *rng.sample(SENTENCES, rng.randint(3, 6))]).split()
    page_one: list[str] = []
    while words and len(" ".join([*page_one, words[0]])) <= PAGE_ONE_CHARS:
        page_one.append(words.pop(0))
    marker = rng.random() < 0.5 if marker is None else marker
    if marker:
        page_one += rng.choice(MARKERS).split()
    sample.fields[REMARK_TEXT] = " ".join(page_one)
    sample.remarks = " ".join(words)
    sample.truth["description_of_operations"] = " ".join([*page_one, *words])


def draw_remarks_page(
    canvas, sample: Sample, *, font: str, size: float, shift: tuple[float, float] = (0.0, 0.0)
) -> None:
    """The ACORD 101 page of ``sample`` (its header boxes and ``sample.remarks``) on the current
    page of a reportlab canvas; the caller ends the page."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from coitrack.reading.synth.form import PAGE_HEIGHT

    dx, dy = shift

    def text(value: str, x: float, top: float, font_name: str, font_size: float) -> None:
        if value:
            canvas.setFont(font_name, font_size)
            canvas.drawString(x + dx, PAGE_HEIGHT - top - font_size * 0.8 - dy, value)

    def caption(value: str, x: float, top: float, font_size: float = 5.9) -> None:
        text(value, x, top, "Helvetica-Bold", font_size)

    canvas.setLineWidth(0.5)
    for top in (58, 94, 118, 142, 186, 744):
        canvas.line(18 + dx, PAGE_HEIGHT - top - dy, 590 + dx, PAGE_HEIGHT - top - dy)
    canvas.line(306 + dx, PAGE_HEIGHT - 58 - dy, 306 + dx, PAGE_HEIGHT - 142 - dy)
    caption("ADDITIONAL REMARKS SCHEDULE", 190.0, 30.0, 14.0)
    caption("Page 1 of 1", 540.0, 46.0, 7.0)
    caption("AGENCY", 21.6, 60.0)
    caption("NAMED INSURED", 309.6, 60.0)
    caption("POLICY NUMBER", 21.6, 96.0)
    caption("CARRIER", 21.6, 120.0)
    caption("NAIC CODE", 250.0, 120.0)
    caption("EFFECTIVE DATE:", 309.6, 120.0)
    caption("ADDITIONAL REMARKS", 21.6, 146.0, 8.4)
    caption("THIS ADDITIONAL REMARKS FORM IS A SCHEDULE TO ACORD FORM,", 21.6, 160.0, 7.0)
    caption("FORM NUMBER:", 21.6, 172.0, 7.0)
    caption("FORM TITLE:", 110.0, 172.0, 7.0)
    truth = sample.truth
    policy = truth["policies"][0] if truth["policies"] else {}
    insurer = truth["insurers"][0] if truth["insurers"] else {}
    value_size = min(size, 8.0)
    for value, x, top in (
        (truth["producer"]["name"], 24.0, 70.0),
        (truth["insured"]["name"], 312.0, 70.0),
        (truth["insured"]["address"], 312.0, 80.0),
        (policy.get("policy_number") or "", 24.0, 106.0),
        (insurer.get("name", ""), 24.0, 130.0),
        (insurer.get("naic") or "", 252.0, 130.0),
        (policy.get("effective_date") or "", 312.0, 130.0),
        ("25", 78.0, 172.0),
        ("CERTIFICATE OF LIABILITY INSURANCE", 160.0, 172.0),
    ):
        text(value, x, top, font, value_size)
    lines, current = [], ""
    for word in sample.remarks.split():
        candidate = f"{current} {word}".strip()
        if current and stringWidth(candidate, font, size) > 560:
            lines.append(current)
            current = word
        else:
            current = candidate
    for index, line in enumerate([*lines, current] if current else lines):
        text(line, 24.0, 194.0 + index * (size + 2.5), font, size)
    caption("ACORD 101 (2008/01)", 21.6, 758.2, 8.4)
    caption("Sample drawn by coitrack's test generator", 361.2, 758.2, 8.4)
