"""Reader accuracy and speed on generated certificates (coitrack's own ACORD-25-like drawings).

    python bench/reading_accuracy.py [--documents 200] [--scan-documents 20]
                                     [--variants fillable,text,scan150]
                                     [--backend pdfium|pdfplumber] [--isolate]

Variants: fillable, text, and rough (text printed with larger fonts and offsets, reported to
show the margin; the PDF targets apply to fillable, text and their editions); text-2010,
text-2014, text-2025, fillable-2010 ... (the same in one other ACORD 25 edition; the plain ones
draw 2016/03; 10% of fillable and text documents continue their description on an ACORD 101
page); scan150, scan200, scan300 (the text certificates scanned at that resolution with skew,
blur, noise, dust and JPEG artefacts, as PNG, JPEG, TIFF or image-only PDF, grey) and
scan-turned (200 dpi, fed sideways or upside down); fax (the same pages as 1-bit Group 4 TIFF
at 200 dpi, fax fine mode: thin strokes break, zeros open into "()"; precision and time are
held to the scan targets, recall is reported).
Prints recall and precision per field group and per variant, the critical groups' totals (and
at the end per ACORD 25 edition, with how often the edition itself was read right), and
seconds per document: wall-clock and CPU (the CPU time of one core, the figure to trust on a
busy machine; isolated reads count the child's CPU). Reading only; generation is not timed.
generic: non-ACORD certificates (synth/generic/: letter, table, key/value, memo), read by
the generic reader; reported only (best effort, no target).
Exits 1 when a target is missed: PDFs, every critical group at recall and precision >= 99.5%
and <= 0.25 s per document; scans, critical fields together at recall >= 97% (not asked of
faxes) and every critical group at precision >= 99.5%, <= 4 s of CPU per page.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from coitrack.reading import ReadingError, read_document
from coitrack.reading.result import empty_certificate
from coitrack.reading.synth import (
    EDITION_VARIANTS,
    GENERIC_VARIANT,
    SCAN_VARIANTS,
    VARIANTS,
    generate,
)
from coitrack.reading.synth.compare import CRITICAL, Tally, compare
from coitrack.reading.synth.scan import FAX_VARIANTS

TARGET_RATE = 0.995
TARGET_SECONDS = 0.25
# "rough" is reported, to show the margin
TARGET_VARIANTS = ("fillable", "text", *EDITION_VARIANTS)
SCAN_TARGET_RECALL = 0.97  # critical fields together, scans at 150 dpi and above
SCAN_TARGET_SECONDS = 4.0  # CPU seconds per scanned page, one core


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _critical(scores: dict[str, Tally]) -> Tally:
    total = Tally()
    for group, tally in scores.items():
        if group in CRITICAL:
            total.true_positive += tally.true_positive
            total.false_positive += tally.false_positive
            total.false_negative += tally.false_negative
    return total


def run(variant: str, documents: int, first_seed: int, backend: str, isolate: bool, editions):
    """Scores of ``documents`` certificates of ``variant``; ``editions`` gathers, per ACORD 25
    edition, the critical scores and how many editions were read right, of how many."""
    scores: dict[str, Tally] = defaultdict(Tally)
    timings, cpu_timings, errors = [], [], []
    for seed in range(first_seed, first_seed + documents):
        data, truth = generate(seed, variant)
        started, cpu = time.perf_counter(), _cpu()
        try:
            result = read_document(data, isolate=isolate, backend=backend)
        except ReadingError as error:
            errors.append(f"seed {seed}: {error}")
            result = None
        timings.append(time.perf_counter() - started)
        cpu_timings.append(_cpu() - cpu)
        # A refused document counts every value as not read.
        data = result.data if result else empty_certificate()
        compare(truth, data, scores)
        if truth["edition"] is None:  # a non-ACORD certificate has no edition
            continue
        one, entry = _critical(compare(truth, data)), editions[truth["edition"]]
        entry["total"].true_positive += one.true_positive
        entry["total"].false_positive += one.false_positive
        entry["total"].false_negative += one.false_negative
        entry["documents"] += 1
        entry["edition_read"] += data["edition"] == truth["edition"]
    return scores, timings, cpu_timings, errors


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=200, help="per PDF variant")
    parser.add_argument(
        "--scan-documents", type=int, default=20, help="per scan variant (seconds each)"
    )
    parser.add_argument(
        "--variants",
        default=",".join((*VARIANTS, *EDITION_VARIANTS, GENERIC_VARIANT, *SCAN_VARIANTS)),
    )
    parser.add_argument("--first-seed", type=int, default=100_000)
    parser.add_argument("--backend", default="pdfium", choices=("pdfium", "pdfplumber"))
    parser.add_argument(
        "--isolate",
        action="store_true",
        help="time with the child-process isolation used in production",
    )
    parser.add_argument("--show-misses", type=int, default=3)
    args = parser.parse_args(argv)
    ok = True
    generate(0, "text")  # warm imports so the first timing is not an import
    read_document(generate(0, "text")[0], isolate=args.isolate, backend=args.backend)
    if any(v in SCAN_VARIANTS for v in args.variants.split(",")):
        from coitrack.reading.ocr.engine import get_engine

        get_engine()  # the model loads once per process: not part of any document's time
    editions: dict[str, dict] = defaultdict(
        lambda: {"total": Tally(), "documents": 0, "edition_read": 0}
    )
    for variant in args.variants.split(","):
        scan = variant in SCAN_VARIANTS
        documents = args.scan_documents if scan else args.documents
        scores, timings, cpu, errors = run(
            variant, documents, args.first_seed, args.backend, args.isolate, editions
        )
        mean, p95 = statistics.mean(timings), sorted(timings)[max(0, int(len(timings) * 0.95) - 1)]
        mean_cpu = statistics.mean(cpu)
        print(
            f"\n== {variant}: {documents} documents, {mean:.3f} s/document wall "
            f"(p95 {p95:.3f} s), {mean_cpu:.3f} s CPU, backend {args.backend}, "
            f"{'isolated' if args.isolate else 'in process'}"
        )
        for error in errors[: args.show_misses]:
            print(f"   ! {error}")
        if errors:
            print(f"   ! {len(errors)} of {documents} documents refused")
        print(f"   {'field group':26s} {'recall':>8s} {'precision':>10s} {'values':>7s}")
        critical = Tally()
        for group in sorted(scores):
            tally = scores[group]
            mark = "*" if group in CRITICAL else " "
            print(
                f" {mark} {group:26s} {tally.recall:8.2%} {tally.precision:10.2%} "
                f"{tally.true_positive + tally.false_negative:7d}"
            )
            for miss in tally.misses[: args.show_misses]:
                print(f"       - {miss}")
            if group in CRITICAL:
                critical.true_positive += tally.true_positive
                critical.false_positive += tally.false_positive
                critical.false_negative += tally.false_negative
                if variant in TARGET_VARIANTS:
                    ok &= tally.recall >= TARGET_RATE and tally.precision >= TARGET_RATE
                elif scan:
                    ok &= tally.precision >= TARGET_RATE
        print(
            f"   critical fields (*): recall {critical.recall:.2%}, "
            f"precision {critical.precision:.2%}"
        )
        if variant in TARGET_VARIANTS:
            ok &= mean <= TARGET_SECONDS or args.isolate
        elif scan:
            ok &= mean_cpu <= SCAN_TARGET_SECONDS
            ok &= variant in FAX_VARIANTS or critical.recall >= SCAN_TARGET_RECALL
    print("\nper ACORD 25 edition (every variant above): critical recall, precision")
    for name in sorted(editions):
        entry = editions[name]
        total = entry["total"]
        print(
            f"   {name}: {entry['documents']:5d} documents  recall {total.recall:.2%}  "
            f"precision {total.precision:.2%}  edition read {entry['edition_read']}"
            f"/{entry['documents']}"
        )
    print("\ntargets met" if ok else "\nTARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
