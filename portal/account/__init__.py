"""The member's own area: dashboard, password, language."""
from flask import Blueprint

bp = Blueprint("account", __name__)

from . import routes, security  # noqa: E402,F401
