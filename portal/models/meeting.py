"""Meetings the secretariat convenes, registrations within seats and quotas, calendar feeds.

Seats are guarded by the database: every transaction that may change who holds a seat first
writes to the meeting's row (``queue_serial``), which serialises them on SQLite (the write lock)
and on PostgreSQL (the row lock) alike; one registration per person and meeting is a unique
constraint.
"""
import uuid
from datetime import timezone

from sqlalchemy.orm import validates

from ..extensions import db
from .base import Bilingual, utcnow

KINDS = ("advocacy", "workshop", "training", "conference", "other")
FORMATS = ("in_person", "online", "hybrid")
DRAFT, OPEN, CLOSED, CANCELLED = "draft", "open", "closed", "cancelled"
MEETING_STATES = (DRAFT, OPEN, CLOSED, CANCELLED)
CONFIRMED, WAITING = "confirmed", "waiting"
REGISTRATION_STATUSES = (CONFIRMED, WAITING, CANCELLED)
DEFAULT_TIMEZONE = "Europe/Istanbul"


def _new_uid():
    return uuid.uuid4().hex


class Meeting(Bilingual, db.Model):
    __tablename__ = "meeting"

    id = db.Column(db.Integer, primary_key=True)
    uid = db.Column(db.String(64), unique=True, nullable=False, default=_new_uid)
    title_ar = db.Column(db.String(300), nullable=False, default="")
    title_en = db.Column(db.String(300), nullable=False, default="")
    agenda_ar = db.Column(db.Text, nullable=False, default="")
    agenda_en = db.Column(db.Text, nullable=False, default="")
    kind = db.Column(db.String(16), nullable=False, default="advocacy")
    format = db.Column(db.String(16), nullable=False, default="in_person")
    venue = db.Column(db.String(300), nullable=False, default="")
    online_url = db.Column(db.String(500), nullable=False, default="")
    timezone = db.Column(db.String(64), nullable=False, default=DEFAULT_TIMEZONE)
    starts_at = db.Column(db.DateTime(timezone=True), nullable=False, index=True)
    ends_at = db.Column(db.DateTime(timezone=True), nullable=False)
    seats = db.Column(db.Integer, nullable=False)
    org_quota = db.Column(db.Integer)
    registration_opens_at = db.Column(db.DateTime(timezone=True))
    registration_closes_at = db.Column(db.DateTime(timezone=True))
    state = db.Column(db.String(16), nullable=False, default=DRAFT, index=True)
    # RFC 5545 SEQUENCE: raised on every change, so calendars replace their copy.
    sequence = db.Column(db.Integer, nullable=False, default=0)
    # Raised by every seat-changing transaction (the lock); gives the waiting-list order.
    queue_serial = db.Column(db.Integer, nullable=False, default=0)
    minutes_ar = db.Column(db.Text, nullable=False, default="")
    minutes_en = db.Column(db.Text, nullable=False, default="")
    minutes_updated_at = db.Column(db.DateTime(timezone=True))
    created_by_id = db.Column(db.ForeignKey("user_account.id"))
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    cancelled_at = db.Column(db.DateTime(timezone=True))

    created_by = db.relationship("User")

    __table_args__ = (
        db.CheckConstraint("kind in ('advocacy', 'workshop', 'training', 'conference', 'other')",
                           name="kind_known"),
        db.CheckConstraint("format in ('in_person', 'online', 'hybrid')", name="format_known"),
        db.CheckConstraint("state in ('draft', 'open', 'closed', 'cancelled')", name="state_known"),
        db.CheckConstraint("seats > 0", name="seats_positive"),
        db.CheckConstraint("org_quota is null or org_quota > 0", name="quota_positive"),
        db.CheckConstraint("ends_at > starts_at", name="times_ordered"),
        db.CheckConstraint("title_ar <> '' or title_en <> ''", name="has_title"),
    )

    @validates("starts_at", "ends_at", "registration_opens_at", "registration_closes_at",
               "cancelled_at")
    def _in_utc(self, _key, value):
        """Stored in UTC: SQLite would otherwise keep a local time and drop its zone."""
        if value is not None and value.tzinfo is not None:
            return value.astimezone(timezone.utc)
        return value

    @property
    def is_cancelled(self):
        return self.state == CANCELLED

    def __repr__(self):
        return f"<Meeting {self.id} {self.state}>"


class Registration(db.Model):
    """One person's place at a meeting: confirmed, on the waiting list, or cancelled."""

    __tablename__ = "meeting_registration"

    id = db.Column(db.Integer, primary_key=True)
    meeting_id = db.Column(db.ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.ForeignKey("user_account.id"), nullable=False, index=True)
    # The organisation the seat counts against (the person's, when they registered).
    org_id = db.Column(db.ForeignKey("organisation.id"), nullable=False, index=True)
    status = db.Column(db.String(16), nullable=False)
    queue_number = db.Column(db.Integer, nullable=False)
    registered_by_id = db.Column(db.ForeignKey("user_account.id"))
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)
    confirmed_at = db.Column(db.DateTime(timezone=True))
    cancelled_at = db.Column(db.DateTime(timezone=True))
    attended = db.Column(db.Boolean)
    reminded_at = db.Column(db.DateTime(timezone=True))

    meeting = db.relationship("Meeting")
    user = db.relationship("User", foreign_keys=[user_id])
    org = db.relationship("Organisation")
    registered_by = db.relationship("User", foreign_keys=[registered_by_id])

    __table_args__ = (
        db.UniqueConstraint("meeting_id", "user_id", name="uq_meeting_registration_meeting_user"),
        db.Index("ix_meeting_registration_queue", "meeting_id", "status", "queue_number"),
        db.CheckConstraint("status in ('confirmed', 'waiting', 'cancelled')", name="status_known"),
    )

    def __repr__(self):
        return f"<Registration {self.meeting_id}/{self.user_id} {self.status}>"


class CalendarFeed(db.Model):
    """A user's secret calendar address: only the SHA-256 of its token is kept."""

    __tablename__ = "calendar_feed"

    user_id = db.Column(db.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    token_hash = db.Column(db.String(64), unique=True, nullable=False)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utcnow)

    user = db.relationship("User")
