"""Reader accuracy and speed on generated certificates (coitrack's own ACORD-25-like drawings).

    python bench/reading_accuracy.py [--documents 200] [--variants fillable,text]
                                     [--backend pdfium|pdfplumber] [--isolate]

Variants: fillable, text, and rough (text printed with larger fonts and offsets, reported to
show the margin; the targets apply to fillable and text). Prints recall and precision per
field group and per variant, the critical groups' totals, and
seconds per document on one core (reading only; generation is not timed). Exits 1 when a
critical group misses the targets (recall and precision >= 99.5%) or reading is slower than
0.25 s per document.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from coitrack.reading import read_document
from coitrack.reading.synth import VARIANTS, generate
from coitrack.reading.synth.compare import CRITICAL, Tally, compare

TARGET_RATE = 0.995
TARGET_SECONDS = 0.25
TARGET_VARIANTS = ("fillable", "text")  # "rough" is reported, to show the margin


def run(variant: str, documents: int, first_seed: int, backend: str, isolate: bool):
    scores: dict[str, Tally] = defaultdict(Tally)
    timings = []
    for seed in range(first_seed, first_seed + documents):
        pdf, truth = generate(seed, variant)
        started = time.perf_counter()
        result = read_document(pdf, isolate=isolate, backend=backend)
        timings.append(time.perf_counter() - started)
        compare(truth, result.data, scores)
    return scores, timings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=200, help="per variant")
    parser.add_argument("--variants", default=",".join(VARIANTS))
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
    for variant in args.variants.split(","):
        scores, timings = run(variant, args.documents, args.first_seed, args.backend, args.isolate)
        mean, p95 = statistics.mean(timings), sorted(timings)[int(len(timings) * 0.95) - 1]
        print(
            f"\n== {variant}: {args.documents} documents, {mean:.3f} s/document "
            f"(p95 {p95:.3f} s, backend {args.backend}, "
            f"{'isolated' if args.isolate else 'in process'})"
        )
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
        print(
            f"   critical fields (*): recall {critical.recall:.2%}, "
            f"precision {critical.precision:.2%}"
        )
        if variant in TARGET_VARIANTS:
            ok &= mean <= TARGET_SECONDS or args.isolate
    print("\ntargets met" if ok else "\nTARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
