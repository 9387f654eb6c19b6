"""The reminder the day before a meeting, for confirmed participants.

Safe to run from cron as often as one likes: a registration is claimed with a conditional
update (``reminded_at`` still empty) in the same transaction as its mail, so two runs at once,
or one run after another, never remind anyone twice. A meeting moved to another day is
reminded again (editing the start clears ``reminded_at``).
"""
import logging
from datetime import timedelta

from sqlalchemy import select, update

from .. import mail
from ..extensions import db
from ..models import Meeting, Registration, utcnow
from ..models.meeting import CLOSED, CONFIRMED, OPEN
from .timefmt import aware, day_after_tomorrow

log = logging.getLogger("portal.meetings")


def due(now):
    """(registration id, meeting) pairs to remind: confirmed, not reminded yet, the meeting
    not started and starting before the end of tomorrow in its own time zone."""
    rows = db.session.execute(
        select(Registration.id, Meeting)
        .join(Meeting, Meeting.id == Registration.meeting_id)
        .where(Registration.status == CONFIRMED, Registration.reminded_at.is_(None),
               Meeting.state.in_((OPEN, CLOSED)), Meeting.starts_at > now,
               Meeting.starts_at < now + timedelta(hours=50))
        .order_by(Meeting.starts_at, Registration.id)).all()
    return [(rid, m) for rid, m in rows if aware(m.starts_at) < day_after_tomorrow(now, m.timezone)]


def send_reminders(now=None):
    """Queue the reminders that are due; returns how many were queued."""
    now = now or utcnow()
    sent = 0
    for registration_id, meeting in due(now):
        claimed = db.session.execute(
            update(Registration)
            .where(Registration.id == registration_id, Registration.reminded_at.is_(None),
                   Registration.status == CONFIRMED)
            .values(reminded_at=now), execution_options={"synchronize_session": False})
        if claimed.rowcount != 1:
            db.session.rollback()  # another run reminded them a moment ago
            continue
        registration = db.session.get(Registration, registration_id)
        person = registration.user
        mail.queue(person.email, "meeting_reminder", locale=person.locale or "ar",
                   person=person, meeting=meeting, registration=registration)
        db.session.commit()
        sent += 1
    log.info("meeting reminders queued: %d", sent)
    return sent
