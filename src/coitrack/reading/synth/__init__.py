"""Synthetic ACORD-25-like certificates with ground truth, drawn by coitrack itself.

``generate(seed, variant)`` returns ``(file_bytes, truth)`` where ``truth`` is the schema data a
perfect reader returns. Variants: ``"fillable"`` (AcroForm fields) and ``"text"`` (values in
the text layer; ``"rough"``: the same printed carelessly); scans of the text variant
(:data:`SCAN_VARIANTS`) are images (PNG, JPEG, TIFF) or image-only PDFs.
``make_sample`` + ``render`` let a test edit a certificate before drawing it.
Needs reportlab (a test dependency).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coitrack.reading.synth.values import Sample

VARIANTS = ("fillable", "text", "rough")  # rough: text printed with larger fonts and offsets
# Scans of the text certificates (synth/scan.py): 150, 200 and 300 dpi, and pages turned by
# 90, 180 or 270 degrees; PNG, JPEG, TIFF or image-only PDF. OCR needed: seconds per document.
SCAN_VARIANTS = ("scan150", "scan200", "scan300", "scan-turned")


def make_sample(seed: int) -> Sample:
    from coitrack.reading.synth.values import make_sample as make

    return make(random.Random(f"sample:{seed}"))


def render(sample: Sample, variant: str, *, seed: int = 0, **options: Any) -> bytes:
    """Draw ``sample``; ``options`` fix rendering choices (see drawing.py and, for scans,
    scan.py: ``container``, ``skew``, ``quarters``, ``clean``), else random."""
    from coitrack.reading.synth.drawing import render_fillable, render_text

    if variant in SCAN_VARIANTS:
        from coitrack.reading.synth.scan import SCAN_VARIANTS as SETTINGS
        from coitrack.reading.synth.scan import scan

        dpi, turns = SETTINGS[variant]
        scan_options = {
            k: options.pop(k) for k in ("container", "skew", "clean", "quarters") if k in options
        }
        rng = random.Random(f"scan:{variant}:{seed}")
        scan_options.setdefault("quarters", rng.choice(turns))
        printed = render_text(sample, random.Random(f"render:text:{seed}"), **options)
        return scan(printed, rng, dpi=dpi, **scan_options)
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; one of {VARIANTS + SCAN_VARIANTS}")
    rng = random.Random(f"render:{variant}:{seed}")
    if variant == "fillable":
        return render_fillable(sample, rng, **options)
    if variant == "rough":
        options.setdefault("rough", True)
    return render_text(sample, rng, **options)


def generate(seed: int, variant: str, **options: Any) -> tuple[bytes, dict[str, Any]]:
    """A random certificate and its truth; the same seed gives the same certificate."""
    sample = make_sample(seed)
    return render(sample, variant, seed=seed, **options), sample.truth
