"""``coitrack check``: in process through ``main`` and as ``python -m coitrack.rules.cli``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coitrack.rules.cli import main
from coitrack.rules.tests.builders import VENDOR, certificate, policy, requirement, template

CARRIERS_CSV = (
    "name,naic,am_best_rating,financial_size\n"
    "Zurich American Insurance Company,16535,A+,XV\n"
)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    def write(name: str, content: str) -> str:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        return str(path)

    return {
        "req": write("req.json", json.dumps(template(
            requirement(limits={"each_occurrence": 1_000_000}),
            insurer={"min_rating": "A-", "min_financial_size": "VII"},
            expiring_within_days=30))),
        "carriers": write("carriers.csv", CARRIERS_CSV),
        "current": write("current.json", json.dumps(certificate())),
        "old": write("old.json", json.dumps(certificate(policy(effective_date="2025-01-01",
                                                               expiration_date="2026-01-01")))),
        "write": write,
    }


def run(capsys, argv: list[str]) -> tuple[int, dict | None, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else None), err


def test_prints_the_evaluation_of_the_certificates(capsys, files) -> None:
    code, result, err = run(capsys, ["--requirements", files["req"], "--carriers",
                                     files["carriers"], "--as-of", "2026-06-01",
                                     "--vendor-name", VENDOR, files["old"], files["current"]])
    assert (code, err) == (0, "")
    assert result["status"] == "compliant"
    assert result["as_of"] == "2026-06-01"


def test_output_is_indented_json(capsys, files) -> None:
    main(["--requirements", files["req"], "--as-of", "2026-06-01"])
    out = capsys.readouterr().out
    assert out.startswith('{\n  "status": "missing",\n  "as_of": "2026-06-01",')


def test_without_certificates_the_status_is_missing(capsys, files) -> None:
    code, result, _ = run(capsys, ["--requirements", files["req"], "--as-of", "2026-06-01"])
    assert (code, result["status"]) == (0, "missing")


def test_without_carrier_table_insurers_are_not_rated(capsys, files) -> None:
    _, result, _ = run(capsys, ["--requirements", files["req"], "--as-of", "2026-06-01",
                                files["current"]])
    assert [d["code"] for d in result["deficiencies"]] == ["INSURER_NOT_RATED"]


def test_vendor_name_and_dba_are_checked(capsys, files) -> None:
    cert = files["write"]("dba.json", json.dumps(certificate(insured="Top Roofs")))
    argv = ["--requirements", files["req"], "--carriers", files["carriers"],
            "--as-of", "2026-06-01", "--vendor-name", VENDOR, cert]
    assert run(capsys, argv)[1]["status"] == "non_compliant"
    assert run(capsys, [*argv, "--vendor-dba", "Top Roofs Inc"])[1]["status"] == "compliant"


def test_as_of_defaults_to_today(capsys, files) -> None:
    import datetime as dt

    _, result, _ = run(capsys, ["--requirements", files["req"]])
    assert result["as_of"] == dt.date.today().isoformat()


@pytest.mark.parametrize(
    ("make_argv", "message"),
    [
        pytest.param(lambda f: ["--requirements", f["req"], "--as-of", "2026-02-30"],
                     "--as-of: '2026-02-30' is not a date", id="bad_date"),
        pytest.param(lambda f: ["--requirements", f["write"]("bad.json", "{nope")],
                     "is not valid JSON", id="requirements_not_json"),
        pytest.param(lambda f: ["--requirements", f["write"]("r.json", '{"name": "x"}')],
                     "coverages: required", id="invalid_requirements"),
        pytest.param(lambda f: ["--requirements", f["req"], "--carriers",
                                f["write"]("c.csv", "name,rating\nX,A\n")],
                     "lacks naic", id="bad_carrier_csv"),
        pytest.param(lambda f: ["--requirements", f["req"], "/nonexistent/cert.json"],
                     "cannot read /nonexistent/cert.json", id="missing_certificate"),
        pytest.param(lambda f: ["--requirements", f["req"],
                                f["write"]("c.json", json.dumps(certificate(
                                    policy(expiration_date="soon"))))],
                     "c.json: policies[0].expiration_date", id="certificate_with_a_bad_value"),
        pytest.param(lambda f: ["--requirements", f["req"], f["write"]("list.json", "[]")],
                     "expected a JSON object", id="certificate_not_an_object"),
    ],
)
def test_user_errors_print_one_line_and_exit_2(capsys, files, make_argv, message) -> None:
    code, result, err = run(capsys, make_argv(files))
    assert (code, result) == (2, None)
    assert err.startswith("coitrack check: error: ")
    assert message in err
    assert err.count("\n") == 1


def test_a_document_goes_to_the_reader(capsys, files, monkeypatch) -> None:
    import types

    pdf = files["write"]("cert.pdf", "%PDF-1.7 pretend")
    reader = types.ModuleType("coitrack.reading")
    reader.read_document = lambda path: certificate() if path == pdf else None
    monkeypatch.setitem(sys.modules, "coitrack.reading", reader)
    code, result, _ = run(capsys, ["--requirements", files["req"], "--carriers",
                                   files["carriers"], "--as-of", "2026-06-01", pdf])
    assert (code, result["status"]) == (0, "compliant")


def test_a_document_without_a_reader_is_a_clear_error(capsys, files, monkeypatch) -> None:
    pdf = files["write"]("cert.pdf", "%PDF-1.7 pretend")
    monkeypatch.setitem(sys.modules, "coitrack.reading", None)  # import fails
    code, _, err = run(capsys, ["--requirements", files["req"], pdf])
    assert code == 2
    assert "is not certificate JSON, and the certificate reader is not available" in err


def test_a_reader_failure_is_a_clear_error(capsys, files, monkeypatch) -> None:
    import types

    def fail(path):
        raise ValueError("not a certificate")

    reader = types.ModuleType("coitrack.reading")
    reader.read_document = fail
    monkeypatch.setitem(sys.modules, "coitrack.reading", reader)
    code, _, err = run(capsys, ["--requirements", files["req"],
                                files["write"]("scan.png", "\x89PNG")])
    assert code == 2
    assert "not a certificate" in err


def test_missing_requirements_option_is_a_usage_error(capsys) -> None:
    assert main([]) == 2
    assert "--requirements" in capsys.readouterr().err


def test_runs_as_a_module_in_a_subprocess(files) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "coitrack.rules.cli", "--requirements", files["req"],
         "--carriers", files["carriers"], "--as-of", "2026-06-20", files["current"]],
        capture_output=True, text=True, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["status"] == "compliant"


def test_subprocess_exit_status_2_on_bad_date(files) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "coitrack.rules.cli", "--requirements", files["req"],
         "--as-of", "yesterday"],
        capture_output=True, text=True, check=False,
    )
    assert (completed.returncode, completed.stdout) == (2, "")
    assert completed.stderr.strip() == ("coitrack check: error: --as-of: 'yesterday' is not a "
                                        "date (YYYY-MM-DD)")
