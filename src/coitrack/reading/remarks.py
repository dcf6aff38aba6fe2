"""ACORD 101 "Additional Remarks Schedule" pages: where a description of operations too long for
the ACORD 25 box goes on.

A 101 page prints "ADDITIONAL REMARKS SCHEDULE", header boxes (AGENCY, NAMED INSURED, POLICY
NUMBER, CARRIER, NAIC CODE, EFFECTIVE DATE) that repeat the certificate, then "THIS ADDITIONAL
REMARKS FORM IS A SCHEDULE TO ACORD FORM, FORM NUMBER: 25 FORM TITLE: CERTIFICATE OF LIABILITY
INSURANCE", then the remarks, and the footer "ACORD 101 (2008/01)". Only the remarks continue
the description: everything down to the FORM NUMBER / FORM TITLE line is header, the footer
lines (edition, copyright) are not text.

Contract: :func:`read_remarks` takes one page's words (a text layer or OCR) and gives the remarks
or ``None`` when the page is not a 101 or its layout cannot be told; :func:`continue_description`
appends the remarks of the pages given, in page order, to a result's description (whitespace
normalized) and records where each part was read. Readers stay unaware of later pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from coitrack.reading.layout.anchors import Captions, norm
from coitrack.reading.layout.regions import line_text, lines_of
from coitrack.reading.pagetext import PageText
from coitrack.reading.result import CONFIDENCE_THRESHOLD, ReadResult

TITLE = "ADDITIONAL REMARKS SCHEDULE"
# The last header line: the remarks start below the lowest of these that is printed.
HEADER_ENDS = ("FORM TITLE:", "FORM NUMBER:", "THIS ADDITIONAL REMARKS FORM IS A SCHEDULE")
FOOTER = "ACORD 101"
# Printed on the form near its footer, never written by the agent
_FORM_PRINT = re.compile(r"ACORD CORPORATION|All rights reserved|registered marks of ACORD", re.I)
# Page 1 saying the description goes on: the cheap reason to read (OCR) a later page at all
_CONTINUES = re.compile(
    r"ACORD\s*101|additional\s+remarks|remarks\s+schedule|see\s+attach|(?:is\s+)?continued\b",
    re.IGNORECASE,
)
PATH = "description_of_operations"


@dataclass(frozen=True)
class Remarks:
    text: str
    page: int
    box: tuple[float, float, float, float] | None
    confidence: float


def looks_like_remarks_page(page: PageText) -> bool:
    """Whether the page prints the 101's title (case, spaces and colons ignored)."""
    return norm(TITLE) in norm(page.text)


def says_it_continues(result: ReadResult) -> bool:
    """Whether page 1's description points at a remarks page ("see attached", "ACORD 101"),
    as read even when too unsure to be handed on (the evidence keeps the text)."""
    evidence = result.evidence.get(PATH) or {}
    description = result.data.get(PATH) or evidence.get("text") or ""
    return bool(_CONTINUES.search(description))


def read_remarks(page: PageText) -> Remarks | None:
    """The remarks written on an ACORD 101 page, or ``None`` (not a 101, no remarks, or no
    header line found to tell the header boxes from the remarks)."""
    if not page.words or not looks_like_remarks_page(page):
        return None
    captions = Captions(page)
    ends = [a for caption in HEADER_ENDS for a in captions.find_all(caption, mask=False)]
    if not ends:
        return None
    last = max(ends, key=lambda a: a.bottom)
    # The header line ends below its tallest word (a value typed after FORM TITLE: included)
    top = max(
        [last.bottom, *(w.bottom for w in page.words if abs(w.cy - last.cy) < last.height * 0.6)]
    )
    footers = [a for a in captions.find_all(FOOTER, mask=False) if a.top > top]
    bottom = min((a.top for a in footers), default=page.height)
    words = [w for w in page.words if top < w.cy < bottom - 0.5]
    lines = [line for line in lines_of(words) if not _FORM_PRINT.search(line_text(line))]
    text = " ".join(line_text(line) for line in lines)
    if not text.strip():
        return None
    kept = [w for line in lines for w in line]
    box = (
        min(w.x0 for w in kept),
        min(w.top for w in kept),
        max(w.x1 for w in kept),
        max(w.bottom for w in kept),
    )
    confidence = min((w.confidence for w in kept), default=1.0)
    return Remarks(" ".join(text.split()), page.number, box, confidence)


def continue_description(result: ReadResult, pages: Iterable[PageText]) -> list[Remarks]:
    """Append the remarks of ``pages`` (the pages after the ACORD 25 one, in order) to
    ``result``'s description of operations; return what was appended.

    The description's evidence keeps page 1's box and gains ``"continued"``: one
    ``{"page", "box", "confidence"}`` per remarks page (or becomes page 2's when page 1 had no
    description).
    """
    found = [r for r in (read_remarks(page) for page in pages) if r is not None]
    for unsure in [r for r in found if r.confidence < CONFIDENCE_THRESHOLD]:
        # as for any value: unsure text is not handed on as read (OCR of a poor page)
        result.warnings.append(
            f"the ACORD 101 remarks on page {unsure.page} could not be read with confidence; "
            "the description of operations lacks them"
        )
    found = [r for r in found if r.confidence >= CONFIDENCE_THRESHOLD]
    evidence = result.evidence.get(PATH)
    if found and evidence is not None and evidence.get("flag"):
        # page 1's part was left empty (unsure): the remarks alone would pass for all of it
        result.warnings.append(
            "the description of operations continues on an ACORD 101 remarks page; "
            "left empty with its first part"
        )
        return []
    if not found:
        return []
    first = result.data.get(PATH) or ""
    result.data[PATH] = " ".join(" ".join([first, *(r.text for r in found)]).split())
    parts = [
        {
            "page": r.page,
            "box": [round(v, 1) for v in r.box] if r.box else None,
            "confidence": round(r.confidence, 3),
        }
        for r in found
    ]
    if evidence is None:
        result.evidence[PATH] = {**parts[0], "text": result.data[PATH], "continued": parts[1:]}
    else:
        evidence["continued"] = [*evidence.get("continued", []), *parts]
    pages_read = ", ".join(str(r.page) for r in found)
    result.warnings.append(
        f"description of operations continues on an ACORD 101 remarks page (page {pages_read})"
    )
    return found
