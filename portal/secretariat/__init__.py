"""The secretariat's area: organisations, users, public pages, volunteers, outbox, audit log."""
from flask import Blueprint

bp = Blueprint("secretariat", __name__, url_prefix="/secretariat")

from . import audit_log, orgs, outbox, pages, routes, users, volunteers  # noqa: E402,F401
