"""The reader's labelled examples as JSON Lines (format: src/coitrack/reading/README.md).

One object per correction, oldest first, read from the database in chunks so an organization
with many corrections streams in constant memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from coitrack.certificates.models import ReadingCorrection

FORMAT = "coitrack.reading-correction/1"


def correction_record(correction: ReadingCorrection) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "document_sha256": correction.document_sha256,
        "path": correction.path,
        "extracted": correction.extracted,
        "corrected": correction.corrected,
        "reader": correction.reader,
        "evidence": correction.evidence,
        "certificate_id": correction.certificate_id,
        "reading_run": correction.run,
        "created_at": correction.created_at.isoformat(),
    }


def correction_lines(organization) -> Iterator[str]:
    """JSONL lines of ``organization``'s corrections (and only its own)."""
    rows = ReadingCorrection.objects.filter(organization=organization).order_by("id")
    for correction in rows.iterator(chunk_size=500):
        yield json.dumps(correction_record(correction), ensure_ascii=False) + "\n"
