"""Two-factor services: enrol, disable, check a code at login or confirmation, who must enrol.

Each write owns its transaction and its audit event.
"""
import hmac

from flask import current_app

from .. import audit
from ..extensions import db
from ..models import RecoveryCode, base
from ..security import check_password
from . import throttle, totp


def required_for(user):
    """Whether this account must have a second factor: the secretariat when the portal requires
    it (production by default), members whose organisation requires it."""
    if user.is_secretariat:
        return bool(current_app.config.get("REQUIRE_2FA_SECRETARIAT"))
    return bool(user.org is not None and user.org.require_2fa)


def must_enrol(user):
    return required_for(user) and not user.has_two_factor


def reminder_due(user):
    """The secretariat in development: enrolment is optional, but a banner reminds them."""
    return bool(user.is_secretariat and not user.has_two_factor and not required_for(user))


def check_code(user, code):
    """Accept a current authenticator code once. Records the step; the caller commits."""
    secret = totp.decrypt(user.totp_secret) if user.has_two_factor else None
    if secret is None:
        return False
    step = totp.matching_step(secret, code, user.totp_last_step, base.utcnow())
    if step is None:
        return False
    user.totp_last_step = step
    return True


def _use_recovery_code(user, code):
    digest = totp.recovery_hash(code)
    for row in db.session.scalars(db.select(RecoveryCode).where(
            RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))):
        if hmac.compare_digest(row.code_hash, digest):
            row.used_at = base.utcnow()
            return True
    return False


def verify(user, code, allow_recovery=True):
    """Check the second factor (an app code, or a single-use recovery code). Commits; returns
    "totp", "recovery" or None."""
    if not user.has_two_factor or not totp.clean(code):
        return None
    if check_code(user, code):
        throttle.succeeded(user.email)
        db.session.commit()
        return "totp"
    if allow_recovery and _use_recovery_code(user, code):
        throttle.succeeded(user.email)
        left = remaining_recovery_codes(user)
        audit.record("2fa.recovery_code_used", actor=user, obj=user, after={"left": left})
        db.session.commit()
        return "recovery"
    audit.record("2fa.code_refused", actor=user, obj=user)
    throttle.failed(user.email)  # wrong codes slow the account down like wrong passwords
    db.session.commit()
    return None


def remaining_recovery_codes(user):
    return db.session.scalar(db.select(db.func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0


def enable(user, secret, code):
    """Turn on two-factor login if ``code`` comes from the scanned secret. Returns the ten
    recovery codes (shown once, stored hashed), or None when the code is wrong."""
    step = totp.matching_step(secret, code, 0, base.utcnow())
    if step is None:
        return None
    user.totp_secret = totp.encrypt(secret)
    user.totp_enabled_at = base.utcnow()
    user.totp_last_step = step
    codes, hashes = totp.new_recovery_codes()
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=h) for h in hashes)
    audit.record("2fa.enabled", actor=user, obj=user)
    db.session.commit()
    return codes


class Refused(Exception):
    """The password or the code was not right."""

    def __init__(self, field):
        super().__init__(field)
        self.field = field


def disable(user, password, code):
    """Turn two-factor login off: needs the password and a current code (or a recovery code)."""
    if not check_password(user.password_hash, password):
        raise Refused("password")
    if not (check_code(user, code) or _use_recovery_code(user, code)):
        db.session.rollback()
        raise Refused("code")
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = 0
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    audit.record("2fa.disabled", actor=user, obj=user)
    db.session.commit()


def set_org_requirement(actor, org, required):
    """A focal point (or the secretariat) requires two-factor login of an organisation's staff,
    or stops requiring it. Returns False when nothing changed."""
    if org.require_2fa == required:
        return False
    org.require_2fa = required
    audit.record("org.2fa_required" if required else "org.2fa_not_required", actor=actor,
                 obj=org, before={"require_2fa": not required}, after={"require_2fa": required})
    db.session.commit()
    return True
