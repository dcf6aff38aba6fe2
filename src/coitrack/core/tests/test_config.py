"""The configuration helpers: each refuses bad values with the variable's name."""

from pathlib import Path

import pytest

from coitrack import config
from coitrack.config import ConfigError


@pytest.mark.parametrize(("raw", "expected"), [
    ("", False), ("1", True), ("TRUE", True), ("yes", True), ("on", True),
    ("0", False), ("false", False), ("No", False), ("off", False),
])
def test_env_bool_reads_the_usual_spellings(raw, expected):
    assert config.env_bool({"X": raw}, "X", default=False) is expected


def test_env_bool_refuses_anything_else():
    with pytest.raises(ConfigError, match="X='maybe' is not a boolean"):
        config.env_bool({"X": "maybe"}, "X")


def test_env_int_reads_numbers_and_keeps_the_default_when_unset():
    assert config.env_int({"N": " 12 "}, "N", 3) == 12
    assert config.env_int({}, "N", 3) == 3


@pytest.mark.parametrize(("raw", "message"), [("abc", "not a whole number"),
                                              ("1.5", "not a whole number"),
                                              ("0", "must be at least 1")])
def test_env_int_refuses_bad_numbers(raw, message):
    with pytest.raises(ConfigError, match=f"N.*{message}"):
        config.env_int({"N": raw}, "N", 3, minimum=1)


def test_env_list_splits_on_commas_and_drops_blanks():
    assert config.env_list({"L": " a.example, ,b.example,"}, "L") == ["a.example", "b.example"]


def test_time_zone_accepts_iana_names_and_refuses_others():
    assert config.env_time_zone({"TZ": "America/Chicago"}, "TZ") == "America/Chicago"
    assert config.env_time_zone({}, "TZ") == "UTC"
    for bad in ("Mars/Base", "../../etc/passwd", "America/"):
        with pytest.raises(ConfigError, match="TZ="):
            config.env_time_zone({"TZ": bad}, "TZ")


def test_log_level_is_case_insensitive_and_checked():
    assert config.env_log_level({"L": "debug"}, "L") == "DEBUG"
    with pytest.raises(ConfigError, match="L='LOUD' must be one of"):
        config.env_log_level({"L": "loud"}, "L")


def test_from_email_accepts_a_display_name_and_refuses_non_addresses():
    assert config.env_email({"F": "Acme <coi@acme.test>"}, "F", "x@y.z") == "Acme <coi@acme.test>"
    assert config.env_email({}, "F", "x@y.z") == "x@y.z"
    with pytest.raises(ConfigError, match="F='nobody'"):
        config.env_email({"F": "nobody"}, "F", "x@y.z")


def test_smtp_url_is_parsed_with_escaped_credentials():
    smtp = config.parse_smtp_url("smtp://me%40acme.test:p%2Fss@mail.acme.test:587?starttls=true")
    assert (smtp.host, smtp.port, smtp.username, smtp.password) == (
        "mail.acme.test", 587, "me@acme.test", "p/ss")
    assert smtp.use_tls and not smtp.use_ssl
    implicit = config.parse_smtp_url("smtps://mail.acme.test")
    assert (implicit.port, implicit.use_ssl) == (465, True)


def test_bad_smtp_url_error_does_not_print_the_password():
    with pytest.raises(ConfigError) as error:
        config.parse_smtp_url("http://me:hunter2@mail.acme.test")
    assert "COITRACK_SMTP_URL" in str(error.value)
    assert "hunter2" not in str(error.value)


def test_storage_url_kinds(tmp_path):
    assert config.parse_storage_url("", default_dir=tmp_path).location == str(tmp_path)
    assert config.parse_storage_url("file:///srv/coi", default_dir=tmp_path).location == "/srv/coi"
    s3 = config.parse_storage_url("s3://bucket/some/prefix?endpoint=https://s3.test&region=eu",
                                  default_dir=tmp_path)
    assert (s3.kind, s3.bucket, s3.prefix, s3.endpoint_url, s3.region) == (
        "s3", "bucket", "some/prefix", "https://s3.test", "eu")
    with pytest.raises(ConfigError, match="COITRACK_STORAGE_URL"):
        config.parse_storage_url("ftp://x", default_dir=tmp_path)


def test_queue_url_kinds(tmp_path):
    default = config.parse_queue_url("", default_file=tmp_path / "q.sqlite3")
    assert (default.kind, default.location) == ("sqlite", str(tmp_path / "q.sqlite3"))
    assert config.parse_queue_url("redis://cache:6379/1", default_file=tmp_path).kind == "redis"
    assert config.parse_queue_url("sqlite:////var/q.db", default_file=tmp_path).location == (
        "/var/q.db")
    assert config.parse_queue_url("sqlite:///q.db", default_file=tmp_path).location == "q.db"
    assert config.parse_queue_url("immediate", default_file=tmp_path).kind == "immediate"
    with pytest.raises(ConfigError, match="COITRACK_QUEUE_URL='ftp://x'"):
        config.parse_queue_url("ftp://x", default_file=tmp_path)


def test_queue_url_error_hides_a_redis_password(tmp_path):
    with pytest.raises(ConfigError) as error:
        config.parse_queue_url("redis://:s3cret@", default_file=tmp_path)
    assert "s3cret" not in str(error.value)


@pytest.mark.parametrize("url", ["sqlite:////data/coi.sqlite3",
                                 "postgres://coi:pw@db.internal:5432/coitrack",
                                 "postgresql://db/coitrack"])
def test_database_url_accepts_sqlite_and_postgres(url):
    assert config.check_database_url(url) == url


@pytest.mark.parametrize("url", ["mysql://x", "sqlite://", "postgres://db.internal",
                                 "nonsense"])
def test_database_url_refuses_the_rest(url):
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        config.check_database_url(url)


def test_public_url_loses_its_trailing_slash_and_must_be_http():
    assert config.public_url({"COITRACK_PUBLIC_URL": "https://coi.acme.test/"}) == (
        "https://coi.acme.test")
    assert config.public_url({}) == "http://localhost:8000"
    for bad in ("coi.acme.test", "ftp://coi.acme.test", "https://coi.acme.test:99999"):
        with pytest.raises(ConfigError, match="COITRACK_PUBLIC_URL"):
            config.public_url({"COITRACK_PUBLIC_URL": bad})


def test_secret_key_is_generated_once_and_reused(tmp_path):
    first = config.load_secret_key({}, tmp_path)
    assert len(first) >= 32
    assert config.load_secret_key({}, tmp_path) == first
    assert (tmp_path / "secret_key").read_text() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_each_data_dir_gets_its_own_secret_key(tmp_path):
    assert config.load_secret_key({}, tmp_path / "a") != config.load_secret_key({}, tmp_path / "b")


def test_secret_key_from_the_environment_wins_and_writes_no_file(tmp_path):
    key = "k" * 40
    assert config.load_secret_key({"COITRACK_SECRET_KEY": key}, tmp_path) == key
    assert not (tmp_path / "secret_key").exists()
    with pytest.raises(ConfigError, match="at least 32"):
        config.load_secret_key({"COITRACK_SECRET_KEY": "short"}, tmp_path)


def test_a_truncated_key_file_is_replaced(tmp_path):
    (tmp_path / "secret_key").write_text("too-short")
    key = config.load_secret_key({}, tmp_path)
    assert len(key) >= 32 and (tmp_path / "secret_key").read_text() == key
    assert [p.name for p in Path(tmp_path).iterdir()] == ["secret_key"]  # no temporary left


def test_running_settings_use_the_key_of_their_data_dir(settings):
    assert (Path(settings.DATA_DIR) / "secret_key").read_text() == settings.SECRET_KEY
