"""The ``coitrack`` command routes file-only commands around Django."""

import subprocess
import sys
from pathlib import Path

from coitrack.cli import standalone_module

COITRACK = str(Path(sys.executable).parent / "coitrack")


def test_extract_and_requirements_check_need_no_django():
    assert standalone_module(["extract", "a.pdf"]) == "coitrack.reading.cli"
    assert standalone_module(["check", "--requirements", "r.json"]) == "coitrack.rules.cli"
    assert standalone_module(["check", "--requirements=r.json"]) == "coitrack.rules.cli"


def test_plain_check_and_other_commands_are_djangos():
    assert standalone_module(["check"]) is None
    assert standalone_module(["check", "--deploy"]) is None
    assert standalone_module(["migrate"]) is None
    assert standalone_module([]) is None


def test_extract_runs_without_a_data_dir(tmp_path):
    bad = tmp_path / "not-a-certificate.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    result = subprocess.run(
        [COITRACK, "extract", "--format", "jsonl", str(bad)],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert '"error"' in result.stdout and str(bad) in result.stdout
    assert not (tmp_path / "coitrack-data").exists()


def test_requirements_check_with_no_certificate_reports_missing(tmp_path):
    requirements = tmp_path / "req.json"
    requirements.write_text('{"name": "Basic", "coverages": [{"coverage": "general_liability"}]}')
    result = subprocess.run(
        [COITRACK, "check", "--requirements", str(requirements), "--as-of", "2026-06-01"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert '"status": "missing"' in result.stdout
    assert not (tmp_path / "coitrack-data").exists()
