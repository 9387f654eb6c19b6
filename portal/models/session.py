"""Server-side login sessions, two-factor recovery codes and per-account login throttling."""
from ..extensions import db
from .base import utcnow


class UserSession(db.Model):
    """One logged-in device. The browser holds a random key; only its hash is stored here.

    ``generation`` is the user's session token when the session began: rotating the token
    (password change, deactivation, role change) ends every session at once.
    """

    __tablename__ = "user_session"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False, index=True)
    key_hash = db.Column(db.String(64), unique=True, nullable=False)
    generation = db.Column(db.String(64), nullable=False)
    device_hash = db.Column(db.String(64), nullable=False, default="", index=True)
    device = db.Column(db.String(120), nullable=False, default="")
    ip_prefix = db.Column(db.String(64), nullable=False, default="")
    remember = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    last_seen_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    last_auth_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    expires_at = db.Column(db.DateTime(timezone=True), nullable=False)
    revoked_at = db.Column(db.DateTime(timezone=True))

    user = db.relationship("User")


class RecoveryCode(db.Model):
    """A single-use code that stands in for the authenticator app (only its hash is stored)."""

    __tablename__ = "recovery_code"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False, index=True)
    code_hash = db.Column(db.String(64), nullable=False)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    used_at = db.Column(db.DateTime(timezone=True))


class LoginThrottle(db.Model):
    """Failed logins per email address (known or not, so the delay reveals no account)."""

    __tablename__ = "login_throttle"

    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(254), unique=True, nullable=False)
    failures = db.Column(db.Integer, nullable=False, default=0)
    last_failed_at = db.Column(db.DateTime(timezone=True))
