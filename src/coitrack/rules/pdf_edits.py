"""Signs that a certificate PDF was edited after the program that produced it wrote it.

``edit_signs(pdf_bytes)`` returns an :class:`EditReport`: plain-language ``signs`` (empty for a
clean file) and JSON-safe ``details``. Three kinds of evidence, with these decisions:

1. Metadata. The Info dictionary's ``ModDate`` is more than ``MODIFIED_AFTER`` (10 minutes) after
   its ``CreationDate`` *and* the program that last saved the file (``Producer``) is another
   program than the one that made it (``Creator``), or than the ``Producer`` of the original
   revision. Programs are compared by their first two words (``Adobe Acrobat Pro 23.1`` and
   ``Adobe Acrobat Pro DC`` are one program). Generators write both dates at once; a later date
   alone (the same system saving again) is not a sign. Dates without a time zone are compared as
   printed. XMP metadata is not read (editors keep it in step with the Info dictionary).
2. Incremental updates. A PDF editor that saves "in place" appends an update after the original's
   ``%%EOF`` (each revision ends with ``startxref N %%EOF``; a linearized file's first-page
   section is one more such ending and is part of the original). The original revision
   (the bytes up to its end) is read again and compared with the final file, page by page for
   the first ``MAX_PAGES`` pages: changed page content, pages added or removed, and annotations
   or form fields that are new are signs. An update that only fills in values of the original's
   form fields is how fillable ACORD forms are completed, and one that only adds a digital
   signature is how they are signed: neither is a sign. When the original cannot be read, the
   number of updates itself is reported.
3. Markup over the page: FreeText (typed text), Square (often a white box hiding what was
   printed), Stamp and Redact annotations in the final file. Agency systems print text into the
   page; they do not add these.

Bounded: files above ``MAX_BYTES`` are not analysed, at most ``MAX_REVISIONS`` revision endings
are considered, and any error of the PDF library on a damaged or hostile file ends the analysis
with what was found so far (never an exception).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

MAX_BYTES = 40 * 1024 * 1024
MAX_PAGES = 20
MAX_REVISIONS = 200
MODIFIED_AFTER = dt.timedelta(minutes=10)
MARKUP = {"/FreeText": "typed text (FreeText)", "/Square": "a box (Square)",
          "/Stamp": "a stamp", "/Redact": "a redaction"}

_REVISION_END = re.compile(rb"startxref\s+\d+\s*%%EOF")
_PDF_DATE = re.compile(
    r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?"
)
_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass
class EditReport:
    signs: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


def edit_signs(data: bytes) -> EditReport:
    """What in ``data`` (a PDF's bytes) suggests it was edited after it was produced."""
    report = EditReport()
    if not data or len(data) > MAX_BYTES or b"%PDF-" not in data[:1024]:
        return report
    ends = revision_ends(data)
    original_end = _original_end(data, ends)
    updates = len([end for end in ends if end > original_end]) if original_end else 0
    report.details["updates"] = updates
    final = _open(data)
    if final is None:
        if updates:
            report.signs.append(_updates_sentence(updates))
        return report
    original = _open(data[:original_end]) if updates else None
    _metadata(final, original, report)
    if updates:
        if original is None:
            report.signs.append(_updates_sentence(updates))
        else:
            _compare(original, final, updates, report)
    _markup(final, report)
    return report


def revision_ends(data: bytes) -> list[int]:
    """Byte offsets just after each ``startxref N %%EOF`` (at most ``MAX_REVISIONS``)."""
    ends = []
    for match in _REVISION_END.finditer(data):
        ends.append(match.end())
        if len(ends) >= MAX_REVISIONS:
            break
    return ends


def _original_end(data: bytes, ends: list[int]) -> int | None:
    if not ends:
        return None
    linearized = b"/Linearized" in data[:2048]
    return ends[1] if linearized and len(ends) > 1 else ends[0]


def _updates_sentence(updates: int) -> str:
    return (f"{updates} change{'s were' if updates != 1 else ' was'} saved on top of the "
            "original file (incremental update), and the original could not be read to compare")


def _open(data: bytes):
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        len(reader.pages)
        return reader
    except Exception as error:  # a damaged file is a finding, not a crash
        logger.info("PDF edit analysis: cannot read the file: %s", error)
        return None


# Metadata -----------------------------------------------------------------------------------


def parse_pdf_date(value: Any) -> dt.datetime | None:
    """``D:20260301101500-05'00'`` -> an aware datetime (naive when no zone is printed)."""
    match = _PDF_DATE.match(str(value or "").strip())
    if not match:
        return None
    year, month, day, hour, minute, second, zulu, sign, off_h, off_m = match.groups()
    try:
        moment = dt.datetime(int(year), int(month or 1), int(day or 1), int(hour or 0),
                             int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if zulu:
        return moment.replace(tzinfo=dt.UTC)
    if sign:
        offset = dt.timedelta(hours=int(off_h), minutes=int(off_m or 0))
        return moment.replace(tzinfo=dt.timezone(offset if sign == "+" else -offset))
    return moment


def program(name: str | None) -> str:
    """The program a Producer/Creator string names: its first two words, lower case."""
    return " ".join(_WORD.findall(name or "")[:2]).lower()


def _info(reader) -> dict[str, str]:
    try:
        info = reader.metadata or {}
        return {key: str(info.get(f"/{key}") or "").strip()
                for key in ("CreationDate", "ModDate", "Producer", "Creator")}
    except Exception:  # unreadable metadata is no metadata
        return {}


def _metadata(final, original, report: EditReport) -> None:
    info = _info(final)
    created, modified = parse_pdf_date(info.get("CreationDate")), parse_pdf_date(
        info.get("ModDate"))
    producer, creator = info.get("Producer", ""), info.get("Creator", "")
    original_producer = _info(original).get("Producer", "") if original is not None else ""
    report.details.update({
        "creation_date": created.isoformat() if created else None,
        "mod_date": modified.isoformat() if modified else None,
        "producer": producer or None, "creator": creator or None,
    })
    if created is None or modified is None:
        return
    if (created.tzinfo is None) != (modified.tzinfo is None):
        created, modified = created.replace(tzinfo=None), modified.replace(tzinfo=None)
    if modified - created <= MODIFIED_AFTER or not program(producer):
        return
    made_by = [name for name in (creator, original_producer)
               if program(name) and program(name) != program(producer)]
    if not made_by:
        return
    report.signs.append(
        f'modified on {_when(modified)}, {_gap(modified - created)} after it was created '
        f'({_when(created)}), by "{producer}" while it was made by "{made_by[0]}"'
    )


def _when(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _gap(delta: dt.timedelta) -> str:
    if delta.days >= 2:
        return f"{delta.days} days"
    hours = int(delta.total_seconds() // 3600)
    if hours >= 2:
        return f"{hours} hours"
    return f"{int(delta.total_seconds() // 60)} minutes"


# Revisions ----------------------------------------------------------------------------------


def _compare(original, final, updates: int, report: EditReport) -> None:
    try:
        before_pages, after_pages = len(original.pages), len(final.pages)
        changed, added = [], []
        for index in range(min(before_pages, after_pages, MAX_PAGES)):
            old, new = original.pages[index], final.pages[index]
            if _content_digest(old) != _content_digest(new):
                changed.append(index + 1)
            fresh = _annotations(new) - _annotations(old)
            added += [f"{_annotation_words(kind, name)} on page {index + 1}"
                      for kind, name, _ in sorted(fresh)]
    except Exception as error:  # report what was found up to the damage
        logger.info("PDF edit analysis: cannot compare revisions: %s", error)
        report.signs.append(_updates_sentence(updates))
        return
    one = updates == 1
    what = []
    if changed:
        pages = ", ".join(str(p) for p in changed)
        what.append(f"{'changes' if one else 'change'} the content of "
                    f"page{'s' if len(changed) > 1 else ''} {pages}")
    if before_pages != after_pages:
        what.append(f"{'turns' if one else 'turn'} {before_pages} "
                    f"page{'s' if before_pages != 1 else ''} into {after_pages}")
    if added:
        what.append(f"{'adds' if one else 'add'} " + ", ".join(added))
    report.details.update({"changed_pages": changed, "added_annotations": added,
                           "original_pages": before_pages, "final_pages": after_pages})
    if what:
        saved = "an update" if one else f"{updates} updates"
        report.signs.append(f"{saved} saved on top of the original file {' and '.join(what)}")


def _content_digest(page) -> str:
    """A digest of the page's content streams as stored (no decompression)."""
    digest = hashlib.sha256()
    contents = page.get("/Contents")
    if contents is None:
        return ""
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    for stream in streams:
        stream = stream.get_object()
        raw = getattr(stream, "_data", None)
        digest.update(raw if isinstance(raw, bytes) else repr(stream).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _annotations(page) -> set[tuple[str, str, tuple[int, ...]]]:
    """``(subtype, field name, rounded rectangle)`` of each annotation but signature fields."""
    found = set()
    annots = page.get("/Annots")
    if annots is None:
        return found
    for ref in annots.get_object():
        annot = ref.get_object()
        subtype = str(annot.get("/Subtype", ""))
        parent = annot.get("/Parent")
        parent = parent.get_object() if parent is not None else {}
        field_type = str(annot.get("/FT") or parent.get("/FT") or "")
        if field_type == "/Sig" or subtype == "/Link":
            continue
        name = str(annot.get("/T") or parent.get("/T") or "")
        rect = tuple(round(float(v)) for v in (annot.get("/Rect") or [])[:4])
        found.add((subtype, name, rect))
    return found


def _annotation_words(subtype: str, name: str) -> str:
    if subtype == "/Widget":
        return f'form field "{name}"' if name else "a form field"
    return MARKUP.get(subtype, f"a {subtype.lstrip('/') or 'page'} annotation")


def _markup(final, report: EditReport) -> None:
    found = []
    try:
        for index in range(min(len(final.pages), MAX_PAGES)):
            for subtype, _, _ in sorted(_annotations(final.pages[index])):
                if subtype in MARKUP:
                    found.append(f"{MARKUP[subtype]} on page {index + 1}")
    except Exception as error:  # damaged annotations: keep what was found
        logger.info("PDF edit analysis: cannot read annotations: %s", error)
    # Markup the revision comparison already reported as added is not repeated.
    found = [item for item in found if item not in report.details.get("added_annotations", [])]
    if found:
        report.details["markup"] = found
        report.signs.append("annotations drawn over the printed page: " + ", ".join(found))
