"""Changes a user makes to their own account."""
from ..extensions import db
from ..models import User


def set_language(user, lang):
    """Remember the user's language (chosen with the language switch)."""
    user.locale = lang
    db.session.commit()


def colleagues(user):
    """The active and inactive staff of the user's organisation, focal points first."""
    if user.org_id is None:
        return db.session.scalars(
            db.select(User).where(User.role == "secretariat").order_by(User.name)
        ).all()
    return db.session.scalars(
        db.select(User).where(User.org_id == user.org_id)
        .order_by(User.active.desc(), User.is_org_admin.desc(), User.name)
    ).all()
