"""Configuration classes; `HELTIDNETT_ENV` picks one, the environment fills it in."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"


def _env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _database_url(url: str | None) -> str:
    """Normalise a database URL: PostgreSQL goes through psycopg 3."""
    if not url:
        return f"sqlite:///{INSTANCE_DIR / 'heltidnett.db'}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


@dataclass(frozen=True)
class OidcProvider:
    """One OpenID Connect provider (Ansattporten, an Entra ID tenant): read from the
    environment by `oidc_providers`; heltidnett/auth/oidc.py logs in with it."""

    name: str  # in the URLs: /login/oidc/<name>/callback
    label: str  # on the button: "Logg inn med <label>"
    issuer: str  # discovery: <issuer>/.well-known/openid-configuration
    client_id: str
    client_secret: str
    scopes: str = "openid profile email"
    acr_values: tuple[str, ...] = ()  # asked for at the provider
    accepted_acr: tuple[str, ...] = ()  # the ID token's acr must be one of these (when any)


_PROVIDER_NAME = re.compile(r"^[a-z][a-z0-9-]{0,31}$")


def _words(value: str | None) -> tuple[str, ...]:
    """A list from the environment, by commas or spaces."""
    return tuple(word for word in re.split(r"[,\s]+", value or "") if word)


def oidc_providers(environ: Mapping[str, str]) -> tuple[OidcProvider, ...]:
    """The providers named in OIDC_PROVIDERS, each from OIDC_<NAME>_ISSUER, _CLIENT_ID,
    _CLIENT_SECRET, and optionally _SCOPES, _ACR_VALUES, _ACCEPTED_ACR and _LABEL.

    A provider named but missing its issuer, client id or secret stops the start with the
    names of the missing variables (a login button that cannot work is worse than none).
    """
    providers = []
    for name in _words(environ.get("OIDC_PROVIDERS", "").lower()):
        if not _PROVIDER_NAME.match(name):
            raise RuntimeError(f"OIDC_PROVIDERS: {name!r} is not a name of a-z, 0-9 and -.")
        prefix = "OIDC_" + name.upper().replace("-", "_") + "_"
        missing = [
            prefix + key
            for key in ("ISSUER", "CLIENT_ID", "CLIENT_SECRET")
            if not environ.get(prefix + key, "").strip()
        ]
        if missing:
            raise RuntimeError(f"OIDC provider {name!r} needs {', '.join(missing)}.")
        acr_values = _words(environ.get(prefix + "ACR_VALUES"))
        providers.append(
            OidcProvider(
                name=name,
                label=environ.get(prefix + "LABEL", "").strip() or name.capitalize(),
                issuer=environ[prefix + "ISSUER"].strip().rstrip("/"),
                client_id=environ[prefix + "CLIENT_ID"].strip(),
                client_secret=environ[prefix + "CLIENT_SECRET"].strip(),
                scopes=" ".join(_words(environ.get(prefix + "SCOPES"))) or "openid profile email",
                acr_values=acr_values,
                accepted_acr=_words(environ.get(prefix + "ACCEPTED_ACR")) or acr_values,
            )
        )
    if len({p.name for p in providers}) != len(providers):
        raise RuntimeError("OIDC_PROVIDERS names a provider twice.")
    return tuple(providers)


def oidc_required_domains(environ: Mapping[str, str]) -> frozenset[str]:
    """E-mail domains whose people must log in with a provider (OIDC_REQUIRED_DOMAINS)."""
    return frozenset(d.lower().lstrip("@") for d in _words(environ.get("OIDC_REQUIRED_DOMAINS")))


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = _database_url(os.environ.get("DATABASE_URL"))
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    REDIS_URL = os.environ.get("REDIS_URL")

    # Sessions: HttpOnly, SameSite=Lax, Secure where served over HTTPS.
    SESSION_COOKIE_NAME = "heltidnett_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)
    SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("SESSION_IDLE_MINUTES", "60")))
    SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=int(os.environ.get("SESSION_ABSOLUTE_HOURS", "12")))
    PERMANENT_SESSION_LIFETIME = SESSION_ABSOLUTE_TIMEOUT

    # Each uploaded file is kept up to this size (the largest any form takes; each form field
    # has its own, smaller limit); a larger one is a form error with what was typed kept
    # (heltidnett/core/uploads.py). Only a request above MAX_CONTENT_LENGTH is a 413.
    UPLOAD_FILE_CAP = int(os.environ.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_REQUEST_MB", "100")) * 1024 * 1024

    # Uploaded spreadsheets are measured before they are read, and read in a child process
    # with these limits (heltidnett/files/sheets.py): the used range (rows x columns), the
    # inflated size, and the child's memory (address space), CPU and wall-clock time.
    STAFFING_IMPORT_MAX_ROWS = 1_100_000  # a million-row import must work (benchmarks/)
    STAFFING_IMPORT_MAX_COLUMNS = 200
    PARTICIPANT_IMPORT_MAX_ROWS = 10_000
    PARTICIPANT_IMPORT_MAX_COLUMNS = 50
    SPREADSHEET_MAX_CELLS = 40_000_000
    SPREADSHEET_MAX_UNZIPPED_MB = 400
    SPREADSHEET_MEMORY_MB = int(os.environ.get("SPREADSHEET_MEMORY_MB", "6144"))
    SPREADSHEET_CPU_SECONDS = int(os.environ.get("SPREADSHEET_CPU_SECONDS", "180"))
    SPREADSHEET_WALL_SECONDS = int(os.environ.get("SPREADSHEET_WALL_SECONDS", "240"))

    # CSRF is checked centrally (heltidnett.security), skipping bearer-token requests.
    WTF_CSRF_CHECK_DEFAULT = False
    WTF_CSRF_TIME_LIMIT = None

    # Login throttling (heltidnett.auth.throttle): failures per account and per client address
    # from untrusted clients, and per trusted device (a browser that has logged in before).
    LOGIN_LIMIT_PER_ACCOUNT = os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "5 per 15 minutes")
    LOGIN_LIMIT_PER_ADDRESS = os.environ.get("LOGIN_LIMIT_PER_ADDRESS", "20 per 15 minutes")
    LOGIN_LIMIT_PER_DEVICE = os.environ.get("LOGIN_LIMIT_PER_DEVICE", "5 per 15 minutes")
    # Wrong poll codes from one address (a whole room may share one): guessing stays hopeless.
    POLL_CODE_LIMIT_PER_ADDRESS = os.environ.get("POLL_CODE_LIMIT_PER_ADDRESS", "60 per 10 minutes")
    DEVICE_COOKIE_DAYS = int(os.environ.get("DEVICE_COOKIE_DAYS", "180"))
    PASSWORD_LINK_HOURS = 48

    # Languages: Bokmål by default, Nynorsk and English beside it.
    LANGUAGES = ("nb", "nn", "en")
    BABEL_DEFAULT_LOCALE = "nb"
    BABEL_DEFAULT_TIMEZONE = "Europe/Oslo"

    # Mail: invitations are also sent by e-mail when MAIL_SERVER is set.
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", True)
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "heltidnett@localhost")

    # The JSON API and its generated OpenAPI document (flask-smorest).
    API_TITLE = "heltidnett"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"

    # Login with the work account (OpenID Connect: Ansattporten, Entra ID); see README.md.
    OIDC_PROVIDERS: tuple[OidcProvider, ...] = oidc_providers(os.environ)
    OIDC_REQUIRED_DOMAINS: frozenset[str] = oidc_required_domains(os.environ)
    OIDC_TIMEOUT_SECONDS = 10

    # Where a public base URL is needed (links in e-mails); else the request's host.
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL")


# Public (it is in this file): never accepted in production.
DEV_SECRET_KEY = "dev-only-not-secret"  # noqa: S105


class DevelopmentConfig(Config):
    """Local development: embedded SQLite, a fixed dev secret, demo data."""

    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    DEBUG = False


class TestConfig(Config):
    """The test suite: its own database, fast hashing, no throttling surprises."""

    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret-key"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = _database_url(
        os.environ.get("HELTIDNETT_TEST_DB", "sqlite:///" + str(INSTANCE_DIR / "test.db"))
    )
    ARGON2_FAST = True
    REDIS_URL = None
    OIDC_PROVIDERS: tuple[OidcProvider, ...] = ()
    OIDC_REQUIRED_DOMAINS: frozenset[str] = frozenset()
    SPREADSHEET_MEMORY_MB = 2048  # a hostile file that passed the guard stays small in tests


class ProductionConfig(Config):
    """Production: PostgreSQL through DATABASE_URL, secure cookies, a required secret."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)
    PREFERRED_URL_SCHEME = "https"


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "test": TestConfig,
}


def config_from_env(default: str = "development") -> type[Config]:
    """The config class named by HELTIDNETT_ENV (`default` when unset: see wsgi.py)."""
    name = (os.environ.get("HELTIDNETT_ENV") or default).strip().lower()
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(
            f"HELTIDNETT_ENV must be one of {sorted(CONFIGS)}, not {name!r}"
        ) from None
