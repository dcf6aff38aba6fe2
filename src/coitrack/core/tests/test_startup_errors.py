"""A bad configuration stops ``coitrack`` at start with one clear line naming the variable."""

import pytest

from coitrack.core.tests.processes import clean_env, coitrack

BAD_VALUES = [
    ("DATABASE_URL", "mysql://x"),
    ("COITRACK_MAX_UPLOAD_MB", "abc"),
    ("COITRACK_QUEUE_URL", "ftp://x"),
    ("COITRACK_TIME_ZONE", "Mars/Base"),
    ("COITRACK_DEBUG", "maybe"),
    ("COITRACK_WORKERS", "0"),
    ("COITRACK_LOG_LEVEL", "loud"),
    ("COITRACK_PUBLIC_URL", "coi.example.org"),
    ("COITRACK_SMTP_URL", "mail.example.org"),
    ("COITRACK_STORAGE_URL", "ftp://files"),
    ("COITRACK_FROM_EMAIL", "nobody"),
    ("COITRACK_SECRET_KEY", "too-short"),
]


@pytest.mark.parametrize(("name", "value"), BAD_VALUES)
def test_bad_value_fails_at_start_with_the_variable_named(tmp_path, name, value):
    result = coitrack("check", env=clean_env(tmp_path, **{name: value}))
    assert result.returncode == 2, result.stderr
    assert name in result.stderr
    assert result.stderr.startswith("coitrack: configuration error:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_good_configuration_passes_the_check(tmp_path):
    result = coitrack("check", env=clean_env(
        tmp_path, COITRACK_TIME_ZONE="Europe/Paris", COITRACK_MAX_UPLOAD_MB="50",
        COITRACK_QUEUE_URL=f"sqlite:///{tmp_path}/q.sqlite3", COITRACK_DEBUG="off",
        COITRACK_PUBLIC_URL="https://coi.example.org", COITRACK_LOG_LEVEL="warning",
    ))
    assert result.returncode == 0, result.stderr


def _secret_key(data_dir) -> str:
    result = coitrack("shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)",
                      env=clean_env(data_dir))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_secret_key_is_reused_across_starts_and_differs_per_installation(tmp_path):
    first = _secret_key(tmp_path / "one")
    assert _secret_key(tmp_path / "one") == first
    assert (tmp_path / "one" / "secret_key").read_text() == first
    assert _secret_key(tmp_path / "two") != first
