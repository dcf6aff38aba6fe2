"""Endorsement forms recognized in a certificate's documents (the added ``"endorsements"`` key).

An endorsement attached behind the ACORD page (or uploaded as its own PDF) *confirms* additional
insured, waiver of subrogation or primary & non-contributory status where the certificate's boxes
only indicate it (domain.md). This module finds the forms' numbers in the text layer:

    [{"form": "CG 20 10", "edition": "04 13", "title": "Additional Insured - ...", "page": 2,
      "source": "document"}]

Decisions:
- Only the forms of ``coitrack.rules.endorsement_forms.FORMS`` are listed, so a policy number
  that starts with "CA" or "WC" is not taken for a form. Numbers are written in many ways:
  ``CG 20 10 04 13``, ``CG 20 10 (04/13)``, ``CG2010 0413``, ``WC 00 03 13 (Ed. 4-84)``; a number
  glued to more letters or digits (``CA20481234``, a policy number) is not a form, nor is a
  number written without any space and without an edition (``WC000313``).
- ``source`` is ``"document"`` for a page that reads as an endorsement (it says "endorsement" and
  is not an ACORD form: not the certificate, not an ACORD 101 additional remarks schedule), and
  ``"description"`` for a form only *named*, in the description of operations or on a remarks page.
  Only ``"document"`` confirms (see ``rules.checks``).
- Bounded work: at most ``MAX_PAGES_READ`` pages of a document (the reader's cap), at most
  ``MAX_TEXT`` characters per page, at most ``MAX_FOUND`` forms; a page whose text cannot be
  extracted is skipped. Images and image-only pages have no text layer and give nothing.
- The first page of a certificate's own file is its ACORD page: ``pages_after_first`` starts at
  the second page; a separately uploaded endorsement PDF is read from its first page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from coitrack.rules.endorsement_forms import FORMS

MAX_TEXT = 60_000
MAX_FOUND = 50

_SEP = r"[ \-]?"
_EDITION = (r"(?:\s*\(\s*|\s+)(?:ed(?:ition)?\.?\s*)?"
            r"(?P<em>\d{1,2})\s?[/ .\-]?\s?(?P<ey>\d{2})\s*\)?")
_FORM = re.compile(
    r"(?<![a-z0-9])(?:"
    rf"(?P<wc>wc){_SEP}(?P<w1>\d\d){_SEP}(?P<w2>\d\d){_SEP}(?P<w3>\d\d)"
    rf"|(?P<prefix>cg|ca){_SEP}(?P<d1>\d\d){_SEP}(?P<d2>\d\d)"
    rf")(?:{_EDITION})?(?![a-z0-9])",
    re.IGNORECASE,
)
_ACORD_PAGE = ("certificate of liability insurance", "additional remarks schedule", "acord 101")


def find_forms(text: str | None) -> list[tuple[str, str | None]]:
    """``(form number, edition or None)`` of each catalog form named in ``text``, in order,
    each (number, edition) once."""
    if not text:
        return []
    found: list[tuple[str, str | None]] = []
    for match in _FORM.finditer(" ".join(text[:MAX_TEXT].split())):
        if match["wc"]:
            number = f"WC {match['w1']} {match['w2']} {match['w3']}"
        else:
            number = f"{match['prefix'].upper()} {match['d1']} {match['d2']}"
        if number not in FORMS:
            continue
        if match["em"] is None and match.group().isalnum():
            continue  # "WC000313" alone: more likely a policy number than a form
        month = match["em"]
        # a month that is not one is not an edition (the number is still the form's)
        edition = (f"{int(month):02d} {match['ey']}"
                   if month is not None and 1 <= int(month) <= 12 else None)
        if (number, edition) not in found:
            found.append((number, edition))
        if len(found) >= MAX_FOUND:
            break
    return found


def is_endorsement_page(text: str) -> bool:
    """Whether a page reads as an endorsement itself rather than a form that names one."""
    folded = " ".join(text[:MAX_TEXT].split()).casefold()
    return "endorsement" in folded and not any(marker in folded for marker in _ACORD_PAGE)


def recognize(pages: Iterable[tuple[int, str]], *,
              description: str | None = None) -> list[dict[str, Any]]:
    """The ``endorsements`` entries of ``pages`` (``(1-based page, text)``) and of the
    certificate's description of operations (page 1, source ``"description"``).

    A form is listed once per source; an edition read on a later page fills one left empty.
    """
    entries: list[dict[str, Any]] = []
    by_key: dict[tuple[str, str], dict[str, Any]] = {}

    def add(number: str, edition: str | None, page: int, source: str) -> None:
        entry = by_key.get((number, source))
        if entry is None:
            if len(entries) >= MAX_FOUND:
                return
            entry = {"form": number, "edition": edition, "title": FORMS[number].title,
                     "page": page, "source": source}
            by_key[(number, source)] = entry
            entries.append(entry)
        elif entry["edition"] is None and edition:
            entry["edition"] = edition

    for number, edition in find_forms(description):
        add(number, edition, 1, "description")
    for page, text in pages:
        source = "document" if is_endorsement_page(text) else "description"
        for number, edition in find_forms(text):
            add(number, edition, page, source)
    return entries


def document_pages(document, first: int = 0) -> list[tuple[int, str]]:
    """``(1-based page, text)`` of a reading ``Document``'s text layer from page index ``first``,
    within the pages the reader reads; pages that cannot be extracted are skipped."""
    from coitrack.reading.document import MAX_PAGES_READ
    from coitrack.reading.errors import ReadingError

    if document.kind != "pdf":
        return []
    pages = []
    for index in range(first, min(document.page_count, MAX_PAGES_READ)):
        try:
            pages.append((index + 1, document.page_text(index).text))
        except (ReadingError, IndexError):
            continue
    return pages


def endorsements_of_bytes(data: bytes, name: str) -> list[dict[str, Any]]:
    """The endorsements of a whole separate document (every page read, first included).

    Raises ``ReadingError`` when the file cannot be opened (see ``reading.document``).
    """
    from coitrack.reading.document import Document

    document = Document.open(data, name)
    try:
        return recognize(document_pages(document, 0))
    finally:
        document.close()


def read_endorsements(data: bytes, *, filename: str = "document",
                      isolate: bool = True) -> list[dict[str, Any]]:
    """``endorsements_of_bytes`` in the reader's isolated child process (time and memory
    limits), as for certificates: uploaded files are untrusted."""
    if not isolate:
        return endorsements_of_bytes(data, filename)
    from coitrack.reading import isolation

    return isolation.run(endorsements_of_bytes, data, filename, name=filename)
