"""Personal calendar feeds: a secret address per user, of which only a hash is kept."""
from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..models import CalendarFeed, User, utcnow
from ..security import new_token, token_hash


def reset_feed(user):
    """Give the user a new secret calendar address; the previous one stops working at once.

    Returns the token (shown once: only its hash is stored).
    """
    token, digest = new_token()
    feed = db.session.get(CalendarFeed, user.id)
    existed = feed is not None
    if feed is None:
        feed = CalendarFeed(user_id=user.id)
        db.session.add(feed)
    feed.token_hash = digest
    feed.created_at = utcnow()
    audit.record("calendar_feed.reset" if existed else "calendar_feed.created", actor=user,
                 kind="calendar_feed", object_id=user.id)
    db.session.commit()
    return token


def feed_owner(token):
    """The active user whose calendar address holds ``token``, or None."""
    if not token or len(token) > 100:
        return None
    user = db.session.scalar(
        select(User).join(CalendarFeed, CalendarFeed.user_id == User.id)
        .where(CalendarFeed.token_hash == token_hash(token)))
    return user if user is not None and user.is_active else None
