"""Logging in and out, password resets, and accepting invitations."""
from flask import Blueprint

from ..extensions import db, login_manager
from ..models import User

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def _load_user(session_token):
    """Sessions hold the user's current session token: a rotated token ends the session."""
    return db.session.scalar(db.select(User).where(User.session_token == session_token))


from . import routes  # noqa: E402,F401
