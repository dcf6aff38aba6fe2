"""Synthetic non-ACORD certificates (the ``generic`` variant) with their ground truth.

Six layouts, each with its own wording, fonts, date and amount formats (letters.py and
tables.py draw them on page.py's page, content.py says what they print):

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

import random
from typing import Any

from coitrack.reading.synth.generic.content import LAYOUTS, make_content, truth_of
from coitrack.reading.synth.generic.letters import draw_keyvalue, draw_letter, draw_memo
from coitrack.reading.synth.generic.tables import draw_boxed, draw_schedule, draw_table

__all__ = ["LAYOUTS", "generate"]

DRAW = {
    "letter": draw_letter,
    "table": draw_table,
    "keyvalue": draw_keyvalue,
    "memo": draw_memo,
    "schedule": draw_schedule,
    "boxed": draw_boxed,
}


def generate(seed: int, *, layout: str | None = None) -> tuple[bytes, dict[str, Any]]:
    """A generic certificate and its truth; ``layout`` one of :data:`LAYOUTS` (else by seed)."""
    rng = random.Random(f"generic:{seed}")
    layout = layout or LAYOUTS[seed % len(LAYOUTS)]
    content = make_content(rng, layout)
    return DRAW[layout](content, rng), truth_of(content)
