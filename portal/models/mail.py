"""The mail outbox: every email is written here first, in the same transaction as its cause."""
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
    attempts = db.Column(db.Integer, nullable=False, default=0)
    last_error = db.Column(db.Text, nullable=False, default="")
    last_attempt_at = db.Column(db.DateTime(timezone=True))
    sent_at = db.Column(db.DateTime(timezone=True), index=True)

    @property
    def pending(self):
        return self.sent_at is None
