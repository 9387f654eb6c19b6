"""The 4W coordination view: sectors × governorates, gaps and overlaps."""
from flask import Blueprint

bp = Blueprint("coordination", __name__, url_prefix="/coordination")

from . import routes  # noqa: E402,F401
