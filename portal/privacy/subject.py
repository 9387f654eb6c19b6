"""A subject-access request: everything the portal holds about one email address."""
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func

from ..extensions import db
from ..models import Invitation, OutboxMail, PasswordReset, User, VolunteerApplication
from ..models.session import UserSession
from .audit_scrub import events_naming


def normalise(email):
    return (email or "").strip().lower()


@dataclass
class Holdings:
    """What is held about ``email``, each kind oldest first."""

    email: str
    accounts: list = field(default_factory=list)
    applications: list = field(default_factory=list)
    mail: list = field(default_factory=list)
    audit_events: list = field(default_factory=list)
    invitations: list = field(default_factory=list)
    resets: list = field(default_factory=list)
    sessions: list = field(default_factory=list)  # logged-in devices: device, IP prefix, times

    KINDS = ("accounts", "applications", "mail", "audit_events", "invitations", "resets", "sessions")

    def counts(self):
        return {kind: len(getattr(self, kind)) for kind in self.KINDS}

    @property
    def empty(self):
        return not any(self.counts().values())


def _by_email(model, column, email):
    return db.session.scalars(
        db.select(model).where(func.lower(column) == email).order_by(model.id)).all()


def find(email):
    """Accounts, volunteer applications, mail sent to it, audit entries naming it, invitations
    and password resets: everything held about ``email`` (matched without regard to case)."""
    email = normalise(email)
    accounts = _by_email(User, User.email, email)
    account_ids = tuple(a.id for a in accounts)
    resets, sessions = [], []
    if account_ids:
        resets = db.session.scalars(db.select(PasswordReset)
                                    .where(PasswordReset.user_id.in_(account_ids))
                                    .order_by(PasswordReset.id)).all()
        sessions = db.session.scalars(db.select(UserSession)
                                      .where(UserSession.user_id.in_(account_ids))
                                      .order_by(UserSession.id)).all()
    return Holdings(
        email=email,
        accounts=accounts,
        applications=_by_email(VolunteerApplication, VolunteerApplication.email, email),
        mail=_by_email(OutboxMail, OutboxMail.recipient, email),
        audit_events=events_naming(email, account_ids),
        invitations=_by_email(Invitation, Invitation.email, email),
        resets=resets,
        sessions=sessions,
    )


# --- the export ---------------------------------------------------------------------------------

def _value(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _row(obj, columns):
    return {c: _value(getattr(obj, c)) for c in columns}


# Secrets (password hashes, session and link tokens) are never exported: they are not data
# about the person, and would let whoever holds the file act as them.
ACCOUNT = ("id", "email", "name", "role", "org_id", "is_org_admin", "locale", "active",
           "created_at", "last_login_at")
APPLICATION = ("id", "name", "email", "phone", "city", "skills", "availability", "hours_per_week",
               "message", "locale", "consent_at", "created_at", "handled_at")
MAIL = ("id", "recipient", "locale", "subject", "body", "kind", "created_at", "attempts",
        "last_error", "last_attempt_at", "sent_at")
AUDIT = ("id", "created_at", "actor_id", "actor_label", "action", "object_kind", "object_id",
         "before", "after", "reason", "ip")
INVITATION = ("id", "email", "name", "role", "org_id", "is_org_admin", "created_at",
              "expires_at", "used_at")
RESET = ("id", "user_id", "created_at", "expires_at", "used_at")
SESSION = ("id", "user_id", "device", "ip_prefix", "created_at", "last_seen_at", "expires_at",
           "revoked_at")


def as_export(holdings, now):
    """The holdings as a JSON-ready dict (no secrets: no password hashes or tokens)."""
    h = holdings
    return {
        "email": h.email,
        "exported_at": now.isoformat(),
        "accounts": [dict(_row(a, ACCOUNT), organisation=a.org.name_en if a.org else None)
                     for a in h.accounts],
        "volunteer_applications": [_row(a, APPLICATION) for a in h.applications],
        "mail": [_row(m, MAIL) for m in h.mail],
        "audit_events": [_row(e, AUDIT) for e in h.audit_events],
        "invitations": [_row(i, INVITATION) for i in h.invitations],
        "password_resets": [_row(r, RESET) for r in h.resets],
        "sessions": [_row(s, SESSION) for s in h.sessions],
    }
