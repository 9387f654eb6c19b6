"""Configuration: safe defaults, environment variables, and the checks production needs."""
import os
from datetime import timedelta
from urllib.parse import urlsplit

WEAK_SECRET_KEYS = {"", "dev", "change-me", "secret", "changeme"}


def _env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name):
    """A comma-separated variable as a list, or None when it is not set."""
    value = os.environ.get(name, "").strip()
    return [item.strip() for item in value.split(",") if item.strip()] or None


def _env_int(name, default):
    value = (os.environ.get(name) or "").strip()
    return int(value) if value else default


def _env_minutes(name, default):
    """A duration given in minutes in the environment."""
    value = os.environ.get(name)
    return timedelta(minutes=int(value) if value and value.strip().isdigit() else default)


def _database_url(instance_path):
    url = os.environ.get("DATABASE_URL")
    if not url:
        return "sqlite:///" + os.path.join(instance_path, "portal.db")
    # Operators often paste the libpq form; SQLAlchemy wants the driver named.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def from_environment(instance_path):
    """Return the settings read from the environment, with development defaults."""
    production = os.environ.get("PORTAL_ENV", "development") == "production"
    return {
        "ENV_NAME": "production" if production else "development",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "" if production else "dev-only-insecure-key"),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "UPLOAD_FOLDER": os.environ.get("UPLOAD_FOLDER", os.path.join(instance_path, "uploads")),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", 25 * 1024 * 1024)),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", 25)),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _env_bool("MAIL_USE_TLS"),
        "MAIL_USE_SSL": _env_bool("MAIL_USE_SSL"),
        "MAIL_SENDER": os.environ.get("MAIL_SENDER", "portal@localhost"),
        "MAIL_SEND_AFTER_REQUEST": _env_bool("MAIL_SEND_AFTER_REQUEST", True),
        # Sending right after a request: total budget in seconds, and how many at once.
        "MAIL_REQUEST_BUDGET": float(os.environ.get("MAIL_REQUEST_BUDGET", 3)),
        "MAIL_BACKGROUND_SENDERS": int(os.environ.get("MAIL_BACKGROUND_SENDERS", 2)),
        # The worker and cron: SMTP socket timeout, and the worker's pause between passes.
        "MAIL_TIMEOUT": float(os.environ.get("MAIL_TIMEOUT", 10)),
        "MAIL_WORKER_INTERVAL": float(os.environ.get("MAIL_WORKER_INTERVAL", 30)),
        # Failed mail is tried again after 1 minute, then ever longer pauses up to this cap...
        "MAIL_RETRY_MAX_MINUTES": float(os.environ.get("MAIL_RETRY_MAX_MINUTES", 240)),
        # ... and given up (shown as failed in the outbox) this long after it was queued.
        "MAIL_GIVE_UP_AFTER_HOURS": float(os.environ.get("MAIL_GIVE_UP_AFTER_HOURS", 72)),
        # A sender owns a mail it claimed this long; if it dies, another takes the mail after.
        "MAIL_CLAIM_SECONDS": int(os.environ.get("MAIL_CLAIM_SECONDS", 600)),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", "").strip(),
        "TRUSTED_HOSTS": _env_list("TRUSTED_HOSTS"),
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", 0)),
        # Personal data: how long it is kept (``flask --app portal privacy purge``), in days.
        "RETENTION_VOLUNTEER_HANDLED_DAYS": _env_int("RETENTION_VOLUNTEER_HANDLED_DAYS", 365),
        "RETENTION_VOLUNTEER_RECEIVED_DAYS": _env_int("RETENTION_VOLUNTEER_RECEIVED_DAYS", 730),
        "RETENTION_MAIL_BODY_DAYS": _env_int("RETENTION_MAIL_BODY_DAYS", 30),
        "RETENTION_TOKEN_DAYS": _env_int("RETENTION_TOKEN_DAYS", 30),
        "RETENTION_AUDIT_IP_DAYS": _env_int("RETENTION_AUDIT_IP_DAYS", 365),
        "PRIVACY_CONTACT_EMAIL": os.environ.get("PRIVACY_CONTACT_EMAIL", ""),
        # Spreadsheet imports of activities: rows and bytes per file, the unpacked size of an
        # XLSX (a ZIP bomb is refused before it is opened), and how long a preview is kept.
        "IMPORT_MAX_ROWS": int(os.environ.get("IMPORT_MAX_ROWS", 5000)),
        "IMPORT_MAX_BYTES": int(os.environ.get("IMPORT_MAX_BYTES", 10 * 1024 * 1024)),
        "IMPORT_MAX_UNPACKED": int(os.environ.get("IMPORT_MAX_UNPACKED", 100 * 1024 * 1024)),
        "IMPORT_PREVIEW_TTL": timedelta(minutes=int(os.environ.get("IMPORT_PREVIEW_MINUTES", 120))),
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SECURE": production,
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        # A secretariat account without a second factor must enrol before doing anything else.
        "REQUIRE_2FA_SECRETARIAT": _env_bool("REQUIRE_2FA_SECRETARIAT", production),
        "SESSION_IDLE_SECRETARIAT": _env_minutes("SESSION_IDLE_SECRETARIAT", 120),
        "SESSION_IDLE_MEMBER": _env_minutes("SESSION_IDLE_MEMBER", 12 * 60),
        "SESSION_LIFETIME_SECRETARIAT": _env_minutes("SESSION_LIFETIME_SECRETARIAT", 12 * 60),
        "SESSION_LIFETIME_MEMBER": _env_minutes("SESSION_LIFETIME_MEMBER", 24 * 60),
        "SESSION_LIFETIME_REMEMBER": _env_minutes("SESSION_LIFETIME_REMEMBER", 14 * 24 * 60),
        "RECENT_AUTH_MINUTES": _env_minutes("RECENT_AUTH_MINUTES", 15),
    }


DEFAULTS = {
    "SQLALCHEMY_TRACK_MODIFICATIONS": False,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    # The cookie of a "keep me logged in" session; the server-side record decides how long
    # a session really lasts (SESSION_IDLE_* and SESSION_LIFETIME_*).
    "PERMANENT_SESSION_LIFETIME": timedelta(days=14),
    "SESSION_TOUCH_INTERVAL": timedelta(minutes=5),
    "DEVICE_COOKIE_NAME": "portal_device",
    "TWO_FACTOR_PENDING": timedelta(minutes=5),
    "TWO_FACTOR_LIMITS": "10 per 5 minutes",
    "CONFIRM_LIMITS": "10 per 15 minutes",
    "BABEL_DEFAULT_LOCALE": "ar",
    "BABEL_DEFAULT_TIMEZONE": "UTC",
    "DISPLAY_TIMEZONE": "Europe/Istanbul",
    "LANGUAGES": ("ar", "en"),
    "WTF_CSRF_TIME_LIMIT": None,
    "RATELIMIT_HEADERS_ENABLED": False,
    "RATELIMIT_STRATEGY": "fixed-window",
    "LOGIN_LIMITS": "10 per minute;50 per hour",
    # Per account: after LOGIN_FREE_FAILURES wrong passwords, each attempt waits a delay that
    # doubles from LOGIN_DELAY_BASE up to LOGIN_DELAY_MAX; the right password is never refused
    # for longer than that.
    "LOGIN_FREE_FAILURES": 5,
    "LOGIN_DELAY_BASE": timedelta(seconds=5),
    "LOGIN_DELAY_MAX": timedelta(seconds=60),
    "VOLUNTEER_LIMITS": "5 per hour",
    "RESET_LIMITS": "5 per hour",
    # argon2id, RFC 9106 second recommended option (64 MiB, 3 passes, 4 lanes).
    "ARGON2_TIME_COST": 3,
    "ARGON2_MEMORY_COST": 65536,
    "ARGON2_PARALLELISM": 4,
    "INVITATION_TTL": timedelta(hours=72),
    "RESET_TTL": timedelta(hours=1),
    "PAGE_SIZE": 25,
}


class ConfigError(RuntimeError):
    """Raised when the portal must not start with the configuration it was given."""


def _valid_base_url(url):
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not parts.query


def trusted_hosts(config):
    """The host names requests may be addressed to, or None for any.

    ``TRUSTED_HOSTS`` when set; in production, by default, the host of ``PUBLIC_BASE_URL``.
    """
    if config.get("TRUSTED_HOSTS"):
        return list(config["TRUSTED_HOSTS"])
    if config.get("ENV_NAME") == "production" and _valid_base_url(config.get("PUBLIC_BASE_URL")):
        return [urlsplit(config["PUBLIC_BASE_URL"]).hostname]
    return None


def check_production(config):
    """Refuse to run in production with a missing or weak secret key or no public address;
    refuse a malformed public address anywhere."""
    base = config.get("PUBLIC_BASE_URL")
    if base and not _valid_base_url(base):
        raise ConfigError(f"PUBLIC_BASE_URL must be an http(s) address such as "
                          f"https://portal.example.org, not {base!r}.")
    if config.get("ENV_NAME") != "production":
        return
    if not base:
        raise ConfigError("PUBLIC_BASE_URL must be set in production (e.g. https://portal.example.org): "
                          "links in mail use it, never the address a request claims.")
    key = config.get("SECRET_KEY") or ""
    if key.lower() in WEAK_SECRET_KEYS or len(key) < 32:
        raise ConfigError(
            "SECRET_KEY must be set to a random value of at least 32 characters in production "
            "(python -c 'import secrets; print(secrets.token_urlsafe(48))')."
        )
