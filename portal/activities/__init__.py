"""Sector activities: members post who does what, where and when."""
from flask import Blueprint

bp = Blueprint("activities", __name__, url_prefix="/activities")

# The moderated kind, the dashboard panel and the views register themselves on import.
from . import kind, panel, routes  # noqa: E402,F401
from .progress import kind as progress_kind  # noqa: E402,F401
from .progress import panel as progress_panel, routes as progress_routes  # noqa: E402,F401
