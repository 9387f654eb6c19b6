"""Sector activities: members post who does what, where and when."""
from flask import Blueprint

bp = Blueprint("activities", __name__, url_prefix="/activities")

from . import routes  # noqa: E402,F401
