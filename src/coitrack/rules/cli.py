"""``coitrack check``: evaluate certificates against a requirement template, print the JSON.

    coitrack check --requirements REQ.json [--carriers CARRIERS.csv] [--as-of YYYY-MM-DD]
                   [--vendor-name NAME] [--vendor-dba NAME] CERT...

Each CERT is certificate JSON (certificate-schema.md) or a document (PDF, image) that
``coitrack.reading.read_document`` reads first. No CERT at all: status ``missing``. The
evaluation is printed to stdout (JSON, indent 2); exit status 0.

Errors a user can cause (a missing or malformed file, a bad template, a bad carrier table, a bad
date, a certificate the reader cannot read or a reader that is not installed) print one line
``coitrack check: error: ...`` on stderr and exit with status 2 (argparse's own usage errors also
exit 2).

Decisions: a CERT is JSON when its name ends in ``.json`` or its first non-blank byte is ``{``;
anything else goes to the reader. ``read_document(path)`` may return the certificate dict itself
or an object with ``to_dict()``, ``certificate`` or ``data`` holding it (the reader is being built
alongside; this keeps the two loosely coupled).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from coitrack.rules.carriers import CarrierTableError, load_carriers
from coitrack.rules.certificates import CertificateError
from coitrack.rules.evaluate import evaluate
from coitrack.rules.requirements import RequirementsError, parse_requirements

PROG = "coitrack check"


class CheckError(Exception):
    """A problem to report on one line, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Evaluate certificates of insurance against a requirement template and "
        "print the evaluation as JSON.",
    )
    parser.add_argument("--requirements", required=True, metavar="REQ.json",
                        help="requirement template (JSON)")
    parser.add_argument("--carriers", metavar="CARRIERS.csv",
                        help="carrier table: name,naic,am_best_rating,financial_size")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="day to evaluate on (default today)")
    parser.add_argument("--vendor-name", metavar="NAME",
                        help="the vendor's legal name (without it the insured is not checked)")
    parser.add_argument("--vendor-dba", metavar="NAME", help="the vendor's DBA name")
    parser.add_argument("certificates", nargs="*", metavar="CERT",
                        help="certificate JSON, or a PDF/image for the reader")
    return parser


def main(argv: list[str]) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:  # --help, or a usage error argparse already printed
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        evaluation = run(args)
    except CheckError as error:
        one_line = " ".join(str(error).splitlines())  # a reader's message may span lines
        print(f"{PROG}: error: {one_line}", file=sys.stderr)
        return 2
    sys.stdout.write(json.dumps(evaluation, indent=2) + "\n")
    return 0


def run(args: argparse.Namespace) -> dict[str, Any]:
    as_of = _as_of(args.as_of)
    try:
        requirements = parse_requirements(_load_json(args.requirements, "requirements"))
    except RequirementsError as error:
        raise CheckError(f"requirements {args.requirements}: {error}") from None
    carriers = None
    if args.carriers:
        try:
            carriers = load_carriers(args.carriers)
        except CarrierTableError as error:
            raise CheckError(f"{args.carriers}: {error}") from None
    certificates = [_certificate(path) for path in args.certificates]
    try:
        return evaluate(requirements, certificates, as_of=as_of, carriers=carriers,
                        vendor_name=args.vendor_name, vendor_dba=args.vendor_dba)
    except CertificateError as error:
        raise CheckError(f"{args.certificates[error.index]}: {error.problem}") from None


def _as_of(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CheckError(f"--as-of: {text!r} is not a date (YYYY-MM-DD)") from None


def _read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CheckError(f"cannot read {path}: {error.strerror}") from None


def _load_json(path: str, what: str) -> Any:
    raw = _read_bytes(path)
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CheckError(f"{what} {path} is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise CheckError(
            f"{what} {path} is not valid JSON: {error.msg} (line {error.lineno}, "
            f"column {error.colno})"
        ) from None


def _looks_like_json(path: str, raw: bytes) -> bool:
    return path.lower().endswith(".json") or raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _certificate(path: str) -> Any:
    raw = _read_bytes(path)
    if _looks_like_json(path, raw):
        data = _load_json(path, "certificate")
        if not isinstance(data, dict):
            raise CheckError(f"certificate {path}: expected a JSON object")
        return data
    try:
        from coitrack.reading import read_document
    except ImportError as error:
        raise CheckError(
            f"{path} is not certificate JSON, and the certificate reader is not available "
            f"({error})"
        ) from None
    try:
        result = read_document(path)
    except Exception as error:  # any failure of the reader is a file the user gave us
        raise CheckError(f"cannot read certificate {path}: {error}") from None
    return _as_certificate_dict(result, path)


def _as_certificate_dict(result: Any, path: str) -> dict:
    if isinstance(result, dict):
        return result
    if callable(getattr(result, "to_dict", None)):
        return _as_certificate_dict(result.to_dict(), path)
    for attribute in ("certificate", "data"):
        if isinstance(getattr(result, attribute, None), dict):
            return getattr(result, attribute)
    raise CheckError(f"the reader returned no certificate data for {path}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
