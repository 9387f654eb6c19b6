"""Security plumbing: response headers, safe redirects, password hashing and policy, tokens."""
import hashlib
import secrets
from urllib.parse import urlsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, request, url_for
from flask_login import current_user
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128
# zxcvbn refuses longer input; a password is judged on its first 72 characters (a passphrase
# that long is not weak because of what follows).
STRENGTH_CHECKED_LENGTH = 72
_COMMON = frozenset(FREQUENCY_LISTS["passwords"])

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'"
)


def init_app(app):
    @app.after_request
    def _security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if app.config.get("ENV_NAME") == "production":
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if request.endpoint != "static" and current_user.is_authenticated:
            # A page made for one person stays out of every cache, the browser's included
            # (the back button after logout on a shared computer shows nothing).
            response.headers["Cache-Control"] = "no-store"
        return response


def safe_next(target, default_endpoint="account.dashboard"):
    """A local path to go to after login; anything leading off-site becomes the default."""
    default = url_for(default_endpoint)
    if not target or not isinstance(target, str):
        return default
    target = target.strip()
    if "\\" in target or any(ord(c) < 32 for c in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


# --- passwords -----------------------------------------------------------------------------

def _hasher():
    cfg = current_app.config
    return PasswordHasher(
        time_cost=cfg["ARGON2_TIME_COST"],
        memory_cost=cfg["ARGON2_MEMORY_COST"],
        parallelism=cfg["ARGON2_PARALLELISM"],
    )


def hash_password(password):
    """argon2id with the configured cost."""
    return _hasher().hash(password)


def check_password(password_hash, password):
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash):
    """Whether a stored hash was made with another cost than the one configured now."""
    try:
        return _hasher().check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return True


def dummy_check(password):
    """Spend the same time as a real check, so unknown emails cannot be told apart."""
    check_password(_dummy_hash(), password)


_DUMMY = {}


def _dummy_hash():
    key = (current_app.config["ARGON2_TIME_COST"], current_app.config["ARGON2_MEMORY_COST"])
    if key not in _DUMMY:
        _DUMMY[key] = hash_password(secrets.token_urlsafe(16))
    return _DUMMY[key]


def password_problem(password, email="", name=""):
    """Why a password is refused (a lazy translated message), or None when it is acceptable.

    Length counts characters in any script: Arabic letters and emoji count like Latin ones.
    """
    from flask_babel import gettext as _

    from .i18n import format_number

    if len(password) < MIN_PASSWORD_LENGTH:
        return _("Use at least %(n)s characters.", n=format_number(MIN_PASSWORD_LENGTH))
    if len(password) > MAX_PASSWORD_LENGTH:
        return _("Use at most %(n)s characters.", n=format_number(MAX_PASSWORD_LENGTH))
    lowered = password.casefold()
    email = (email or "").strip().casefold()
    local = email.split("@")[0]
    if local and len(local) >= 4 and local in lowered:
        return _("The password must not contain your email address.")
    # A list of common passwords, then an estimate of how easily it is guessed
    # (keyboard rows, sequences, repeats, dictionary words).
    inputs = [v for v in (email, local, name) if v]
    checked = password[:STRENGTH_CHECKED_LENGTH]
    if lowered in _COMMON or zxcvbn(checked, user_inputs=inputs)["score"] < 3:
        return _("This password is too common or too easy to guess. Choose a less predictable one.")
    return None


# --- single-use tokens ---------------------------------------------------------------------

def new_token():
    """A URL-safe random token and the hash to store for it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def client_ip():
    return request.remote_addr or ""
