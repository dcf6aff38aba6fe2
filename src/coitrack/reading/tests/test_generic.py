"""The generic reader: certificates of insurance that are not ACORD 25 forms."""

from __future__ import annotations

import io
import json

import pytest

from coitrack.reading import ReadingError
from coitrack.reading.cli import main
from coitrack.reading.generic.reader import WARNING
from coitrack.reading.generic.slots import CONFIDENCE_CAP
from coitrack.reading.synth import generate
from coitrack.reading.synth.generic import LAYOUTS
from coitrack.reading.synth.generic import generate as generate_generic

from .conftest import read


def page(*lines: tuple[float, float, str], size: float = 10, font: str = "Helvetica") -> bytes:
    """A one-page PDF with each ``(x, top, text)`` printed where it says (points, from the top)."""
    return pages(list(lines), size=size, font=font)


def pages(*contents: list, size: float = 10, font: str = "Helvetica") -> bytes:
    """A PDF with one page per list of ``(x, top, text)``."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(612, 792))
    for lines in contents:
        canvas.setFont(font, size)
        for x, top, text in lines:
            canvas.drawString(x, 792 - top - size, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def lines_at(x: float, top: float, texts: list[str], step: float = 14) -> list:
    return [(x, top + i * step, text) for i, text in enumerate(texts)]


HEADER = [
    (50, 40, "CERTIFICATE OF INSURANCE"),
    (50, 60, "This certificate is issued as a matter of information only and confers no rights"),
    (50, 74, "upon the certificate holder. It does not amend, extend or alter the coverage below."),
]


def policy_of(result, coverage: str) -> dict:
    return next(p for p in result.data["policies"] if p["coverage"] == coverage)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_generated_layout_is_read_as_printed(layout):
    for seed in range(3):
        pdf, truth = generate_generic(seed, layout=layout)
        result = read(pdf)
        assert result.reader == "generic"
        assert result.data == truth


def test_generic_variant_of_the_synth_package_draws_generic_certificates():
    pdf, truth = generate(5, "generic")
    assert truth["form"] == "generic" and truth["edition"] is None
    assert read(pdf).data["form"] == "generic"


def test_label_synonyms_name_the_same_fields():
    pdf = page(
        *HEADER,
        (50, 100, "Policyholder: Northwind Roofing LLC"),
        (50, 114, "Issued to: City of Springfield"),
        (50, 128, "Date Issued: March 4, 2026"),
        (50, 142, "Carrier: Harbor Mutual Insurance Company"),
        (50, 170, "BUSINESS AUTO"),
        (50, 184, "Pol. No.: BA 555-21"),
        (50, 198, "Term: 01/01/2026 through 01/01/2027"),
        (50, 212, "CSL ........ $1,000,000"),
        (50, 240, "Errors & Omissions"),
        (50, 254, "Policy #: PL-77"),
        (50, 268, "Inception Date: 2026-02-01"),
        (50, 282, "Expiry Date: 2027-02-01"),
        (50, 296, "Per Claim: $2M"),
    )
    result = read(pdf)
    data = result.data
    assert data["insured"]["name"] == "Northwind Roofing LLC"
    assert data["certificate_holder"]["name"] == "City of Springfield"
    assert data["certificate_date"] == "2026-03-04"
    assert data["insurers"] == [
        {"letter": "A", "name": "Harbor Mutual Insurance Company", "naic": None}
    ]
    auto = policy_of(result, "automobile_liability")
    assert (auto["policy_number"], auto["effective_date"], auto["expiration_date"]) == (
        "BA 555-21",
        "2026-01-01",
        "2027-01-01",
    )
    assert auto["limits"] == {"combined_single_limit": 1_000_000}
    assert auto["insurer_letter"] == "A"
    other = policy_of(result, "other")
    assert other["description"] == "Errors & Omissions"
    assert other["effective_date"] == "2026-02-01"
    assert other["limits"] == {"each_claim": 2_000_000}


def test_values_below_their_labels_and_coverage_table_rows_are_read():
    pdf = page(
        *HEADER,
        (50, 100, "Named Insured"),
        (320, 100, "Certificate Holder"),
        *lines_at(50, 116, ["Keystone Paving Co.", "12 Market Street", "Austin, TX 78701"]),
        *lines_at(320, 116, ["Meridian Property Group LLC", "PO Box 400", "Denver, CO 80202"]),
        (50, 190, "Coverage"),
        (200, 190, "Policy Number"),
        (300, 190, "Policy Period"),
        (440, 190, "Limits"),
        (50, 206, "General Liability"),
        (200, 206, "CGL 90-1"),
        (300, 206, "05/01/2026 - 05/01/2027"),
        (440, 206, "Each Occurrence $1,000,000"),
        (440, 220, "General Aggregate $2,000,000"),
        (50, 236, "Workers Compensation"),
        (200, 236, "WC 77"),
        (300, 236, "05/01/2026 - 05/01/2027"),
        (440, 236, "Statutory"),
        (440, 250, "E.L. Each Accident $500,000"),
        size=9,
    )
    result = read(pdf)
    data = result.data
    assert data["insured"] == {
        "name": "Keystone Paving Co.",
        "address": "12 Market Street, Austin, TX 78701",
    }
    assert data["certificate_holder"]["name"] == "Meridian Property Group LLC"
    assert data["certificate_holder"]["address"] == "PO Box 400, Denver, CO 80202"
    gl = policy_of(result, "general_liability")
    assert gl["policy_number"] == "CGL 90-1"
    assert gl["expiration_date"] == "2027-05-01"
    assert gl["limits"] == {"each_occurrence": 1_000_000, "general_aggregate": 2_000_000}
    wc = policy_of(result, "workers_compensation")
    assert wc["statutory"] is True
    assert wc["limits"] == {"el_each_accident": 500_000}


def test_yes_no_answers_set_additional_insured_and_waiver():
    pdf = page(
        *HEADER,
        (50, 100, "Insured: Apex HVAC Inc."),
        (50, 130, "COMMERCIAL GENERAL LIABILITY"),
        (50, 144, "Policy Number: GL 1"),
        (50, 158, "Additional Insured: Yes - per written contract"),
        (50, 172, "Waiver of Subrogation: Not included"),
        (50, 186, "Each Occurrence: 1,000,000"),
    )
    gl = policy_of(read(pdf), "general_liability")
    assert (gl["additional_insured"], gl["subrogation_waived"]) == (True, False)


def test_a_value_printed_twice_differently_is_left_empty_and_flagged():
    pdf = page(
        *HEADER,
        (50, 100, "Named Insured: Summit Painting LLC"),
        (50, 130, "GENERAL LIABILITY"),
        (50, 144, "Policy Number: GL 100"),
        (50, 158, "Each Occurrence: $1,000,000"),
        (50, 172, "Policy Number: GL 200"),
    )
    result = read(pdf)
    gl = policy_of(result, "general_liability")
    assert gl["policy_number"] is None
    assert result.evidence["policies[0].policy_number"]["flag"] == "low_confidence"
    assert any("printed differently" in w for w in result.warnings)
    assert gl["limits"] == {"each_occurrence": 1_000_000}


def test_a_limit_whose_wording_does_not_say_which_limit_is_not_read():
    pdf = page(
        *HEADER,
        (50, 100, "Named Insured: Summit Painting LLC"),
        (50, 130, "GENERAL LIABILITY"),
        (50, 144, "Policy Number: GL 100"),
        (50, 158, "Limit: $1,000,000"),
        (50, 172, "Aggregate: $2,000,000"),
        (50, 200, "PROFESSIONAL LIABILITY"),
        (50, 214, "Policy Number: PL 100"),
        (50, 228, "Each Occurrence: $1,000,000"),
    )
    result = read(pdf)
    assert policy_of(result, "general_liability")["limits"] == {"general_aggregate": 2_000_000}
    assert policy_of(result, "other")["limits"] == {}
    assert any("limit wording not understood" in w for w in result.warnings)


def test_an_unparseable_value_is_left_empty_not_guessed():
    pdf = page(
        *HEADER,
        (50, 100, "Named Insured: Summit Painting LLC"),
        (50, 130, "GENERAL LIABILITY"),
        (50, 144, "Policy Number: GL 100"),
        (50, 158, "Effective Date: 13/25/2026"),
        (50, 172, "Each Occurrence: See attached schedule"),
    )
    result = read(pdf)
    gl = policy_of(result, "general_liability")
    assert gl["effective_date"] is None
    assert gl["limits"] == {}
    assert result.evidence["policies[0].effective_date"]["flag"] == "unreadable"


def test_every_value_is_capped_below_sure_and_the_result_says_to_check_it():
    pdf, _ = generate_generic(3, layout="table")
    result = read(pdf)
    assert result.warnings[0] == WARNING
    confidences = [e["confidence"] for e in result.evidence.values() if "confidence" in e]
    assert confidences and max(confidences) <= CONFIDENCE_CAP


def test_an_acord_25_text_certificate_is_still_read_by_the_layout_reader(certificate):
    pdf, truth = certificate(7, "text")
    result = read(pdf)
    assert result.reader == "layout"
    assert result.data == truth


def test_the_generic_reader_is_not_even_scored_when_an_acord_reader_fits(certificate, monkeypatch):
    from coitrack.reading.generic.reader import GenericReader

    def refuse(self, doc):
        raise AssertionError("scored")

    monkeypatch.setattr(GenericReader, "score", refuse)
    for variant in ("text", "fillable"):
        assert read(certificate(8, variant)[0]).reader in ("layout", "acroform")


@pytest.mark.parametrize(
    "lines",
    [
        [
            (50, 40, "INVOICE 2026-118"),
            (50, 70, "Bill to: Meridian Property Group LLC"),
            (50, 84, "Date: 03/01/2026"),
            *lines_at(
                50, 110, [f"Item {i}: gutter cleaning, 4 hours   $ {i}50.00" for i in range(8)]
            ),
            (50, 250, "Total due: $1,200.00   Payment terms: net 30"),
        ],
        [
            (50, 40, "Dear Ms. Patel,"),
            *lines_at(
                50,
                70,
                [
                    "Thank you for meeting with us last week about the renovation of the lobby.",
                    "As discussed, the work will start on April 6 and last about three weeks.",
                    "Our crew will use the service entrance and keep the hallway clear.",
                    "Please call me with any questions about the schedule or the budget.",
                ],
            ),
            (50, 150, "Sincerely, Marcus Lee"),
        ],
    ],
    ids=["invoice", "letter"],
)
def test_a_pdf_that_is_no_certificate_is_still_a_reading_error(lines):
    with pytest.raises(ReadingError, match="no certificate found"):
        read(page(*lines))


def test_cli_extract_reads_a_generic_certificate(tmp_path, monkeypatch, capsys):
    pdf, truth = generate_generic(2, layout="memo")
    (tmp_path / "memo.pdf").write_bytes(pdf)
    monkeypatch.chdir(tmp_path)
    assert main(["memo.pdf"]) == 0
    output = json.loads(capsys.readouterr().out)
    assert output["form"] == "generic"
    assert output["insured"] == truth["insured"]
    assert WARNING in output["warnings"]


def test_numbered_headings_amounts_before_their_wording_and_a_row_of_labels_over_values():
    pdf = page(
        *HEADER,
        (50, 100, "Named Insured:"),
        *lines_at(
            150,
            100,
            [
                "Cardinal Demolition Corp.",
                "DBA Cardinal Wrecking",
                "400 Route 9",
                "Newark, NJ 07102",
            ],
        ),
        (50, 170, "1. Commercial General Liability (Claims-Made)"),
        (60, 186, "Policy Number"),
        (200, 186, "Effective"),
        (300, 186, "Expiration"),
        (60, 200, "TUA 4410"),
        (200, 200, "01/15/2026"),
        (300, 200, "01/15/2027"),
        (60, 216, "$1,000,000 Each Occurrence"),
        (60, 230, "$2,000,000 General Aggregate"),
        (50, 260, "2. Umbrella Liability"),
        (60, 276, "Policy Number: UMB 1"),
        (60, 290, "Policy Period: 12:01 AM 01/15/2026 to 12:01 AM 01/15/2027"),
        size=9,
    )
    result = read(pdf)
    assert result.data["insured"] == {
        "name": "Cardinal Demolition Corp. DBA Cardinal Wrecking",
        "address": "400 Route 9, Newark, NJ 07102",
    }
    gl = policy_of(result, "general_liability")
    assert (gl["policy_number"], gl["effective_date"], gl["expiration_date"]) == (
        "TUA 4410",
        "2026-01-15",
        "2027-01-15",
    )
    assert gl["claims_made"] is True
    assert gl["limits"] == {"each_occurrence": 1_000_000, "general_aggregate": 2_000_000}
    umbrella = policy_of(result, "umbrella_liability")
    assert (umbrella["effective_date"], umbrella["expiration_date"]) == ("2026-01-15", "2027-01-15")


def test_a_scanned_non_acord_certificate_is_read_by_ocr_then_the_generic_reader():
    import random

    from coitrack.reading.synth.scan import scan

    pdf, truth = generate_generic(2, layout="keyvalue")
    png = scan(pdf, random.Random(2), dpi=200, skew=0.0, container="png", clean=True)
    result = read(png)
    assert result.reader == "generic"
    assert any("read by OCR" in w for w in result.warnings)
    assert result.data["insured"] == truth["insured"]
    assert [p["policy_number"] for p in result.data["policies"]] == [
        p["policy_number"] for p in truth["policies"]
    ]


def test_a_one_policy_page_with_its_coverage_named_after_the_policy_number():
    pdf = page(
        (50, 40, "Certificate of Liability Insurance"),
        (50, 70, "Policyholder: Evergreen Catering LLC"),
        (50, 84, "Business address: 88 Commerce Dr, Raleigh, NC 27601"),
        (50, 98, "Policy number: NXTGL-7730"),
        (50, 112, "Policy dates: Jan 1, 2026 - Jan 1, 2027"),
        (50, 126, "Insurance company: Hartford Fire Insurance Company (A.M. Best A+ XV)"),
        (50, 140, "Coverage type: General Liability"),
        (50, 154, "Limits:"),
        (70, 168, "Each occurrence limit"),
        (300, 168, "$1,000,000"),
        (70, 182, "General aggregate limit"),
        (300, 182, "$2,000,000"),
        (50, 210, "Certificate holder: Harbor Hospital, 1 Harbor Blvd, Tampa, FL 33602"),
    )
    data = read(pdf).data
    assert data["insured"] == {
        "name": "Evergreen Catering LLC",
        "address": "88 Commerce Dr, Raleigh, NC 27601",
    }
    assert data["certificate_holder"] == {
        "name": "Harbor Hospital",
        "address": "1 Harbor Blvd, Tampa, FL 33602",
    }
    assert data["insurers"] == [
        {"letter": "A", "name": "Hartford Fire Insurance Company", "naic": None}
    ]
    [gl] = data["policies"]
    assert (gl["coverage"], gl["policy_number"], gl["insurer_letter"]) == (
        "general_liability",
        "NXTGL-7730",
        "A",
    )
    assert (gl["effective_date"], gl["expiration_date"]) == ("2026-01-01", "2027-01-01")
    assert gl["limits"] == {"each_occurrence": 1_000_000, "general_aggregate": 2_000_000}


def test_a_heading_that_does_not_say_umbrella_or_excess_is_read_as_umbrella_with_a_warning():
    pdf = page(
        *HEADER,
        (50, 100, "Named Insured: Summit Painting LLC"),
        (50, 130, "Excess/Umbrella Liability"),
        (50, 144, "Policy Number: XS 1"),
        (50, 158, "Each Occurrence: $5,000,000"),
    )
    result = read(pdf)
    assert policy_of(result, "umbrella_liability")["limits"] == {"each_occurrence": 5_000_000}
    assert any("read as umbrella" in w for w in result.warnings)


def test_a_table_whose_column_titles_wrap_over_two_lines():
    pdf = page(
        (200, 40, "CERTIFICATE OF INSURANCE"),
        (50, 70, "NAME AND ADDRESS OF INSURED"),
        (320, 70, "NAME AND ADDRESS OF CERTIFICATE HOLDER"),
        *lines_at(
            50, 84, ["Tri-County Plumbing & Heating Inc.", "77 Elm Ave", "Portland, OR 97204"], 11
        ),
        *lines_at(
            320, 84, ["Summit Property Management LLC", "500 Broadway", "New York, NY 10001"], 11
        ),
        (50, 130, "TYPE OF"),
        (180, 130, "POLICY"),
        (260, 130, "POLICY"),
        (330, 130, "POLICY"),
        (400, 130, "LIMITS OF LIABILITY"),
        (50, 140, "INSURANCE"),
        (180, 140, "NUMBER"),
        (260, 140, "EFFECTIVE"),
        (330, 140, "EXPIRATION"),
        (50, 156, "General Liability"),
        (180, 156, "CGL-88123"),
        (260, 156, "06/01/2026"),
        (330, 156, "06/01/2027"),
        (400, 156, "Each Occurrence"),
        (520, 156, "$1,000,000"),
        (400, 167, "General Aggregate"),
        (520, 167, "$2,000,000"),
        (50, 182, "Automobile Liability"),
        (180, 182, "BA-88124"),
        (260, 182, "06/01/2026"),
        (330, 182, "06/01/2027"),
        (400, 182, "Combined Single Limit"),
        (520, 182, "$1,000,000"),
        size=8,
    )
    result = read(pdf)
    assert result.data["insured"]["name"] == "Tri-County Plumbing & Heating Inc."
    assert result.data["certificate_holder"]["address"] == "500 Broadway, New York, NY 10001"
    gl, auto = result.data["policies"]
    assert (gl["policy_number"], gl["effective_date"], gl["expiration_date"]) == (
        "CGL-88123",
        "2026-06-01",
        "2027-06-01",
    )
    assert gl["limits"] == {"each_occurrence": 1_000_000, "general_aggregate": 2_000_000}
    assert (auto["policy_number"], auto["limits"]) == (
        "BA-88124",
        {"combined_single_limit": 1_000_000},
    )


def test_lettered_insurers_and_values_centred_under_their_labels():
    pdf = page(
        *HEADER,
        (50, 100, "Insured: Apex HVAC Inc."),
        (50, 120, "Insurer A: Arch Insurance Company"),
        (330, 120, "NAIC # 11150"),
        (50, 134, "Insurer B: Westfield Insurance Company"),
        (330, 134, "NAIC # 24112"),
        (50, 160, "GENERAL LIABILITY"),
        (60, 176, "Insurer"),
        (130, 176, "Policy Number"),
        (260, 176, "Effective Date"),
        (380, 176, "Expiration Date"),
        (72, 190, "B"),
        (140, 190, "GL-555"),
        (272, 190, "07/01/2026"),
        (395, 190, "07/01/2027"),
        (60, 206, "Each Occurrence: $1,000,000"),
        size=9,
    )
    data = read(pdf).data
    assert data["insurers"] == [
        {"letter": "A", "name": "Arch Insurance Company", "naic": "11150"},
        {"letter": "B", "name": "Westfield Insurance Company", "naic": "24112"},
    ]
    [gl] = data["policies"]
    assert (gl["insurer_letter"], gl["policy_number"]) == ("B", "GL-555")
    assert (gl["effective_date"], gl["expiration_date"]) == ("2026-07-01", "2027-07-01")


def test_a_page_of_an_acord_form_the_acord_readers_cannot_place_is_not_read_as_generic():
    pdf = page(
        *HEADER,
        (50, 100, "Named Insured: Summit Painting LLC"),
        (50, 130, "COMMERCIAL GENERAL LIABILITY"),
        (50, 144, "Policy Number: GL 100"),
        (50, 158, "Each Occurrence: $1,000,000"),
        (50, 700, "ACORD 25 (2016/03)   The ACORD name and logo are registered marks of ACORD"),
    )
    with pytest.raises(ReadingError, match="no certificate found"):
        read(pdf)


def test_limits_written_in_one_value_are_read_by_their_wording():
    pdf = page(
        *HEADER,
        (50, 100, "Named Insured: Summit Painting LLC"),
        (50, 130, "GENERAL LIABILITY"),
        (50, 144, "Policy Number: GL 100"),
        (50, 158, "Limits of Liability: $1,000,000 per occurrence / $2,000,000 general aggregate"),
        (50, 186, "AUTOMOBILE LIABILITY"),
        (50, 200, "Policy Number: BA 100"),
        (50, 214, "Limit: $1,000,000"),
        (50, 242, "UMBRELLA"),
        (50, 256, "Policy Number: UM 1"),
        (50, 270, "Limits: Each Occurrence $5,000,000; Aggregate $5,000,000"),
    )
    result = read(pdf)
    gl, auto, umbrella = result.data["policies"]
    assert gl["limits"] == {"each_occurrence": 1_000_000, "general_aggregate": 2_000_000}
    assert auto["limits"] == {}  # "Limit" alone does not say which
    assert any("does not say which" in w for w in result.warnings)
    assert umbrella["limits"] == {"each_occurrence": 5_000_000, "aggregate": 5_000_000}


def test_a_letter_running_onto_a_second_page_is_read_on_both():
    first = [
        *HEADER,
        (50, 100, "Named Insured: Lakeshore Landscaping LLC"),
        (50, 114, "Insurer: Westfield Insurance Company"),
        (50, 140, "GENERAL LIABILITY"),
        (50, 154, "Policy Number: GL 1"),
        (50, 168, "Policy Period: 01/01/2026 to 01/01/2027"),
        (50, 182, "Each Occurrence: $1,000,000"),
    ]
    second = [
        (50, 40, "Evidence of Insurance (continued)"),
        (50, 70, "BUSINESS AUTO"),
        (50, 84, "Policy Number: BA 2"),
        (50, 98, "Policy Period: 01/01/2026 to 01/01/2027"),
        (50, 112, "Combined Single Limit: $1,000,000"),
        (50, 140, "Named Insured: Another Name Inc."),  # a repeat on page 2 never wins
        (50, 160, "Certificate Holder:"),
        *lines_at(50, 174, ["Harbor Hospital", "1 Harbor Blvd", "Tampa, FL 33602"]),
    ]
    result = read(pages(first, second))
    data = result.data
    assert data["insured"]["name"] == "Lakeshore Landscaping LLC"
    assert data["certificate_holder"] == {
        "name": "Harbor Hospital",
        "address": "1 Harbor Blvd, Tampa, FL 33602",
    }
    gl, auto = data["policies"]
    assert (gl["policy_number"], auto["policy_number"]) == ("GL 1", "BA 2")
    assert auto["limits"] == {"combined_single_limit": 1_000_000}
    assert (gl["insurer_letter"], auto["insurer_letter"]) == ("A", "A")
    assert result.evidence["policies[1].policy_number"]["page"] == 2
    assert result.evidence["insured.name"]["page"] == 1
