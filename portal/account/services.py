"""Changes a user makes to their own account."""
from ..extensions import db
from ..models import User


def set_language(user, lang):
    """Remember the user's language (chosen with the language switch)."""
    user.locale = lang
    db.session.commit()


def colleagues_query(user):
    """The staff of the user's organisation (or the secretariat), active and focal points first."""
    if user.org_id is None:
        return db.select(User).where(User.role == "secretariat").order_by(User.active.desc(), User.name, User.id)
    return (db.select(User).where(User.org_id == user.org_id)
            .order_by(User.active.desc(), User.is_org_admin.desc(), User.name, User.id))
