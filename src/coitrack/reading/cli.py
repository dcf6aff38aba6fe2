"""``coitrack extract [--format json|jsonl] FILE...``: read certificates, print the schema JSON.

No database, no Django. Output formats:

- ``json`` (default): one file prints its object; several files print a JSON *array* of
  objects in the order given (so the output is always one valid JSON document). A file that
  cannot be read is reported on stderr and the exit status is 1.
- ``jsonl``: one object per line, each with ``"source"`` (the path exactly as given); a file
  that cannot be read gets a line with ``"source"`` and ``"error"`` (the message) instead, and
  the exit status stays 0: a batch never stops at one bad file.

Every object carries ``"evidence"`` (page, box, confidence, text per JSON path) and
``"warnings"`` beside the schema keys; consumers ignore keys they do not know.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from coitrack.reading import ReadingError, read_document


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coitrack extract",
        description="Read certificates of insurance (ACORD 25 PDFs) and print their data as JSON.",
    )
    parser.add_argument(
        "--format",
        choices=("json", "jsonl"),
        default="json",
        help="json: one object, or an array for several files; jsonl: one object per line "
        'with "source" (and "error" for a file that cannot be read)',
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="certificate files (PDF)")
    return parser


def _read(path: str) -> dict[str, Any]:
    return read_document(path).as_json()


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.format == "jsonl":
        for path in args.files:
            try:
                line = {"source": path, **_read(path)}
            except ReadingError as error:
                line = {"source": path, "error": str(error)}
            print(json.dumps(line, ensure_ascii=False), flush=True)
        return 0
    results, status = [], 0
    for path in args.files:
        try:
            results.append(_read(path))
        except ReadingError as error:
            print(f"coitrack extract: {error}", file=sys.stderr)
            status = 1
    if len(args.files) == 1:
        if results:
            print(json.dumps(results[0], indent=2, ensure_ascii=False))
    else:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
