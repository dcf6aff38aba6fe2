"""Synthetic ACORD-25-like certificates with ground truth, drawn by coitrack itself.

``generate(seed, variant)`` returns ``(pdf_bytes, truth)`` where ``truth`` is the schema data a
perfect reader returns. Variants: ``"fillable"`` (AcroForm fields) and ``"text"`` (values in
the text layer). Needs reportlab (a test dependency).
"""

from __future__ import annotations

import random
from typing import Any

VARIANTS = ("fillable", "text")


def generate(seed: int, variant: str) -> tuple[bytes, dict[str, Any]]:
    from coitrack.reading.synth.render import render_fillable, render_text
    from coitrack.reading.synth.values import make_sample

    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; one of {VARIANTS}")
    rng = random.Random(f"{variant}:{seed}")
    sample = make_sample(rng)
    render = render_fillable if variant == "fillable" else render_text
    return render(sample, rng), sample.truth
