"""The mail outbox: every email is written here first, in the same transaction as its cause.

A mail is *pending* until it is sent; a failed try sets ``next_attempt_at`` further away (see
``portal.mail_delivery``); after days of failures it is *failed* (``failed_at``) until the
secretariat sends it again. A sender owns a mail only while its claim (``claim_token`` until
``claimed_until``) lasts.
"""
from ..extensions import db
from .base import utcnow


class OutboxMail(db.Model):
    __tablename__ = "outbox_mail"

    id = db.Column(db.Integer, primary_key=True)
    recipient = db.Column(db.String(254), nullable=False)
    locale = db.Column(db.String(8), nullable=False, default="ar")
    subject = db.Column(db.String(300), nullable=False)
    body = db.Column(db.Text, nullable=False)
    kind = db.Column(db.String(32), nullable=False, default="")
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    # When the mail was queued, or sent again by the secretariat: retries are paced and
    # given up from here.
    queued_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    next_attempt_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow,
                                index=True)
    attempts = db.Column(db.Integer, nullable=False, default=0)
    last_error = db.Column(db.Text, nullable=False, default="")
    last_attempt_at = db.Column(db.DateTime(timezone=True))
    sent_at = db.Column(db.DateTime(timezone=True), index=True)
    failed_at = db.Column(db.DateTime(timezone=True))
    claimed_until = db.Column(db.DateTime(timezone=True))
    claim_token = db.Column(db.String(32))

    @property
    def pending(self):
        return self.sent_at is None

    @property
    def state(self):
        """"sent", "failed" (given up), "retrying" (tried, will be tried again) or "waiting"."""
        if self.sent_at is not None:
            return "sent"
        if self.failed_at is not None:
            return "failed"
        return "retrying" if self.attempts else "waiting"
