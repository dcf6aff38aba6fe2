"""Reading a certificate's stored files with the isolated reader: which file is the
certificate, which are endorsements attached separately, and what to say about the others.

Used by ``services.reading`` (the background reading); nothing here writes to the database.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from coitrack.certificates.models import Certificate, Document
from coitrack.certificates.page_sizes import page_sizes
from coitrack.reading import ReadingError, ReadResult, read_document
from coitrack.requirements.models import Carrier

logger = logging.getLogger(__name__)

MAX_DOCUMENTS = 3  # a certificate's files read at most; the first that reads is applied


@dataclass
class _Read:
    document: Document
    result: ReadResult
    page_sizes: list[tuple[float, float]]
    warnings: list[str] = field(default_factory=list)
    # endorsement forms found in the certificate's other files (separate endorsement PDFs)
    endorsements: list[dict] = field(default_factory=list)


class _Unreadable(Exception):
    pass


def _read_files(cert: Certificate) -> _Read:
    """Read the certificate's files in order; the first that reads is the certificate.

    The others are read too: one that also reads as a certificate is mentioned in the warnings,
    as are the messages of files before it that could not be read.
    """
    documents = list(cert.documents.order_by("id")[:MAX_DOCUMENTS])
    carriers = known_carriers(cert.organization_id)
    found: _Read | None = None
    errors: list[str] = []
    endorsements: list[dict] = []
    for document in documents:
        try:
            result, content = _read_one(document, carriers)
        except _Unreadable as error:
            forms = _endorsements_of(document)
            if forms:  # not a certificate: an endorsement the vendor attached separately
                endorsements.extend(forms)
            elif found is None:
                errors.append(str(error))
            continue
        if found is not None:
            found.warnings.append(
                f"{document.original_name} also reads as a certificate ({_describe(result)}); "
                f"only {found.document.original_name} was used."
            )
            continue
        try:
            sizes = page_sizes(content, document.content_type)
        except ValueError:
            sizes = []  # boxes are then not drawn; the data is still good
        found = _Read(document=document, result=result, page_sizes=sizes,
                      warnings=[*errors, *result.warnings])
    if found is None:
        raise _Unreadable(" ".join(errors) or "The certificate has no file to read.")
    found.endorsements = endorsements
    return found


def _endorsements_of(document: Document) -> list[dict]:
    """Endorsement forms printed in a file that is not a certificate (read isolated, like
    certificates); nothing when it cannot be read."""
    from coitrack.reading.endorsements import read_endorsements

    try:
        with document.file.open("rb") as handle:
            content = handle.read()
        return read_endorsements(content, filename=document.original_name)
    except (OSError, ReadingError):
        return []
    except Exception:
        logger.exception("looking for endorsements in document %s failed", document.pk)
        return []


def _with_endorsements(read: _Read) -> dict:
    """What was read, with the separate files' endorsements added to the certificate's own."""
    data = read.result.data
    if not read.endorsements:
        return data
    return {**data, "endorsements": [*(data.get("endorsements") or []), *read.endorsements]}


def known_carriers(organization_id: int) -> dict[str, str]:
    """The organization's insurers by NAIC code: on a scan, the reader sets a misread insurer
    name right from the code read beside it (only when the reading is close to the name)."""
    rows = Carrier.objects.filter(organization_id=organization_id).exclude(naic="")
    return dict(rows.values_list("naic", "name"))


def _read_one(document: Document, carriers: dict[str, str]) -> tuple[ReadResult, bytes]:
    try:
        with document.file.open("rb") as handle:
            content = handle.read()
    except OSError:
        raise _Unreadable(f"{document.original_name}: the stored file is missing.") from None
    try:
        return read_document(content, filename=document.original_name, carriers=carriers), content
    except ReadingError as error:
        raise _Unreadable(_sentence(str(error))) from None
    except Exception:
        # A reader bug must not stop the worker nor leave the certificate "processing".
        logger.exception("reading document %s failed unexpectedly", document.pk)
        raise _Unreadable(
            f"{document.original_name}: the reader failed unexpectedly (the error was logged)."
        ) from None


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _describe(result: ReadResult) -> str:
    policies = len(result.data.get("policies") or [])
    insured = (result.data.get("insured") or {}).get("name") or "insured not read"
    return f"{insured}, {policies} polic{'y' if policies == 1 else 'ies'}"
