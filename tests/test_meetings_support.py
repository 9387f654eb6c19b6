"""Helpers for the meeting tests (no tests here): a meeting maker and short cuts."""
from datetime import timedelta

import pytest

from portal.extensions import db
from portal.models import AuditEvent, Meeting, OutboxMail, Registration, utcnow


@pytest.fixture
def make_meeting(app, make_user):
    """A meeting open for registration, a week ahead, unless told otherwise."""
    def make(**kw):
        start = kw.pop("starts_at", utcnow() + timedelta(days=7))
        kw.setdefault("title_ar", "اجتماع المناصرة")
        kw.setdefault("title_en", "Advocacy meeting")
        kw.setdefault("state", "open")
        kw.setdefault("seats", 10)
        kw.setdefault("format", "in_person")
        kw.setdefault("venue", "Gaziantep")
        meeting = Meeting(starts_at=start, ends_at=kw.pop("ends_at", start + timedelta(hours=2)),
                          **kw)
        db.session.add(meeting)
        db.session.commit()
        return meeting

    return make


def statuses(meeting):
    """{user_id: status} of a meeting's registrations, read afresh."""
    db.session.expire_all()
    rows = db.session.execute(db.select(Registration.user_id, Registration.status)
                              .where(Registration.meeting_id == meeting.id)).all()
    return dict(rows)


def count(meeting, status):
    return list(statuses(meeting).values()).count(status)


def mails_to(email, kind=None):
    query = db.select(OutboxMail).where(OutboxMail.recipient == email)
    if kind:
        query = query.where(OutboxMail.kind == kind)
    return db.session.scalars(query.order_by(OutboxMail.id)).all()


def audit_actions(prefix="meeting"):
    return db.session.scalars(db.select(AuditEvent.action)
                              .where(AuditEvent.action.startswith(prefix))
                              .order_by(AuditEvent.id)).all()
