"""Authentication services: each owns its transaction and its audit events."""
from datetime import timezone

from flask import current_app

from .. import audit, mail
from ..extensions import db
from ..models import Invitation, PasswordReset, User, utcnow
from ..security import (check_password, dummy_check, hash_password, needs_rehash, new_token,
                        token_hash)
from ..urls import external_url
from . import throttle


def normalise_email(email):
    return (email or "").strip().lower()


def find_user(email):
    return db.session.scalar(db.select(User).where(User.email == normalise_email(email)))


def authenticate(email, password):
    """The active user with this email and password, or None (the same answer for any failure).

    Failures are counted per address (see throttle.py); the session is opened by
    sessions.start() once every factor is checked.
    """
    email = normalise_email(email)
    user = find_user(email)
    if user is None:
        dummy_check(password)
        audit.record("login.failed", actor_label=email[:254], kind="user")
        throttle.failed(email[:254])
        db.session.commit()
        return None
    if not check_password(user.password_hash, password) or not user.is_active:
        audit.record("login.failed", actor=user, obj=user)
        throttle.failed(email)
        db.session.commit()
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)  # the configured cost has changed
        db.session.commit()
    if not user.has_two_factor:  # otherwise the count is cleared by the right code
        throttle.succeeded(email)
        db.session.commit()
    return user


def change_password(user, new_password):
    """Set a new password chosen by the logged-in user; other sessions and reset links end."""
    _set_password(user, new_password)
    audit.record("password.changed", actor=user, obj=user)
    db.session.commit()


def _set_password(user, new_password):
    """The new password, every session ended, every reset link spent, and a notice by mail
    (if the change was not the owner's doing, the owner learns of it at once)."""
    now = utcnow()
    user.password_hash = hash_password(new_password)
    user.rotate_session_token()
    db.session.execute(db.update(PasswordReset)
                       .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
                       .values(used_at=now))
    mail.queue(user.email, "password_changed", locale=user.locale or "ar", user=user, when=now)


def _aware(dt):
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def request_reset(email):
    """Email a single-use reset link if the address belongs to an active account.

    The page answers the same either way, so nobody can learn who has an account.
    """
    user = find_user(email)
    if user is None or not user.is_active:
        return
    token, digest = new_token()
    db.session.add(PasswordReset(user=user, token_hash=digest,
                                 expires_at=utcnow() + current_app.config["RESET_TTL"]))
    mail.queue(user.email, "password_reset", locale=user.locale or "ar", user=user,
               link=external_url("auth.reset_password", token=token),
               hours=int(current_app.config["RESET_TTL"].total_seconds() // 3600))
    audit.record("password.reset_requested", actor=user, obj=user)
    db.session.commit()


def valid_reset(token):
    reset = db.session.scalar(db.select(PasswordReset).where(PasswordReset.token_hash == token_hash(token)))
    if reset is None or reset.used_at is not None or _aware(reset.expires_at) < utcnow():
        return None
    if not reset.user.is_active:
        return None
    return reset


def reset_password(reset, new_password):
    """Set the new password, spend the link, and end every session of the user."""
    user = reset.user
    _set_password(user, new_password)
    audit.record("password.reset", actor=user, obj=user)
    db.session.commit()
    return user


def valid_invitation(token):
    inv = db.session.scalar(db.select(Invitation).where(Invitation.token_hash == token_hash(token)))
    if inv is None or inv.used_at is not None or _aware(inv.expires_at) < utcnow():
        return None
    return inv


class InvitationProblem(Exception):
    pass


def accept_invitation(invitation, name, password, locale):
    """Create the account the invitation describes: its role and organisation, nothing else."""
    if find_user(invitation.email) is not None:
        raise InvitationProblem("exists")
    if invitation.org is not None and not invitation.org.active:
        raise InvitationProblem("org_inactive")
    invitation.used_at = utcnow()
    user = User(
        email=invitation.email,
        name=name.strip(),
        role=invitation.role,
        org_id=invitation.org_id,
        is_org_admin=invitation.is_org_admin,
        locale=locale,
        password_hash=hash_password(password),
    )
    db.session.add(user)
    db.session.flush()
    audit.record("invitation.accepted", actor=user, obj=user,
                 after={"role": user.role, "org_id": user.org_id, "org_admin": user.is_org_admin})
    db.session.commit()
    return user
