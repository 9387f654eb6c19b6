"""Who may do what with a meeting, and when registration is open: for views, services and
templates alike (the object rules of ``portal.permissions``, for meetings)."""
from ..models.meeting import CANCELLED, CONFIRMED, DRAFT, OPEN
from ..permissions import is_secretariat
from .timefmt import aware, start_of_local_day


def may_see(user, meeting):
    """Drafts are the secretariat's alone; every other meeting is for every logged-in user."""
    return meeting.state != DRAFT or is_secretariat(user)


def may_register(actor, person):
    """A member registers themselves; a focal point also colleagues of their own organisation."""
    if not (actor and actor.is_authenticated and person is not None):
        return False
    if person.role != "member" or person.org_id is None or not person.is_active:
        return False
    if actor.id == person.id:
        return True
    return bool(actor.role == "member" and actor.is_org_admin and actor.org_id == person.org_id)


def may_cancel(actor, registration):
    """The person, a focal point of the organisation the seat counts against, the secretariat."""
    if is_secretariat(actor):
        return True
    if actor.id == registration.user_id:
        return True
    return bool(actor.is_org_admin and actor.org_id == registration.org_id)


def registration_window(meeting, now):
    """``"open"``, ``"not_yet"`` (opens later), ``"over"`` (closed, started or cancelled) or
    ``"draft"``."""
    if meeting.state == DRAFT:
        return "draft"
    if meeting.state != OPEN or now >= aware(meeting.starts_at):
        return "over"
    if meeting.registration_closes_at and now >= aware(meeting.registration_closes_at):
        return "over"
    if meeting.registration_opens_at and now < aware(meeting.registration_opens_at):
        return "not_yet"
    return "open"


def registration_open(meeting, now):
    return registration_window(meeting, now) == "open"


def before_start(meeting, now):
    """Seats can still change hands: the meeting has not started and is not cancelled."""
    return meeting.state != CANCELLED and now < aware(meeting.starts_at)


def may_leave(registration, meeting, now):
    """A place can be given up until the meeting starts (not once it is cancelled)."""
    return (registration is not None and registration.status != CANCELLED
            and before_start(meeting, now))


def sees_online_link(user, registration):
    """The online link is for confirmed participants (and the secretariat)."""
    return is_secretariat(user) or (registration is not None and registration.status == CONFIRMED)


def attendance_open(meeting, now):
    """Attendance is marked from the meeting's day (in its own time zone) on."""
    return meeting.state != CANCELLED and now >= start_of_local_day(meeting.starts_at,
                                                                     meeting.timezone)


def minutes_open(meeting, now):
    """Minutes and action points are written once the meeting has started."""
    return meeting.state != CANCELLED and now >= aware(meeting.starts_at)
