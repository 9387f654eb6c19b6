"""Moderation: the secretariat's queue of submissions of every kind, and the decisions."""
from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/secretariat/moderation")

from . import routes  # noqa: E402,F401
