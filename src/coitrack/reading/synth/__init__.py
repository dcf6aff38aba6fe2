"""Synthetic ACORD-25-like certificates with ground truth, drawn by coitrack itself.

``generate(seed, variant)`` returns ``(file_bytes, truth)`` where ``truth`` is the schema data a
perfect reader returns. Variants: ``"fillable"`` (AcroForm fields) and ``"text"`` (values in
the text layer; ``"rough"``: the same printed carelessly); scans of the text variant
(:data:`SCAN_VARIANTS`) are images (PNG, JPEG, TIFF) or image-only PDFs.
``make_sample`` + ``render`` let a test edit a certificate before drawing it.
Editions (synth/editions.py): ``edition="2010/05"`` draws that edition's page; a variant with an
edition's year ("text-2010", "fillable-2025") draws only that edition. A share of fillable and
text documents made by ``generate`` (:data:`REMARKS_SHARE`) continue their description on an
ACORD 101 page (synth/remarks.py; ``remarks=True`` or ``False`` decides).
``generate(seed, "generic")`` draws a non-ACORD certificate instead (synth/generic/).
Needs reportlab (a test dependency).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coitrack.reading.synth.values import Sample

VARIANTS = ("fillable", "text", "rough")  # rough: text printed with larger fonts and offsets
# Scans of the text certificates (synth/scan.py): 150, 200 and 300 dpi, and pages turned by
# 90, 180 or 270 degrees; PNG, JPEG, TIFF or image-only PDF, grey. OCR needed: seconds per
# document. "fax": 1-bit Group 4 TIFF pages at fax resolution (200 dpi).
SCAN_VARIANTS = ("scan150", "scan200", "scan300", "scan-turned", "fax")
# One edition each (the plain variants draw 2016/03): "text-2010" ...
EDITION_VARIANTS = tuple(
    f"{variant}-{year}" for variant in ("text", "fillable") for year in ("2010", "2014", "2025")
)
REMARKS_SHARE = 0.1  # fillable and text documents whose description goes on to an ACORD 101

# Non-ACORD certificates: letters, coverage tables, key/value pages (synth/generic/)
GENERIC_VARIANT = "generic"


def make_sample(seed: int) -> Sample:
    from coitrack.reading.synth.values import make_sample as make

    return make(random.Random(f"sample:{seed}"))


def split_variant(variant: str) -> tuple[str, str | None]:
    """``"text-2010"`` -> ``("text", "2010/05")``; a variant without an edition -> (it, None)."""
    from coitrack.reading.synth.editions import SUFFIXES

    base, _, year = variant.rpartition("-")
    if base and year in SUFFIXES:
        return base, SUFFIXES[year]
    return variant, None


def render(sample: Sample, variant: str, *, seed: int = 0, **options: Any) -> bytes:
    """Draw ``sample``; ``options`` fix rendering choices (see drawing.py and, for scans,
    scan.py: ``container``, ``skew``, ``quarters``, ``clean``), else random.

    ``edition`` ("2010/05"; 2016/03 unless given or named by the variant) and ``remarks=True``
    (an ACORD 101 page continuing the description; ``remarks_marker``: page 1 says so) change
    what the certificate says, so they update ``sample`` (its truth included) before drawing.
    """
    from coitrack.reading.synth.drawing import render_fillable, render_text
    from coitrack.reading.synth.editions import get
    from coitrack.reading.synth.remarks import continue_on_remarks

    variant, named = split_variant(variant)
    edition = get(options.pop("edition", None) or named).name
    sample.truth["edition"] = edition
    options["edition"] = edition
    remarks, marker = options.pop("remarks", False), options.pop("remarks_marker", None)
    if remarks:
        continue_on_remarks(sample, random.Random(f"remarks:{seed}"), marker=marker)

    if variant in SCAN_VARIANTS:
        from coitrack.reading.synth.scan import FAX_VARIANTS, scan
        from coitrack.reading.synth.scan import SCAN_VARIANTS as SETTINGS

        dpi, turns = SETTINGS[variant]
        scan_options = {
            k: options.pop(k) for k in ("container", "skew", "clean", "quarters") if k in options
        }
        rng = random.Random(f"scan:{variant}:{seed}")
        scan_options.setdefault("quarters", rng.choice(turns))
        if variant in FAX_VARIANTS:
            scan_options.update(container="tiff", fax=True)
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
    if variant == GENERIC_VARIANT:
        from coitrack.reading.synth.generic import generate as generate_generic

        return generate_generic(seed, **options)
    sample = make_sample(seed)
    if split_variant(variant)[0] in ("fillable", "text"):  # scans keep one page unless asked
        chosen = random.Random(f"remarks-page:{seed}").random() < REMARKS_SHARE
        options.setdefault("remarks", chosen)
    return render(sample, variant, seed=seed, **options), sample.truth
