"""Configuration read from environment variables, with no Django import.

Every setting a deployer can change is read here by a small typed helper that refuses bad values
with a message naming the variable, so a typo fails at start instead of at the first request.
The README's configuration table documents the same variables; keep the two in step.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(Exception):
    """A configuration value is missing or malformed; the message says which and why."""


def env_str(env: Mapping[str, str], name: str, default: str = "") -> str:
    """The stripped value of ``name``; ``default`` when unset or blank."""
    return env.get(name, "").strip() or default


def env_bool(env: Mapping[str, str], name: str, default: bool = False) -> bool:
    """``true/false``, ``yes/no``, ``on/off`` or ``1/0`` (any case); anything else is an error."""
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean (use true or false)")


def env_int(env: Mapping[str, str], name: str, default: int, *, minimum: int = 0) -> int:
    """A whole number of at least ``minimum``."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise ConfigError(f"{name}={value} must be at least {minimum}")
    return value


def env_list(env: Mapping[str, str], name: str) -> list[str]:
    """A comma-separated list; blank items are dropped."""
    return [item.strip() for item in env.get(name, "").split(",") if item.strip()]


def env_time_zone(env: Mapping[str, str], name: str, default: str = "UTC") -> str:
    """An IANA time zone name such as ``America/Chicago``."""
    value = env_str(env, name, default)
    if not is_time_zone(value):
        raise ConfigError(f"{name}={value!r} is not a known time zone (e.g. America/New_York)")
    return value


def is_time_zone(value: str) -> bool:
    """True when ``value`` names a time zone of the IANA database."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def env_log_level(env: Mapping[str, str], name: str, default: str = "INFO") -> str:
    """One of DEBUG, INFO, WARNING, ERROR, CRITICAL (any case)."""
    value = env_str(env, name, default).upper()
    if value not in LOG_LEVELS:
        raise ConfigError(f"{name}={value!r} must be one of {', '.join(LOG_LEVELS)}")
    return value


def env_email(env: Mapping[str, str], name: str, default: str) -> str:
    """A sender address, bare (``a@b.org``) or with a display name (``Name <a@b.org>``)."""
    value = env_str(env, name, default)
    _, address = parseaddr(value)
    local, _, domain = address.rpartition("@")
    if not local or not domain or " " in address:
        raise ConfigError(f"{name}={value!r} is not an e-mail address (e.g. Name <a@example.com>)")
    return value


# The reply address of an outreach e-mail is ``<local>+<32-character token>@<domain>``; a mailbox
# name (local part) may have at most 64 characters.
INBOUND_LOCAL_MAX = 64 - 33


def env_inbound_address(env: Mapping[str, str], name: str = "COITRACK_INBOUND_ADDRESS") -> str:
    """A bare mailbox (``certificates@coi.example.org``) that receives replies, or ``""``.

    Replies reach it plus-addressed (``certificates+<token>@...``), so the local part must not
    contain ``+`` itself and must leave room for the token.
    """
    value = env_str(env, name).lower()
    if not value:
        return ""
    local, _, domain = value.rpartition("@")
    if not local or "." not in domain or any(c in value for c in " <>,;\"\'()[]"):
        raise ConfigError(f"{name}={value!r} must be a bare address such as "
                          "certificates@coi.example.org")
    if "+" in local:
        raise ConfigError(f"{name}={value!r} must not contain '+': replies use '+<token>'")
    if len(local) > INBOUND_LOCAL_MAX:
        raise ConfigError(f"{name}={value!r}: the part before @ may have at most "
                          f"{INBOUND_LOCAL_MAX} characters (the reply token needs the rest)")
    return value


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    username: str
    password: str
    use_tls: bool  # STARTTLS after connecting
    use_ssl: bool  # implicit TLS (smtps://)


def parse_smtp_url(url: str, *, name: str = "COITRACK_SMTP_URL") -> SmtpConfig:
    """Parse ``smtp://user:pass@host:port`` (``?starttls=true`` for STARTTLS) or ``smtps://...``."""
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        # The URL may hold a password: name the variable, not the value.
        raise ConfigError(f"{name} must look like smtp://user:password@host:port")
    query = parse_qs(parts.query)
    starttls = query.get("starttls", ["false"])[0].lower() in {"1", "true", "yes", "on"}
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 25)
    except ValueError:
        raise ConfigError(f"{name} has an invalid port") from None
    return SmtpConfig(
        host=parts.hostname,
        port=port,
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        use_tls=starttls,
        use_ssl=parts.scheme == "smtps",
    )


@dataclass(frozen=True)
class StorageConfig:
    kind: str  # "file" or "s3"
    location: str = ""  # directory for "file"
    bucket: str = ""
    endpoint_url: str = ""
    region: str = ""
    prefix: str = ""


def parse_storage_url(url: str, *, default_dir: Path) -> StorageConfig:
    """``file:///abs/dir`` (default: ``<data dir>/files``) or ``s3://bucket/prefix?endpoint=URL``.

    ``&region=R`` may follow the endpoint.

    S3 credentials come from the usual ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` variables.
    """
    if not url:
        return StorageConfig(kind="file", location=str(default_dir))
    parts = urlsplit(url)
    if parts.scheme == "file":
        if not parts.path:
            raise ConfigError(f"COITRACK_STORAGE_URL={url!r} needs a directory path")
        return StorageConfig(kind="file", location=unquote(parts.path))
    if parts.scheme == "s3":
        if not parts.netloc:
            raise ConfigError(f"COITRACK_STORAGE_URL={url!r} needs a bucket: s3://bucket/prefix")
        query = parse_qs(parts.query)
        return StorageConfig(
            kind="s3",
            bucket=parts.netloc,
            prefix=parts.path.strip("/"),
            endpoint_url=query.get("endpoint", [""])[0],
            region=query.get("region", [""])[0],
        )
    raise ConfigError(f"COITRACK_STORAGE_URL={url!r} must start with file:// or s3://")


@dataclass(frozen=True)
class QueueConfig:
    kind: str  # "sqlite", "redis" or "immediate"
    location: str  # file path for sqlite, URL for redis


def parse_queue_url(url: str, *, default_file: Path) -> QueueConfig:
    """``sqlite:////abs/path`` (default: ``<data dir>/queue.sqlite3``), ``redis://...`` or
    ``immediate``.

    SQLite paths follow ``DATABASE_URL``'s convention: four slashes for an absolute path, three
    for one relative to the working directory. ``immediate`` runs each task inside the request
    that enqueues it: for tests and debugging only.
    """
    if not url:
        return QueueConfig(kind="sqlite", location=str(default_file))
    if url == "immediate":
        return QueueConfig(kind="immediate", location="")
    parts = urlsplit(url)
    if parts.scheme in {"redis", "rediss"} and parts.hostname:
        return QueueConfig(kind="redis", location=url)
    if parts.scheme == "sqlite" and parts.path.strip("/"):
        return QueueConfig(kind="sqlite", location=unquote(parts.path[1:]))
    raise ConfigError(
        f"COITRACK_QUEUE_URL={_without_password(url)!r} must be redis://host:port/db, "
        "sqlite:////absolute/path or immediate"
    )


DATABASE_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql"}


def check_database_url(url: str) -> str:
    """Accept ``sqlite:///path`` or ``postgres://user:password@host:port/name``."""
    parts = urlsplit(url)
    if parts.scheme not in DATABASE_SCHEMES:
        raise ConfigError(
            f"DATABASE_URL={_without_password(url)!r} is not supported: "
            "use sqlite:///path or postgres://user@host/db"
        )
    if parts.scheme == "sqlite" and parts.path in {"", "/"}:
        raise ConfigError("DATABASE_URL needs a file path: sqlite:////absolute/path.sqlite3")
    if parts.scheme != "sqlite" and not (parts.hostname and parts.path.strip("/")):
        raise ConfigError("DATABASE_URL needs a host and a database name: postgres://host/db")
    return url


def _without_password(url: str) -> str:
    """``url`` with any password replaced by ``***``, safe to print in an error message."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


def load_secret_key(env: Mapping[str, str], data_dir: Path) -> str:
    """Return ``COITRACK_SECRET_KEY``, else a key generated once and kept in the data dir.

    The file is created with mode 0600 and reused at every start, so sessions and signed links
    survive restarts without a secret ever being written in the code.
    """
    key = env_str(env, "COITRACK_SECRET_KEY")
    if key:
        if len(key) < 32:
            raise ConfigError("COITRACK_SECRET_KEY must be at least 32 characters long")
        return key
    path = data_dir / "secret_key"
    key = _read_key(path)
    if key:
        return key
    data_dir.mkdir(parents=True, exist_ok=True)
    # Write a complete file under a temporary name, then link it into place: linking fails if
    # another process (the worker starting beside the web server) got there first, and then its
    # key wins, so two processes never end up with different keys.
    temporary = data_dir / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_urlsafe(50))
    try:
        if path.exists():  # present but too short to be a key: replace it
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        temporary.unlink(missing_ok=True)
    key = _read_key(path)
    if not key:
        raise ConfigError(f"could not create a secret key in {path}; set COITRACK_SECRET_KEY")
    return key


def _read_key(path: Path) -> str:
    try:
        key = path.read_text().strip()
    except FileNotFoundError:
        return ""
    return key if len(key) >= 32 else ""


def public_url(env: Mapping[str, str]) -> str:
    """``COITRACK_PUBLIC_URL`` without a trailing slash: the origin people open in a browser."""
    url = env_str(env, "COITRACK_PUBLIC_URL", "http://localhost:8000").rstrip("/")
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise ConfigError(f"COITRACK_PUBLIC_URL={url!r} has an invalid port") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(f"COITRACK_PUBLIC_URL={url!r} must be an http(s) URL")
    return url
