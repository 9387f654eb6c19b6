"""What the secretariat changes on a meeting: create, edit, cancel, attendance, minutes.

Services, like ``services.py``: each checks its rule, writes, records the audit event and
queues the mail in one transaction, and commits. Edits that touch seats or quotas take the
meeting's lock first, so they cannot cross a registration.
"""
from datetime import datetime, timezone

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from .. import audit
from ..extensions import db
from ..models import Meeting, Registration, utcnow
from ..models.meeting import CANCELLED, CONFIRMED, DRAFT, WAITING
from . import rules
from .services import Refused, confirmed_counts, fill_seats, lock_meeting, send
from .timefmt import aware

FIELDS = ("title_ar", "title_en", "agenda_ar", "agenda_en", "kind", "format", "venue",
          "online_url", "timezone", "starts_at", "ends_at", "seats", "org_quota",
          "registration_opens_at", "registration_closes_at", "state")
# A change to one of these is a change of time or place: confirmed participants are told.
WHEN_AND_WHERE = ("format", "venue", "online_url", "timezone", "starts_at", "ends_at")


class MeetingProblem(Exception):
    """An edit the figures do not allow; ``field`` and ``reason`` say why, ``n`` how many."""

    def __init__(self, field, reason, n=0):
        super().__init__(f"{field}: {reason}")
        self.field, self.reason, self.n = field, reason, n


def _plain(value):
    if isinstance(value, datetime):
        return aware(value).astimezone(timezone.utc).isoformat()
    return value


def snapshot(meeting):
    return {f: _plain(getattr(meeting, f)) for f in FIELDS}


def create_meeting(actor, values):
    """Add a meeting (a draft unless another state is chosen)."""
    meeting = Meeting(created_by_id=actor.id, **{f: values[f] for f in FIELDS})
    db.session.add(meeting)
    db.session.flush()
    audit.record("meeting.created", actor=actor, obj=meeting, after=snapshot(meeting))
    db.session.commit()
    return meeting


def update_meeting(actor, meeting, values):
    """Save an edit. Raising the seats or the quota confirms waiting people in order; a new
    time or place is mailed to confirmed participants (with reminders due again). Returns the
    names of the fields changed (empty when nothing changed).

    Raises MeetingProblem when seats or quota would fall below those already confirmed, or
    when a meeting with registrations would go back to draft; Refused(``cancelled``) for a
    cancelled meeting, which stays as it is.
    """
    now = utcnow()
    try:
        lock_meeting(meeting)
        if meeting.state == CANCELLED:
            raise Refused("cancelled")
        total, per_org = confirmed_counts(meeting.id)
        if values["seats"] < total:
            raise MeetingProblem("seats", "below_confirmed", total)
        busiest = max(per_org.values(), default=0)
        if values["org_quota"] is not None and values["org_quota"] < busiest:
            raise MeetingProblem("org_quota", "below_confirmed", busiest)
        if values["state"] == DRAFT and meeting.state != DRAFT and _active_count(meeting):
            raise MeetingProblem("state", "has_registrations")
        before = snapshot(meeting)
        for field in FIELDS:
            if not _same_minute(getattr(meeting, field), values[field]):
                setattr(meeting, field, values[field])
        after = snapshot(meeting)
        changed = [f for f in FIELDS if before[f] != after[f]]
        if not changed:
            db.session.rollback()
            return []
        meeting.sequence += 1
        meeting.updated_at = now
        audit.record("meeting.updated", actor=actor, obj=meeting,
                     before={f: before[f] for f in changed}, after={f: after[f] for f in changed})
        moved = [f for f in changed if f in WHEN_AND_WHERE]
        if moved and meeting.state != DRAFT:
            _tell_confirmed(meeting, "meeting_changed", changed=moved)
        if "starts_at" in changed:
            db.session.execute(
                update(Registration).where(Registration.meeting_id == meeting.id)
                .values(reminded_at=None), execution_options={"synchronize_session": False})
        fill_seats(meeting, now, actor)
        db.session.commit()
    except (MeetingProblem, Refused):
        db.session.rollback()
        raise
    return changed


def cancel_meeting(actor, meeting, message=""):
    """Cancel a meeting: everyone registered (confirmed or waiting) is told by email, with the
    secretariat's message; calendars get STATUS:CANCELLED with a higher SEQUENCE."""
    now = utcnow()
    try:
        lock_meeting(meeting)
        if meeting.state == CANCELLED:
            raise Refused("cancelled")
        before = meeting.state
        meeting.state = CANCELLED
        meeting.cancelled_at = meeting.updated_at = now
        meeting.sequence += 1
        told = 0
        if before != DRAFT:
            told = _tell(meeting, (CONFIRMED, WAITING), "meeting_cancelled", message=message)
        audit.record("meeting.cancelled", actor=actor, obj=meeting, before={"state": before},
                     after={"state": CANCELLED, "told": told}, reason=message)
        db.session.commit()
    except Refused:
        db.session.rollback()
        raise
    return told


def mark_attendance(actor, meeting, shown_ids, present_ids):
    """Record who came, for the confirmed registrations shown on the page: ticked → present,
    not ticked → absent. Each change is audited. Returns how many changed.

    Raises Refused(``too_early``) before the meeting's day.
    """
    if not rules.attendance_open(meeting, utcnow()):
        raise Refused("too_early")
    registrations = db.session.scalars(
        select(Registration).where(Registration.meeting_id == meeting.id,
                                   Registration.status == CONFIRMED,
                                   Registration.id.in_(list(shown_ids)[:1000]))).all()
    changed = 0
    for registration in registrations:
        present = registration.id in present_ids
        if registration.attended is present:
            continue
        audit.record("meeting.attendance", actor=actor, obj=registration,
                     before={"attended": registration.attended},
                     after={"attended": present, "meeting": meeting.id,
                            "user": registration.user_id})
        registration.attended = present
        changed += 1
    db.session.commit()
    return changed


def save_minutes(actor, meeting, minutes_ar, minutes_en):
    """Attach minutes or action points (Markdown) once the meeting has started; they are shown
    to the organisations that took part."""
    if not rules.minutes_open(meeting, utcnow()):
        raise Refused("too_early")
    before = {"minutes_ar": meeting.minutes_ar, "minutes_en": meeting.minutes_en}
    meeting.minutes_ar = (minutes_ar or "").strip()
    meeting.minutes_en = (minutes_en or "").strip()
    after = {"minutes_ar": meeting.minutes_ar, "minutes_en": meeting.minutes_en}
    if after == before:
        db.session.rollback()
        return False
    meeting.minutes_updated_at = utcnow()
    audit.record("meeting.minutes_saved", actor=actor, obj=meeting,
                 after={"length_ar": len(meeting.minutes_ar), "length_en": len(meeting.minutes_en)})
    db.session.commit()
    return True


def _same_minute(old, new):
    """The form shows times to the minute: a stored time with seconds is not a change."""
    if not isinstance(old, datetime) or not isinstance(new, datetime):
        return False
    return aware(old).replace(second=0, microsecond=0) == aware(new)


def _active_count(meeting):
    return db.session.scalar(
        select(func.count(Registration.id))
        .where(Registration.meeting_id == meeting.id, Registration.status != CANCELLED)) or 0


def _tell(meeting, statuses, template, **context):
    registrations = db.session.scalars(
        select(Registration).where(Registration.meeting_id == meeting.id,
                                   Registration.status.in_(statuses))
        .options(selectinload(Registration.user)).order_by(Registration.id)).all()
    for registration in registrations:
        send(registration.user, template, meeting=meeting, registration=registration, **context)
    return len(registrations)


def _tell_confirmed(meeting, template, **context):
    return _tell(meeting, (CONFIRMED,), template, **context)
