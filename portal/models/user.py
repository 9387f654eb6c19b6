"""Accounts, invitations and password resets."""
import secrets

from flask_login import UserMixin

from ..extensions import db
from .base import utcnow

ROLE_MEMBER = "member"
ROLE_SECRETARIAT = "secretariat"
ROLES = (ROLE_MEMBER, ROLE_SECRETARIAT)


def new_session_token():
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(254), unique=True, nullable=False)
    name = db.Column(db.String(200), nullable=False)
    org_id = db.Column(db.ForeignKey("organisation.id"), index=True)
    role = db.Column(db.String(16), nullable=False, default=ROLE_MEMBER)
    is_org_admin = db.Column(db.Boolean, nullable=False, default=False)
    locale = db.Column(db.String(8))
    password_hash = db.Column(db.String(255), nullable=False)
    session_token = db.Column(db.String(64), unique=True, nullable=False, default=new_session_token)
    active = db.Column(db.Boolean, nullable=False, default=True)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    last_login_at = db.Column(db.DateTime(timezone=True))
    # Two-factor login (TOTP): the secret is encrypted with a key derived from SECRET_KEY.
    totp_secret = db.Column(db.Text)
    totp_enabled_at = db.Column(db.DateTime(timezone=True))
    totp_last_step = db.Column(db.BigInteger, nullable=False, default=0)

    org = db.relationship("Organisation", backref=db.backref("users", lazy="dynamic"))

    __table_args__ = (
        db.CheckConstraint("role in ('member', 'secretariat')", name="role_known"),
        db.CheckConstraint(
            "(role = 'secretariat') or (org_id is not null)", name="member_has_org"
        ),
    )

    def get_id(self):
        """The session token, a generation stamp: rotating it ends every session (the browser
        holds only the random key of its own session record, see portal/auth/sessions.py)."""
        return self.session_token

    @property
    def is_active(self):
        return self.active and (self.org is None or self.org.active)

    def rotate_session_token(self):
        self.session_token = new_session_token()

    @property
    def has_two_factor(self):
        return bool(self.totp_secret and self.totp_enabled_at)

    @property
    def is_secretariat(self):
        return self.role == ROLE_SECRETARIAT

    def __repr__(self):
        return f"<User {self.email}>"


class Invitation(db.Model):
    """A single-use invitation: role and organisation are fixed here, never by the form."""

    __tablename__ = "invitation"

    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(254), nullable=False, index=True)
    name = db.Column(db.String(200), nullable=False, default="")
    role = db.Column(db.String(16), nullable=False)
    org_id = db.Column(db.ForeignKey("organisation.id"))
    is_org_admin = db.Column(db.Boolean, nullable=False, default=False)
    token_hash = db.Column(db.String(64), unique=True, nullable=False)
    invited_by_id = db.Column(db.ForeignKey("user_account.id"))
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    expires_at = db.Column(db.DateTime(timezone=True), nullable=False)
    used_at = db.Column(db.DateTime(timezone=True))

    org = db.relationship("Organisation")
    invited_by = db.relationship("User")


class PasswordReset(db.Model):
    """A single-use, expiring password reset link (only its hash is stored)."""

    __tablename__ = "password_reset"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False, index=True)
    token_hash = db.Column(db.String(64), unique=True, nullable=False)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    expires_at = db.Column(db.DateTime(timezone=True), nullable=False)
    used_at = db.Column(db.DateTime(timezone=True))

    user = db.relationship("User")
