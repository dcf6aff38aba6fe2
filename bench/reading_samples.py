"""Run the reader over ACORD's sample files in ../shared/acord (when the folder exists) and print
what it read: reader, policies, warnings, and the full JSON with --json.

    python bench/reading_samples.py [--json] [FOLDER]

The files are read in place; nothing is copied. Exits 0 when the folder is missing (nothing to
do), 1 when a certificate fails to read or a blank form is not refused as blank.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from coitrack.reading import ReadingError, read_document  # noqa: E402

DEFAULT = next(
    (p for p in (ROOT.parent / "shared" / "acord", Path("/work/shared/acord")) if p.is_dir()),
    ROOT.parent / "shared" / "acord",
)


def describe(path: Path, show_json: bool) -> bool:
    """Print what the reader read; True when that is the expected outcome for the file.

    A blank form (its name says "blank") is expected to be refused as blank.
    """
    expect_blank = "blank" in path.name.lower()
    try:
        result = read_document(path)
    except ReadingError as error:
        ok = expect_blank and "blank" in str(error)
        print(f"{path.name}: {'refused as expected' if ok else 'ERROR'}: {error}")
        return ok
    if expect_blank:
        print(f"{path.name}: ERROR: a blank form was read as a certificate")
        return False
    data = result.data
    print(
        f"{path.name}: reader={result.reader} edition={data['edition']} "
        f"date={data['certificate_date']}"
    )
    print(f"  insured: {data['insured']['name']!r} / {data['insured']['address']!r}")
    print(f"  holder:  {data['certificate_holder']['name']!r}")
    for insurer in data["insurers"]:
        print(f"  insurer {insurer['letter']}: {insurer['name']!r} NAIC {insurer['naic']}")
    for policy in data["policies"]:
        print(
            f"  {policy['coverage']:22s} {policy['insurer_letter'] or '-'} "
            f"{policy['policy_number']!s:16s} {policy['effective_date']} -> "
            f"{policy['expiration_date']} addl={policy['additional_insured']} "
            f"subr={policy['subrogation_waived']} limits={policy['limits']}"
        )
    for warning in result.warnings:
        print(f"  warning: {warning}")
    if show_json:
        print(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    return True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--json", action="store_true", help="also print the full JSON")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder} not found; nothing to read")
        return 0
    files = sorted(args.folder.glob("*.pdf"))
    results = [describe(path, args.json) for path in files]
    print(f"\n{sum(results)} of {len(files)} files gave the expected outcome")
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
