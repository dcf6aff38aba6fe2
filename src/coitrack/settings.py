"""Django settings, built from environment variables by :mod:`coitrack.config`.

Nothing here is secret or machine-specific: with no variables set, every piece of data lives under
``./coitrack-data/`` (or ``COITRACK_DATA_DIR``). See the README's configuration table.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from coitrack import config

ENV = os.environ
BASE_DIR = Path(__file__).resolve().parent
TESTING = "pytest" in sys.modules or ENV.get("COITRACK_TESTING") == "1"

if TESTING and not ENV.get("COITRACK_DATA_DIR"):
    # Tests never touch a real data dir: each run gets a fresh temporary one.
    import tempfile

    ENV = {**ENV, "COITRACK_DATA_DIR": tempfile.mkdtemp(prefix="coitrack-test-")}
    ENV.setdefault("COITRACK_QUEUE_URL", "immediate")
DATA_DIR = Path(config.env_str(ENV, "COITRACK_DATA_DIR", "coitrack-data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = config.load_secret_key(ENV, DATA_DIR)
DEBUG = config.env_bool(ENV, "COITRACK_DEBUG", False)
PUBLIC_URL = config.public_url(ENV)
_public_host = urlsplit(PUBLIC_URL).hostname or "localhost"
ALLOWED_HOSTS = config.env_list(ENV, "COITRACK_ALLOWED_HOSTS") or [
    "localhost",
    "127.0.0.1",
    "[::1]",
    _public_host,
]
CSRF_TRUSTED_ORIGINS = [PUBLIC_URL]
if PUBLIC_URL.startswith("https://"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "huey.contrib.djhuey",
    "coitrack.core",
    "coitrack.audit",
    "coitrack.accounts",
    "coitrack.vendors",
    "coitrack.certificates",
    "coitrack.compliance",
    "coitrack.requirements",
    "coitrack.notifications",
    "coitrack.review",
    "coitrack.outreach",
    "coitrack.dashboard",
    "ninja",  # the API's docs page renders from ninja's own templates and static files
    "coitrack.api",
    "coitrack.imports",
    "coitrack.exports",
    "coitrack.bulk",
    "coitrack.webhooks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "coitrack.accounts.middleware.ActiveOrganizationMiddleware",
]

ROOT_URLCONF = "coitrack.urls"
WSGI_APPLICATION = "coitrack.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coitrack.accounts.context_processors.organization",
                "coitrack.notifications.context_processors.notifications",
            ],
        },
    },
]

# Database: SQLite in the data dir unless DATABASE_URL says otherwise.
DATABASE_URL = config.check_database_url(
    config.env_str(ENV, "DATABASE_URL", f"sqlite:///{DATA_DIR / 'coitrack.sqlite3'}")
)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets the web server and the worker read while the other writes; IMMEDIATE transactions
    # take the write lock up front so concurrent writers wait (busy timeout) instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTHENTICATION_BACKENDS = ["coitrack.accounts.backends.UsernameOrEmailBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
# The default for new organizations and for pages without one; each organization picks its own.
TIME_ZONE = config.env_time_zone(ENV, "COITRACK_TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing root
WHITENOISE_USE_FINDERS = True  # serve straight from the apps: `coitrack run` needs no collectstatic

# Files: the data dir's files/ unless COITRACK_STORAGE_URL points elsewhere (S3-compatible).
STORAGE = config.parse_storage_url(
    config.env_str(ENV, "COITRACK_STORAGE_URL"), default_dir=DATA_DIR / "files"
)
if STORAGE.kind == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE.bucket,
            "location": STORAGE.prefix,
            "endpoint_url": STORAGE.endpoint_url or None,
            "region_name": STORAGE.region or None,
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": STORAGE.location},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAX_UPLOAD_BYTES = config.env_int(ENV, "COITRACK_MAX_UPLOAD_MB", 20, minimum=1) * 1024 * 1024
# Let Django stream big uploads to disk and leave the size check to the upload service.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: a real SMTP server when COITRACK_SMTP_URL is set, else files in the data dir's mail/.
DEFAULT_FROM_EMAIL = config.env_email(ENV, "COITRACK_FROM_EMAIL", "coitrack <coitrack@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_smtp_url = config.env_str(ENV, "COITRACK_SMTP_URL")
if _smtp_url:
    _smtp = config.parse_smtp_url(_smtp_url)
    MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": _smtp.host, "port": _smtp.port, "username": _smtp.username,
                    "password": _smtp.password, "use_tls": _smtp.use_tls,
                    "use_ssl": _smtp.use_ssl, "timeout": 30},
    }}
else:
    MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(DATA_DIR / "mail")},
    }}

# Replies by e-mail: outreach e-mails get Reply-To <local>+<token>@<domain> of this address, and
# `coitrack inbound_smtp` receives them (empty: no reply address, no inbound mail).
INBOUND_ADDRESS = config.env_inbound_address(ENV)
# Webhooks may go to private, loopback and link-local addresses (coitrack/webhooks/addresses.py).
WEBHOOKS_ALLOW_PRIVATE = config.env_bool(ENV, "COITRACK_WEBHOOKS_ALLOW_PRIVATE", False)

# Background work: app code uses django.tasks; Huey runs it (SQLite file by default, Redis to
# scale out).
QUEUE = config.parse_queue_url(
    config.env_str(ENV, "COITRACK_QUEUE_URL"), default_file=DATA_DIR / "queue.sqlite3"
)
# Several installations may share one Redis server: each uses its own queue name.
QUEUE_NAME = config.env_str(ENV, "COITRACK_QUEUE_NAME") or "coitrack"
if QUEUE.kind == "redis":
    HUEY = {"huey_class": "huey.RedisHuey", "name": QUEUE_NAME, "url": QUEUE.location,
            "immediate": False}
elif QUEUE.kind == "immediate":
    HUEY = {"huey_class": "huey.MemoryHuey", "name": "coitrack", "immediate": True}
else:
    HUEY = {"huey_class": "huey.SqliteHuey", "name": "coitrack", "filename": QUEUE.location,
            "immediate": False}
HUEY["consumer"] = {
    "workers": config.env_int(ENV, "COITRACK_WORKERS", 2, minimum=1),
    "worker_type": "thread",
    # An idle SQLite queue is polled at most every 2 s, so new work starts promptly.
    "max_delay": 2.0,
    "check_worker_health": True,
}
TASKS = {"default": {"BACKEND": "coitrack.core.task_backend.HueyTaskBackend"}}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 14 * 24 * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": config.env_log_level(ENV, "COITRACK_LOG_LEVEL")},
    "loggers": {"huey": {"level": "WARNING"}},
}
