"""Configuration classes. Every setting can be overridden from the environment.

``PVD_<NAME>`` overrides ``<NAME>`` (values are parsed as JSON when they can be,
so ``PVD_HTTPS=1`` gives ``1`` and ``PVD_MAIL_PORT=587`` gives ``587``);
``DATABASE_URL`` overrides the database.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def instance_path_from_env() -> Path:
    """Return the absolute instance folder: ``PVD_INSTANCE_PATH`` or ``./instance``."""
    return Path(os.environ.get("PVD_INSTANCE_PATH") or PROJECT_ROOT / "instance").resolve()


def normalise_database_url(url: str) -> str:
    """Make ``postgres://`` and ``postgresql://`` URLs use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load_or_create_secret_key(instance_path: Path) -> str:
    """Read the instance's secret key, generating it (mode 600) on first use."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        # O_EXCL: when two workers start together, only one writes the key.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(48))
    return key_file.read_text().strip()


class Config:
    """Production defaults."""

    DEBUG = False
    TESTING = False
    SECRET_KEY: str | None = None  # PVD_SECRET_KEY, else generated into the instance folder
    SQLALCHEMY_DATABASE_URI: str | None = None  # DATABASE_URL, else SQLite in the instance folder
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SQLALCHEMY_TRACK_MODIFICATIONS = False

    PORT = 5000
    HTTPS = False  # PVD_HTTPS=1 behind TLS: Secure cookies, HSTS and redirects to https
    DEMO = True  # PVD_DEMO=0 makes `make run` skip the demo seed

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 30 * 24 * 3600  # "se souvenir de moi": 30 days, in seconds
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024  # largest upload (10 MB attachment) plus form fields

    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    BABEL_DEFAULT_LOCALE = "fr"
    BABEL_DEFAULT_TIMEZONE = "Europe/Paris"
    LANGUAGES = ("fr", "en")

    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # Per client IP, on form submissions (Flask-Limiter syntax).
    RATELIMIT_SIGN_IN = "10 per minute; 50 per hour"
    RATELIMIT_REGISTER = "10 per hour"
    RATELIMIT_PASSWORD_RESET = "10 per hour"  # noqa: S105 - forgotten password, new confirmation link

    REQUIRE_APPROVAL = False  # PVD_REQUIRE_APPROVAL=1: a moderator validates each new account
    # Distinct unresolved reports after which a write-up or comment is hidden until reviewed.
    REPORTS_BEFORE_HIDING = 3

    MAIL_SERVER: str | None = None  # unset: messages are written to <instance>/mail/
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_DEFAULT_SENDER = "Réseau PVD <ne-pas-repondre@reseau-pvd.anct.gouv.fr>"

    AUTOCOMPLETE_MAX_QUERY = 100
    GEO_DATA_DIR: str | None = None  # default: node_modules/@etalab/decoupage-administratif/data


class DevelopmentConfig(Config):
    """`make run` on a workstation."""


class TestingConfig(Config):
    """pytest: the instance folder and database come from the test fixtures."""

    TESTING = True
    RATELIMIT_ENABLED = False
    MAIL_SUPPRESS_SEND = False


CONFIGS = {
    "production": Config,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
}
