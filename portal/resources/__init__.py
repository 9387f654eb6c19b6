"""The resource library: members share documents and links; moderated, findable, downloadable."""
from flask import Blueprint

bp = Blueprint("resources", __name__, url_prefix="/resources")

from . import kind, panel, routes, downloads  # noqa: E402,F401  (the moderated kind, the panel, the views)
