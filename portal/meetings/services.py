"""Registrations: seats, quotas, the waiting list and promotions.

Never over capacity, never over quota, whatever the timing. Every function here that may
change who holds a seat begins its transaction with :func:`lock_meeting`, a write to the
meeting's row: SQLite then holds its write lock (waiting out the busy timeout for anyone
else's), PostgreSQL the row lock, until the commit. The figures are read after the lock, so
two requests can never both take the last seat; one registration per person is a unique
constraint besides. Each function checks its rule, writes, records the audit event and queues
the mail in that one transaction, and commits.
"""
import logging

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from .. import audit, mail
from ..extensions import db
from ..models import Meeting, Registration, utcnow
from ..models.meeting import CANCELLED, CONFIRMED, WAITING
from ..permissions import is_secretariat
from . import rules
from .timefmt import aware

log = logging.getLogger("portal.meetings")


class Refused(Exception):
    """The rules do not allow this change; ``reason`` names the rule (the view words it)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def lock_meeting(meeting):
    """Open the transaction with a write to the meeting's row and read the meeting afresh.

    Returns the meeting's new serial number: it orders the waiting list.
    """
    serial = db.session.execute(
        update(Meeting).where(Meeting.id == meeting.id)
        .values(queue_serial=Meeting.queue_serial + 1).returning(Meeting.queue_serial),
        execution_options={"synchronize_session": False},
    ).scalar_one()
    db.session.refresh(meeting)
    return serial


def confirmed_counts(meeting_id):
    """(confirmed overall, {org_id: confirmed}) for a meeting: one query."""
    rows = db.session.execute(
        select(Registration.org_id, func.count(Registration.id))
        .where(Registration.meeting_id == meeting_id, Registration.status == CONFIRMED)
        .group_by(Registration.org_id)
    ).all()
    per_org = {org_id: n for org_id, n in rows}
    return sum(per_org.values()), per_org


def has_room(meeting, total, per_org, org_id):
    """A seat is free overall and the organisation is under its quota."""
    if total >= meeting.seats:
        return False
    return meeting.org_quota is None or per_org.get(org_id, 0) < meeting.org_quota


def send(person, template, **context):
    """Queue a mail to ``person`` in their own language (the caller commits)."""
    mail.queue(person.email, template, locale=person.locale or "ar", person=person, **context)


def fill_seats(meeting, now, actor=None):
    """Confirm waiting people in their order while seats are free, skipping those whose
    organisation has used its quota; each is told by email. Returns those promoted."""
    if meeting.state == CANCELLED or now >= aware(meeting.starts_at):
        return []
    total, per_org = confirmed_counts(meeting.id)
    if total >= meeting.seats:
        return []
    waiting = db.session.scalars(
        select(Registration)
        .where(Registration.meeting_id == meeting.id, Registration.status == WAITING)
        .order_by(Registration.queue_number, Registration.id)
        .execution_options(populate_existing=True)
    ).all()
    promoted = []
    for registration in waiting:
        if total >= meeting.seats:
            break
        if not has_room(meeting, total, per_org, registration.org_id):
            continue
        registration.status = CONFIRMED
        registration.confirmed_at = now
        total += 1
        per_org[registration.org_id] = per_org.get(registration.org_id, 0) + 1
        audit.record("meeting.registration.promoted", actor=actor, obj=registration,
                     before={"status": WAITING},
                     after={"status": CONFIRMED, "meeting": meeting.id,
                            "user": registration.user_id},
                     reason="a seat became free")
        send(registration.user, "meeting_promoted", meeting=meeting)
        promoted.append(registration)
    return promoted


def register(actor, meeting, person):
    """Register ``person`` (the actor, or a colleague of a focal point): confirmed when a seat
    is free within the organisation's quota, otherwise on the waiting list.

    Raises Refused: ``not_allowed``, ``closed`` or ``already`` (a confirmed or waiting
    registration exists, e.g. after a double click).
    """
    if not rules.may_register(actor, person):
        raise Refused("not_allowed")
    now = utcnow()
    if not rules.registration_open(meeting, now):
        raise Refused("closed")
    try:
        serial = lock_meeting(meeting)
        if not rules.registration_open(meeting, now):
            raise Refused("closed")
        registration = db.session.scalar(
            select(Registration)
            .where(Registration.meeting_id == meeting.id, Registration.user_id == person.id)
            .execution_options(populate_existing=True))
        if registration is not None and registration.status != CANCELLED:
            raise Refused("already")
        fill_seats(meeting, now, actor)
        total, per_org = confirmed_counts(meeting.id)
        status = CONFIRMED if has_room(meeting, total, per_org, person.org_id) else WAITING
        before = None
        if registration is None:
            registration = Registration(meeting_id=meeting.id, user_id=person.id)
            db.session.add(registration)
        else:
            before = {"status": registration.status}
        registration.org_id = person.org_id
        registration.status = status
        registration.queue_number = serial
        registration.registered_by_id = actor.id
        registration.created_at = now
        registration.confirmed_at = now if status == CONFIRMED else None
        registration.cancelled_at = registration.reminded_at = registration.attended = None
        db.session.flush()
        audit.record("meeting.registered", actor=actor, obj=registration, before=before,
                     after={"meeting": meeting.id, "user": person.id, "org": person.org_id,
                            "status": status})
        if actor.id != person.id:
            send(person, "meeting_registered", meeting=meeting, registration=registration,
                 by=actor)
        db.session.commit()
    except Refused:
        db.session.rollback()
        raise
    except IntegrityError:  # the unique constraint: the same person, a moment ago
        db.session.rollback()
        raise Refused("already") from None
    log.info("meeting %s: %s registered by %s (%s)", meeting.id, person.email, actor.email, status)
    return registration


def cancel(actor, registration):
    """Give up a place (or leave the waiting list) until the meeting starts. A freed seat goes
    to the first eligible person waiting. Returns those promoted.

    Raises Refused: ``not_allowed``, ``already_cancelled`` or ``over`` (started or cancelled).
    """
    if not rules.may_cancel(actor, registration):
        raise Refused("not_allowed")
    meeting = registration.meeting
    now = utcnow()
    try:
        lock_meeting(meeting)
        db.session.refresh(registration)
        if registration.status == CANCELLED:
            raise Refused("already_cancelled")
        if not rules.may_leave(registration, meeting, now):
            raise Refused("over")
        before = registration.status
        registration.status = CANCELLED
        registration.cancelled_at = now
        audit.record("meeting.registration.cancelled", actor=actor, obj=registration,
                     before={"status": before},
                     after={"status": CANCELLED, "meeting": meeting.id,
                            "user": registration.user_id})
        if actor.id != registration.user_id:
            send(registration.user, "meeting_registration_cancelled", meeting=meeting, by=actor)
        promoted = fill_seats(meeting, now, actor) if before == CONFIRMED else []
        db.session.commit()
    except Refused:
        db.session.rollback()
        raise
    return promoted


def confirm_by_hand(actor, registration):
    """The secretariat confirms someone from the waiting list: only into a free seat (raise
    the seats first when the meeting is full), but past the organisation's quota if it
    decides so; the audit event says when it did.

    Raises Refused: ``not_allowed``, ``not_waiting``, ``over`` or ``full``.
    """
    if not is_secretariat(actor):
        raise Refused("not_allowed")
    meeting = registration.meeting
    now = utcnow()
    try:
        lock_meeting(meeting)
        db.session.refresh(registration)
        if registration.status != WAITING:
            raise Refused("not_waiting")
        if not rules.may_leave(registration, meeting, now):
            raise Refused("over")
        total, per_org = confirmed_counts(meeting.id)
        if total >= meeting.seats:
            raise Refused("full")
        over_quota = not has_room(meeting, total, per_org, registration.org_id)
        registration.status = CONFIRMED
        registration.confirmed_at = now
        audit.record("meeting.registration.confirmed_by_hand", actor=actor, obj=registration,
                     before={"status": WAITING},
                     after={"status": CONFIRMED, "meeting": meeting.id,
                            "user": registration.user_id, "over_quota": over_quota})
        send(registration.user, "meeting_promoted", meeting=meeting)
        db.session.commit()
    except Refused:
        db.session.rollback()
        raise
    return registration
