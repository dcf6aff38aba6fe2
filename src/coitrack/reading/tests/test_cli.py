"""`coitrack extract`: certificates in, schema JSON out; no database, no Django."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from coitrack.reading.cli import main


@pytest.fixture
def files(certificate, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    written = {}
    for name, (seed, variant) in {"a.pdf": (1, "text"), "b.pdf": (2, "fillable")}.items():
        pdf, truth = certificate(seed, variant)
        (tmp_path / name).write_bytes(pdf)
        written[name] = truth
    (tmp_path / "notes.txt").write_text("not a certificate")
    return written


def _schema(obj: dict) -> dict:
    return {k: v for k, v in obj.items() if k not in ("evidence", "warnings", "source")}


def test_one_file_prints_its_object(files, capsys):
    assert main(["a.pdf"]) == 0
    output = json.loads(capsys.readouterr().out)
    assert _schema(output) == files["a.pdf"]
    assert "policies[0].policy_number" in output["evidence"]


def test_several_files_print_an_array_in_the_order_given(files, capsys):
    assert main(["--format", "json", "b.pdf", "a.pdf"]) == 0
    output = json.loads(capsys.readouterr().out)
    assert [_schema(o) for o in output] == [files["b.pdf"], files["a.pdf"]]


def test_json_reports_an_unreadable_file_on_stderr_and_fails(files, capsys):
    assert main(["a.pdf", "notes.txt"]) == 1
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 1
    assert "notes.txt: not a PDF file" in captured.err


def test_jsonl_prints_one_line_per_file_with_its_source_and_errors_inline(files, capsys):
    assert main(["--format", "jsonl", "a.pdf", "./notes.txt", "missing.pdf"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["source"] for line in lines] == ["a.pdf", "./notes.txt", "missing.pdf"]
    assert _schema(lines[0]) == files["a.pdf"]
    assert "error" not in lines[0]
    assert lines[1]["error"] == "notes.txt: not a PDF file"
    assert "no such file" in lines[2]["error"]


def test_a_bad_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--format", "xml", "a.pdf"])
    assert stop.value.code == 2
    assert "coitrack extract" in capsys.readouterr().err


def test_runs_as_a_module_without_django(files, tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "coitrack.reading.cli", "--format", "jsonl", "b.pdf"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
        env={k: v for k, v in __import__("os").environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )
    assert completed.returncode == 0, completed.stderr
    line = json.loads(completed.stdout)
    assert line["source"] == "b.pdf"
    assert _schema(line) == files["b.pdf"]
    assert "django" not in completed.stderr.lower()


def test_the_reader_never_imports_django():
    code = (
        "import sys, coitrack.reading, coitrack.reading.cli, coitrack.reading.pipeline, "
        "coitrack.reading.preload; print(sorted(m for m in sys.modules if m.startswith('django')))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert completed.stdout.strip() == "[]"
