"""Logging in and out, password resets, and accepting invitations."""
from flask import Blueprint

from ..extensions import login_manager

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def _load_user(session_key):
    """The browser holds the random key of its session record; the record decides whether the
    session is still alive (see sessions.py)."""
    from . import sessions

    return sessions.load(session_key)


from . import routes  # noqa: E402,F401
