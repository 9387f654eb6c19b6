"""Keeping personal data only as long as needed: the run behind ``flask --app portal privacy purge``.

Each step is one SQL statement over the rows that are due, so a run is quick and running it again
changes nothing more (idempotent). The periods come from the configuration (``RETENTION_*``).
"""
import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, update

from .. import audit
from ..extensions import db
from ..models import Invitation, OutboxMail, PasswordReset, VolunteerApplication, utcnow
from . import audit_scrub

log = logging.getLogger("portal.privacy")

# What a purged mail body says instead of its text (reset and invitation links are gone).
EMPTIED_BODY = ""


def _days(name):
    return timedelta(days=int(current_app.config[name]))


def purge(now=None):
    """Delete or empty the personal data whose time is up; one audit event with the counts.

    - volunteer applications handled longer ago than RETENTION_VOLUNTEER_HANDLED_DAYS, or
      received longer ago than RETENTION_VOLUNTEER_RECEIVED_DAYS (whichever comes first);
    - the bodies of mail sent longer ago than RETENTION_MAIL_BODY_DAYS (subject, recipient and
      delivery state stay);
    - password reset links and invitations used or expired, and created longer ago than
      RETENTION_TOKEN_DAYS;
    - IP addresses in the audit log older than RETENTION_AUDIT_IP_DAYS.

    Returns the counts. The audit event is written only when something was removed.
    """
    now = now or utcnow()
    handled_before = now - _days("RETENTION_VOLUNTEER_HANDLED_DAYS")
    received_before = now - _days("RETENTION_VOLUNTEER_RECEIVED_DAYS")
    tokens_before = now - _days("RETENTION_TOKEN_DAYS")
    va = VolunteerApplication
    counts = {
        "volunteer_applications": db.session.execute(
            delete(va).where(db.or_(va.handled_at < handled_before, va.created_at < received_before))
            .execution_options(synchronize_session=False)).rowcount or 0,
        "mail_bodies": db.session.execute(
            update(OutboxMail)
            .where(OutboxMail.sent_at < now - _days("RETENTION_MAIL_BODY_DAYS"),
                   OutboxMail.body != EMPTIED_BODY)
            .values(body=EMPTIED_BODY).execution_options(synchronize_session=False)).rowcount or 0,
        "password_resets": db.session.execute(
            delete(PasswordReset)
            .where(PasswordReset.created_at < tokens_before,
                   db.or_(PasswordReset.used_at.is_not(None), PasswordReset.expires_at < now))
            .execution_options(synchronize_session=False)).rowcount or 0,
        "invitations": db.session.execute(
            delete(Invitation)
            .where(Invitation.created_at < tokens_before,
                   db.or_(Invitation.used_at.is_not(None), Invitation.expires_at < now))
            .execution_options(synchronize_session=False)).rowcount or 0,
        "audit_ip_addresses": audit_scrub.forget_old_ips(now - _days("RETENTION_AUDIT_IP_DAYS")),
    }
    if any(counts.values()):
        audit.record("privacy.purged", actor_label="cli", kind="privacy", after=counts)
    db.session.commit()
    log.info("privacy purge: %s", ", ".join(f"{k} {v}" for k, v in counts.items()))
    return counts
