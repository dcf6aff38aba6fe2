"""coitrack's own ACORD-25-like page: printed captions, rules and check boxes, drawn with
reportlab, and the field boxes (by ACORD field name) where values go.

This is a drawing made for tests, not ACORD's form: the captions a reader anchors on and the
overall geometry follow the 2016/03 layout, the prose is our own. Coordinates here are PDF
points with the origin at the top-left corner (``top`` grows downwards), converted when drawn.
"""

from __future__ import annotations

from coitrack.reading.synth.editions import Edition, get

PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0

# (caption, x, top, size, bold)
CAPTIONS: list[tuple[str, float, float, float, bool]] = [
    ("DATE (MM/DD/YYYY)", 521.3, 27.3, 5.9, True),
    ("CERTIFICATE OF LIABILITY INSURANCE", 162.4, 29.6, 14.0, True),
    (
        "THIS SAMPLE IS DRAWN BY COITRACK FOR TESTING. IT STATES INSURANCE INFORMATION ONLY AND",
        28.8,
        50.9,
        8.0,
        True,
    ),
    (
        "GIVES NO RIGHTS TO ANYONE. IT DOES NOT CHANGE THE POLICIES LISTED BELOW.",
        28.8,
        60.5,
        8.0,
        True,
    ),
    ("ENDORSEMENTS, NOT THIS PAGE, DECIDE WHO IS COVERED.", 28.8, 70.1, 8.0, True),
    ("PRODUCER", 21.6, 123.3, 5.9, True),
    ("CONTACT", 309.6, 120.8, 5.9, True),
    ("NAME:", 309.6, 126.3, 5.9, True),
    ("PHONE", 309.6, 133.2, 5.9, True),
    ("(A/C, No, Ext):", 309.6, 138.8, 5.9, True),
    ("FAX", 486.0, 132.8, 5.9, True),
    ("(A/C, No):", 486.0, 138.3, 5.9, True),
    ("E-MAIL", 309.6, 144.9, 5.9, True),
    ("ADDRESS:", 309.6, 150.4, 5.9, True),
    ("INSURER(S) AFFORDING COVERAGE", 369.1, 161.6, 6.0, True),
    ("NAIC #", 557.3, 161.6, 6.0, True),
    *[
        (f"INSURER {letter} :", 309.6, 173.8 + 12 * i, 5.9, True)
        for i, letter in enumerate("ABCDEF")
    ],
    ("INSURED", 21.6, 183.3, 5.9, True),
    ("COVERAGES", 21.6, 243.0, 8.4, True),
    ("CERTIFICATE NUMBER:", 158.4, 243.0, 8.4, True),
    ("REVISION NUMBER:", 424.8, 243.0, 8.4, True),
    (
        "THE POLICIES BELOW ARE LISTED FOR THE INSURED NAMED ABOVE FOR THE PERIODS SHOWN, "
        "SUBJECT TO",
        28.8,
        254.2,
        7.2,
        False,
    ),
    (
        "ALL THEIR TERMS. LIMITS SHOWN MAY HAVE BEEN REDUCED BY PAID CLAIMS.",
        28.8,
        262.5,
        7.2,
        False,
    ),
    ("INSR", 20.1, 288.4, 5.8, True),
    ("LTR", 21.4, 294.3, 5.8, True),
    ("TYPE OF INSURANCE", 75.4, 292.8, 5.9, True),
    ("ADDL", 177.4, 288.4, 5.8, True),
    ("INSD", 178.5, 294.8, 5.8, True),
    ("SUBR", 195.2, 288.4, 5.8, True),
    ("WVD", 196.6, 294.8, 5.8, True),
    ("POLICY NUMBER", 247.2, 293.8, 5.9, True),
    ("POLICY EFF", 337.3, 288.8, 5.9, True),
    ("(MM/DD/YYYY)", 334.0, 294.2, 5.9, True),
    ("POLICY EXP", 383.7, 288.8, 5.9, True),
    ("(MM/DD/YYYY)", 380.8, 294.2, 5.9, True),
    ("LIMITS", 499.7, 292.8, 5.9, True),
    # general liability
    ("COMMERCIAL GENERAL LIABILITY", 54.0, 303.3, 5.9, True),
    ("CLAIMS-MADE", 68.4, 317.2, 6.0, False),
    ("OCCUR", 133.2, 317.2, 6.0, False),
    ("GEN'L AGGREGATE LIMIT APPLIES PER:", 39.6, 353.2, 6.0, False),
    ("POLICY", 54.0, 365.2, 6.0, False),
    ("PRO-", 97.2, 361.3, 6.0, False),
    ("JECT", 97.2, 366.7, 6.0, False),
    ("LOC", 140.4, 365.2, 6.0, False),
    ("OTHER:", 54.0, 377.7, 6.0, False),
    ("EACH OCCURRENCE", 428.4, 305.2, 6.0, False),
    ("DAMAGE TO RENTED", 428.4, 312.3, 6.0, False),
    ("PREMISES (Ea occurrence)", 428.4, 318.3, 6.0, False),
    ("MED EXP (Any one person)", 428.4, 329.2, 6.0, False),
    ("PERSONAL & ADV INJURY", 428.4, 341.2, 6.0, False),
    ("GENERAL AGGREGATE", 428.4, 353.2, 6.0, False),
    ("PRODUCTS - COMP/OP AGG", 428.4, 365.2, 6.0, False),
    # automobile liability
    ("AUTOMOBILE LIABILITY", 39.6, 387.3, 5.9, True),
    ("ANY AUTO", 54.0, 398.8, 6.0, False),
    ("OWNED", 54.0, 408.8, 6.0, False),
    ("AUTOS ONLY", 54.0, 414.8, 6.0, False),
    ("SCHEDULED", 122.4, 408.8, 6.0, False),
    ("AUTOS", 122.4, 414.8, 6.0, False),
    ("HIRED", 54.0, 420.6, 6.0, False),
    ("AUTOS ONLY", 54.0, 426.8, 6.0, False),
    ("NON-OWNED", 122.4, 420.6, 6.0, False),
    ("AUTOS ONLY", 122.4, 426.8, 6.0, False),
    ("COMBINED SINGLE LIMIT", 428.4, 384.8, 6.0, False),
    ("(Ea accident)", 428.4, 390.3, 6.0, False),
    ("BODILY INJURY (Per person)", 428.4, 399.3, 6.0, False),
    ("BODILY INJURY (Per accident)", 428.4, 411.3, 6.0, False),
    ("PROPERTY DAMAGE", 428.4, 420.8, 6.0, False),
    ("(Per accident)", 428.4, 426.3, 6.0, False),
    # umbrella / excess
    ("UMBRELLA LIAB", 54.0, 447.3, 5.9, True),
    ("EXCESS LIAB", 54.0, 459.3, 5.9, True),
    ("OCCUR", 133.2, 449.2, 6.0, False),
    ("CLAIMS-MADE", 133.2, 461.2, 6.0, False),
    ("DED", 54.0, 473.2, 6.0, False),
    ("RETENTION $", 90.0, 473.2, 6.0, False),
    ("EACH OCCURRENCE", 428.4, 449.2, 6.0, False),
    ("AGGREGATE", 428.4, 461.2, 6.0, False),
    # workers compensation
    ("WORKERS COMPENSATION", 37.8, 480.8, 5.9, True),
    ("AND EMPLOYERS' LIABILITY", 37.8, 489.0, 5.9, True),
    ("Y / N", 158.9, 491.6, 6.0, True),
    ("ANY PROPRIETOR/PARTNER/EXECUTIVE", 37.8, 496.9, 5.8, False),
    ("OFFICER/MEMBER EXCLUDED?", 37.8, 502.9, 5.8, False),
    ("(Mandatory in NH)", 37.8, 508.8, 6.0, True),
    ("If yes, describe under", 37.8, 515.7, 6.0, False),
    ("DESCRIPTION OF OPERATIONS below", 37.8, 521.7, 6.0, False),
    ("N / A", 178.6, 501.3, 6.0, True),
    ("PER", 442.8, 480.8, 6.0, False),
    ("STATUTE", 442.8, 486.3, 6.0, False),
    ("OTH-", 493.1, 480.8, 6.0, False),
    ("ER", 493.2, 486.3, 6.0, False),
    ("E.L. EACH ACCIDENT", 428.4, 497.2, 6.0, False),
    ("E.L. DISEASE - EA EMPLOYEE", 428.4, 509.2, 6.0, False),
    ("E.L. DISEASE - POLICY LIMIT", 428.4, 521.2, 6.0, False),
    (
        "DESCRIPTION OF OPERATIONS / LOCATIONS / VEHICLES (ACORD 101, Additional Remarks "
        "Schedule, may be attached if more space is required)",
        21.6,
        567.3,
        5.9,
        True,
    ),
    ("CERTIFICATE HOLDER", 21.6, 651.3, 8.4, True),
    ("CANCELLATION", 309.6, 651.3, 8.4, True),
    ("IF A POLICY ABOVE IS CANCELLED BEFORE ITS EXPIRATION DATE, NOTICE", 316.8, 672.4, 7.0, True),
    ("FOLLOWS THE POLICY PROVISIONS.", 316.8, 680.7, 7.0, True),
    ("AUTHORIZED REPRESENTATIVE", 309.6, 711.3, 5.9, True),
    ("Sample drawn by coitrack's test generator", 361.2, 746.2, 8.4, True),
    ("ACORD 25 (2016/03)", 21.6, 758.2, 8.4, True),
]

# "$" signs of the limit column, by top.
DOLLAR_TOPS = [
    305.2,
    317.2,
    329.2,
    341.2,
    353.2,
    365.2,
    375.3,
    387.3,
    399.3,
    411.3,
    423.3,
    435.3,
    449.2,
    461.2,
    473.2,
    497.2,
    509.2,
    521.2,
]

# Check boxes: ACORD field name -> (x0, top, x1, bottom)
CHECKBOXES: dict[str, tuple[float, float, float, float]] = {
    "GeneralLiability_CoverageIndicator_A": (36, 300, 50, 312),
    "GeneralLiability_ClaimsMadeIndicator_A": (50, 312, 65, 324),
    "GeneralLiability_OccurrenceIndicator_A": (115, 312, 130, 324),
    "GeneralLiability_GeneralAggregate_LimitAppliesPerPolicyIndicator_A": (36, 360, 50, 372),
    "GeneralLiability_GeneralAggregate_LimitAppliesPerProjectIndicator_A": (79, 360, 94, 372),
    "GeneralLiability_GeneralAggregate_LimitAppliesPerLocationIndicator_A": (122, 360, 137, 372),
    "GeneralLiability_GeneralAggregate_LimitAppliesToOtherIndicator_A": (36, 372, 50, 384),
    "Vehicle_AnyAutoIndicator_A": (36, 396, 50, 408),
    "Vehicle_AllOwnedAutosIndicator_A": (36, 408, 50, 420),
    "Vehicle_HiredAutosIndicator_A": (36, 420, 50, 432),
    "Vehicle_ScheduledAutosIndicator_A": (104, 408, 119, 420),
    "Vehicle_NonOwnedAutosIndicator_A": (104, 420, 119, 432),
    "Policy_PolicyType_UmbrellaIndicator_A": (36, 444, 50, 456),
    "Policy_PolicyType_ExcessIndicator_A": (36, 456, 50, 468),
    "ExcessUmbrella_OccurrenceIndicator_A": (115, 444, 130, 456),
    "ExcessUmbrella_ClaimsMadeIndicator_A": (115, 456, 130, 468),
    "ExcessUmbrella_DeductibleIndicator_A": (36, 468, 50, 480),
    "ExcessUmbrella_RetentionIndicator_A": (72, 468, 86, 480),
    "WorkersCompensationEmployersLiability_WorkersCompensationStatutoryLimitIndicator_A": (
        425,
        480,
        439,
        492,
    ),
    "WorkersCompensationEmployersLiability_OtherCoverageIndicator_A": (475, 480, 490, 492),
}

# Column edges of the coverage table, and its rows (top, bottom).
TABLE_COLUMNS = [18, 36, 175, 194, 212, 330, 378, 425, 515, 590]
TABLE_ROWS = [(300, 384), (384, 444), (444, 480), (480, 528), (528, 564)]
SECTION_RULES = [  # horizontal rules (top, x0, x1)
    (120, 18, 590),
    (180, 18, 306),
    (240, 18, 590),
    (252, 18, 590),
    (286, 18, 590),
    (300, 18, 590),
    (564, 18, 590),
    (648, 18, 590),
    (660, 18, 590),
    (744, 18, 590),
]


_EL = "WorkersCompensationEmployersLiability_EmployersLiability_"


def checkboxes(edition: Edition | None = None) -> dict[str, tuple[float, float, float, float]]:
    """ACORD check box name -> box (x0, top, x1, bottom) on ``edition``'s page (2016/03 when
    ``None``); boxes an edition does not print are left out."""
    edition = edition or get(None)
    boxes = {**CHECKBOXES, **edition.checkboxes}
    return {name: edition.box(box) for name, box in boxes.items() if box is not None}


def text_fields(edition: Edition | None = None) -> dict[str, tuple[float, float, float, float]]:
    """ACORD text field name -> box (x0, top, x1, bottom) on ``edition``'s page (2016/03 when
    ``None``)."""
    edition = edition or get(None)
    return {
        name: box if name == "Form_EditionIdentifier_A" else edition.box(box)
        for name, box in {**_base_text_fields(), **edition.fields}.items()
    }


def _base_text_fields() -> dict[str, tuple[float, float, float, float]]:
    fields: dict[str, tuple[float, float, float, float]] = {
        "Form_CompletionDate_A": (511, 36, 590, 48),
        "Producer_ContactPerson_FullName_A": (346, 120, 590, 132),
        "Producer_ContactPerson_PhoneNumber_A": (353, 132, 479, 144),
        "Producer_FaxNumber_A": (518, 132, 590, 144),
        "Producer_ContactPerson_EmailAddress_A": (346, 144, 590, 156),
        "CertificateOfInsurance_CertificateNumberIdentifier_A": (259, 240, 349, 252),
        "CertificateOfInsurance_RevisionNumberIdentifier_A": (508, 240, 590, 252),
        "CertificateOfLiabilityInsurance_ACORDForm_RemarkText_A": (22, 576, 590, 642),
        "WorkersCompensationEmployersLiability_AnyPersonsExcludedIndicator_A": (158, 498, 173, 510),
        "ExcessUmbrella_Umbrella_DeductibleOrRetentionAmount_A": (133, 468, 173, 480),
        "OtherPolicy_OtherPolicyDescription_A": (40, 534, 173, 558),
        "Form_EditionIdentifier_A": (0, 0, 0, 0),
    }
    for prefix, x0, top in (
        ("Producer", 22, 132),
        ("NamedInsured", 72, 192),
        ("CertificateHolder", 72, 690),
    ):
        name = "Producer_FullName_A" if prefix == "Producer" else f"{prefix}_FullName_A"
        fields[name] = (x0, top, 302, top + 12)
        fields[f"{prefix}_MailingAddress_LineOne_A"] = (x0, top + 12, 302, top + 24)
        fields[f"{prefix}_MailingAddress_LineTwo_A"] = (x0, top + 24, 302, top + 36)
        fields[f"{prefix}_MailingAddress_CityName_A"] = (x0, top + 36, 238, top + 48)
        fields[f"{prefix}_MailingAddress_StateOrProvinceCode_A"] = (238, top + 36, 256, top + 48)
        fields[f"{prefix}_MailingAddress_PostalCode_A"] = (256, top + 36, 302, top + 48)
    for i, letter in enumerate("ABCDEF"):
        fields[f"Insurer_FullName_{letter}"] = (349, 168 + 12 * i, 536, 180 + 12 * i)
        fields[f"Insurer_NAICCode_{letter}"] = (544, 168 + 12 * i, 590, 180 + 12 * i)
    rows = {
        "gl": (
            336,
            "GeneralLiability_InsurerLetterCode_A",
            "CertificateOfInsurance_GeneralLiability_AdditionalInsuredCode_A",
            "Policy_GeneralLiability_SubrogationWaivedCode_A",
            "Policy_GeneralLiability_PolicyNumberIdentifier_A",
            "Policy_GeneralLiability_EffectiveDate_A",
            "Policy_GeneralLiability_ExpirationDate_A",
        ),
        "auto": (
            408,
            "Vehicle_InsurerLetterCode_A",
            "CertificateOfInsurance_AutomobileLiability_AdditionalInsuredCode_A",
            "Policy_AutomobileLiability_SubrogationWaivedCode_A",
            "Policy_AutomobileLiability_PolicyNumberIdentifier_A",
            "Policy_AutomobileLiability_EffectiveDate_A",
            "Policy_AutomobileLiability_ExpirationDate_A",
        ),
        "umbrella": (
            456,
            "ExcessUmbrella_InsurerLetterCode_A",
            "CertificateOfInsurance_ExcessLiability_AdditionalInsuredCode_A",
            "Policy_ExcessLiability_SubrogationWaivedCode_A",
            "Policy_ExcessLiability_PolicyNumberIdentifier_A",
            "Policy_ExcessLiability_EffectiveDate_A",
            "Policy_ExcessLiability_ExpirationDate_A",
        ),
        "wc": (
            498,
            "WorkersCompensationEmployersLiability_InsurerLetterCode_A",
            None,
            "Policy_WorkersCompensation_SubrogationWaivedCode_A",
            "Policy_WorkersCompensationAndEmployersLiability_PolicyNumberIdentifier_A",
            "Policy_WorkersCompensationAndEmployersLiability_EffectiveDate_A",
            "Policy_WorkersCompensationAndEmployersLiability_ExpirationDate_A",
        ),
        "other": (
            540,
            "OtherPolicy_InsurerLetterCode_A",
            "CertificateOfInsurance_OtherPolicy_AdditionalInsuredCode_A",
            "OtherPolicy_SubrogationWaivedCode_A",
            "OtherPolicy_PolicyNumberIdentifier_A",
            "OtherPolicy_PolicyEffectiveDate_A",
            "OtherPolicy_PolicyExpirationDate_A",
        ),
    }
    for top, letter, addl, subr, number, eff, exp in rows.values():
        fields[letter] = (18, top, 36, top + 12)
        if addl:
            fields[addl] = (176, top, 194, top + 12)
        fields[subr] = (194, top, 212, top + 12)
        fields[number] = (216, top, 328, top + 12)
        fields[eff] = (331, top, 378, top + 12)
        fields[exp] = (378, top, 425, top + 12)
    limit_tops = {
        "GeneralLiability_EachOccurrence_LimitAmount_A": 300,
        "GeneralLiability_FireDamageRentedPremises_EachOccurrenceLimitAmount_A": 312,
        "GeneralLiability_MedicalExpense_EachPersonLimitAmount_A": 324,
        "GeneralLiability_PersonalAndAdvertisingInjury_LimitAmount_A": 336,
        "GeneralLiability_GeneralAggregate_LimitAmount_A": 348,
        "GeneralLiability_ProductsAndCompletedOperations_AggregateLimitAmount_A": 360,
        "Vehicle_CombinedSingleLimit_EachAccidentAmount_A": 384,
        "Vehicle_BodilyInjury_PerPersonLimitAmount_A": 396,
        "Vehicle_BodilyInjury_PerAccidentLimitAmount_A": 408,
        "Vehicle_PropertyDamage_PerAccidentLimitAmount_A": 420,
        "ExcessUmbrella_Umbrella_EachOccurrenceAmount_A": 444,
        "ExcessUmbrella_Umbrella_AggregateAmount_A": 456,
        f"{_EL}EachAccidentLimitAmount_A": 492,
        f"{_EL}DiseaseEachEmployeeLimitAmount_A": 504,
        f"{_EL}DiseasePolicyLimitAmount_A": 516,
        "OtherPolicy_CoverageLimitAmount_A": 528,
        "OtherPolicy_CoverageLimitAmount_B": 540,
        "OtherPolicy_CoverageLimitAmount_C": 552,
    }
    for name, top in limit_tops.items():
        fields[name] = (526, top, 590, top + 12)
    for suffix, top in (("A", 528), ("B", 540), ("C", 552)):
        fields[f"OtherPolicy_CoverageCode_{suffix}"] = (432, top, 511, top + 12)
    return fields


def draw_blank(
    canvas, *, dx: float = 0.0, dy: float = 0.0, edition: Edition | None = None
) -> None:
    """Draw captions, rules and check boxes of ``edition`` (2016/03 when ``None``) on a
    reportlab canvas (shifted by dx, dy)."""
    edition = edition or get(None)
    ex, ey = edition.x, edition.y

    def y(top: float) -> float:
        return PAGE_HEIGHT - top - dy

    canvas.setLineWidth(0.5)
    for top, x0, x1 in SECTION_RULES:
        canvas.line(ex(x0, top) + dx, y(ey(top)), ex(x1, top) + dx, y(ey(top)))
    table_top, table_bottom = ey(TABLE_ROWS[0][0]), ey(TABLE_ROWS[-1][1])
    for x in TABLE_COLUMNS:
        canvas.line(ex(x) + dx, y(ey(286)), ex(x) + dx, y(table_bottom))
    for _, bottom in TABLE_ROWS:
        canvas.line(ex(18) + dx, y(ey(bottom)), ex(590) + dx, y(ey(bottom)))
    canvas.line(ex(18) + dx, y(table_top), ex(18) + dx, y(table_bottom))
    boxes = [*checkboxes(edition).values(), edition.box((158, 498, 173, 510))]  # + excluded Y/N
    for x0, top, x1, bottom in boxes:
        canvas.rect(x0 + 1 + dx, y(bottom - 1), x1 - x0 - 2, bottom - top - 2, stroke=1, fill=0)
    for caption, x, top, size, bold in edition.captions(CAPTIONS):
        canvas.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        canvas.drawString(x + dx, y(top + size * 0.8), caption)
    canvas.setFont("Helvetica", 6.0)
    for top in DOLLAR_TOPS:
        canvas.drawString(ex(518.4) + dx, y(ey(top) + 4.8), "$")
