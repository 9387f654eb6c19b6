"""The append-only audit log."""
from sqlalchemy import event

from ..extensions import db
from .base import utcnow


class AuditEvent(db.Model):
    __tablename__ = "audit_event"

    id = db.Column(db.Integer, primary_key=True)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    actor_id = db.Column(db.ForeignKey("user_account.id"), index=True)
    actor_label = db.Column(db.String(254), nullable=False, default="")
    action = db.Column(db.String(64), nullable=False, index=True)
    object_kind = db.Column(db.String(32), nullable=False, default="")
    object_id = db.Column(db.String(64), nullable=False, default="")
    before = db.Column(db.JSON)
    after = db.Column(db.JSON)
    reason = db.Column(db.Text, nullable=False, default="")
    ip = db.Column(db.String(64), nullable=False, default="")

    actor = db.relationship("User")


class AuditLogIsAppendOnly(RuntimeError):
    pass


def _refuse_changes(session, flush_context, instances):
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent):
            raise AuditLogIsAppendOnly("audit events cannot be changed or deleted")


def install_guard():
    """Make the ORM refuse to update or delete audit events."""
    from sqlalchemy.orm import Session

    if not event.contains(Session, "before_flush", _refuse_changes):
        event.listen(Session, "before_flush", _refuse_changes)
