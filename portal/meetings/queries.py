"""What the meeting pages read. Each list is one SELECT per page (see ``portal.pagination``),
with the figures it shows computed in that same SELECT."""
from datetime import timedelta

from flask import abort
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased, contains_eager, selectinload

from ..extensions import db
from ..i18n import language
from ..models import CalendarFeed, Meeting, Organisation, Registration, User
from ..models.meeting import CANCELLED, CONFIRMED, DRAFT, WAITING
from ..permissions import is_secretariat
from . import rules


def _confirmed_count():
    return (select(func.count(Registration.id))
            .where(Registration.meeting_id == Meeting.id, Registration.status == CONFIRMED)
            .correlate(Meeting).scalar_subquery())


def _waiting_position(registration):
    """Place on the waiting list of a registration row (None unless it is waiting)."""
    ahead = aliased(Registration)
    count = (select(func.count(ahead.id))
             .where(ahead.meeting_id == registration.meeting_id, ahead.status == WAITING,
                    ahead.queue_number <= registration.queue_number)
             .correlate(registration).scalar_subquery())
    return case((registration.status == WAITING, count), else_=None)


def _visible(query, user):
    return query if is_secretariat(user) else query.where(Meeting.state != DRAFT)


def meeting_list(user, when, now):
    """Upcoming (soonest first) or past (latest first) meetings, each row with the confirmed
    count, the user's own status and waiting-list place."""
    mine = aliased(Registration)
    query = (select(Meeting, _confirmed_count().label("confirmed"),
                    mine.status.label("my_status"), _waiting_position(mine).label("position"))
             .outerjoin(mine, and_(mine.meeting_id == Meeting.id, mine.user_id == user.id)))
    query = _visible(query, user)
    if when == "past":
        return query.where(Meeting.ends_at < now).order_by(Meeting.starts_at.desc(),
                                                            Meeting.id.desc())
    return query.where(Meeting.ends_at >= now).order_by(Meeting.starts_at, Meeting.id)


MAX_ID = 2 ** 31 - 1   # larger numbers in an address are no row, and SQLite cannot bind them


def meeting_or_404(meeting_id, user):
    """The meeting, if this user may see it (drafts are the secretariat's): else 404."""
    meeting = db.session.get(Meeting, meeting_id) if 0 < meeting_id <= MAX_ID else None
    if meeting is None or not rules.may_see(user, meeting):
        abort(404)
    return meeting


def registration_or_404(meeting, registration_id):
    if not 0 < registration_id <= MAX_ID:
        abort(404)
    registration = db.session.scalar(
        select(Registration).where(Registration.id == registration_id,
                                   Registration.meeting_id == meeting.id))
    if registration is None:
        abort(404)
    return registration


def figures(meeting, user):
    """Seats left overall and for the user's organisation, the user's registration and place
    on the waiting list, and whether their organisation took part."""
    rows = db.session.execute(
        select(Registration.org_id, Registration.status, func.count(Registration.id))
        .where(Registration.meeting_id == meeting.id, Registration.status != CANCELLED)
        .group_by(Registration.org_id, Registration.status)).all()
    confirmed = sum(n for _org, status, n in rows if status == CONFIRMED)
    org_confirmed = sum(n for org, status, n in rows if status == CONFIRMED and org == user.org_id)
    mine = db.session.execute(
        select(Registration, _waiting_position(Registration))
        .where(Registration.meeting_id == meeting.id, Registration.user_id == user.id)).first()
    seats_left = max(0, meeting.seats - confirmed)
    org_left = None
    if meeting.org_quota is not None and user.org_id is not None:
        org_left = min(seats_left, max(0, meeting.org_quota - org_confirmed))
    return {
        "confirmed": confirmed,
        "waiting": sum(n for _org, status, n in rows if status == WAITING),
        "seats_left": seats_left,
        "org_left": org_left,
        "registration": mine[0] if mine else None,
        "position": mine[1] if mine else None,
        "org_took_part": user.org_id is not None and org_confirmed > 0,
    }


def org_registrations(meeting, org_id):
    """A focal point's view: their colleagues' registrations for the meeting, with places."""
    return db.session.execute(
        select(Registration, _waiting_position(Registration))
        .join(Registration.user).options(contains_eager(Registration.user))
        .where(Registration.meeting_id == meeting.id, Registration.org_id == org_id,
               Registration.status != CANCELLED)
        .order_by(Registration.status, Registration.queue_number).limit(500)).all()


def colleagues_to_register(meeting, user):
    """Active colleagues of a focal point not yet registered (or who cancelled)."""
    taken = (select(Registration.user_id)
             .where(Registration.meeting_id == meeting.id, Registration.status != CANCELLED))
    return db.session.scalars(
        select(User).where(User.org_id == user.org_id, User.active.is_(True),
                           User.role == "member", User.id.not_in(taken))
        .order_by(User.name, User.id).limit(500)).all()


def registrations_list(meeting):
    """Every registration of a meeting grouped by organisation (by name), confirmed first,
    then the waiting list in its order, then cancellations; rows are (registration, place)."""
    org_name = Organisation.name_ar if language() == "ar" else Organisation.name_en
    status_order = case({CONFIRMED: 0, WAITING: 1}, value=Registration.status, else_=2)
    return (select(Registration, _waiting_position(Registration).label("position"))
            .join(Registration.org).join(Registration.user)
            .options(contains_eager(Registration.org), contains_eager(Registration.user),
                     selectinload(Registration.registered_by))
            .where(Registration.meeting_id == meeting.id)
            .order_by(org_name, Organisation.id, status_order, Registration.queue_number,
                      Registration.id))


def org_summary(meeting):
    """Per organisation: confirmed and waiting (one grouped query)."""
    org_name = Organisation.name_ar if language() == "ar" else Organisation.name_en
    return db.session.execute(
        select(Organisation,
               func.count(Registration.id).filter(Registration.status == CONFIRMED),
               func.count(Registration.id).filter(Registration.status == WAITING),
               func.count(Registration.id).filter(Registration.attended.is_(True)))
        .join(Registration, Registration.org_id == Organisation.id)
        .where(Registration.meeting_id == meeting.id, Registration.status != CANCELLED)
        .group_by(Organisation.id).order_by(org_name)).all()


def upcoming_for(user, now, limit=10):
    """The user's upcoming meetings (confirmed or waiting), soonest first, with places."""
    return db.session.execute(
        select(Registration, _waiting_position(Registration).label("position"))
        .join(Registration.meeting).options(contains_eager(Registration.meeting))
        .where(Registration.user_id == user.id, Registration.status != CANCELLED,
               Meeting.state != DRAFT, Meeting.ends_at >= now)
        .order_by(Meeting.starts_at, Meeting.id).limit(limit)).all()


def feed_meetings(user, now):
    """The meetings of a user's calendar feed: confirmed ones from the last year on."""
    return db.session.scalars(
        select(Meeting).join(Registration, Registration.meeting_id == Meeting.id)
        .where(Registration.user_id == user.id, Registration.status == CONFIRMED,
               Meeting.state != DRAFT, Meeting.ends_at >= now - timedelta(days=365))
        .order_by(Meeting.starts_at, Meeting.id).limit(500)).all()


def has_feed(user):
    return db.session.get(CalendarFeed, user.id) is not None
