"""Public pages: home, charter, volunteering, health check."""
from datetime import date

from flask import Blueprint

FOUNDED = date(2014, 4, 2)

bp = Blueprint("public", __name__)


@bp.app_context_processor
def _alliance_facts():
    return {"founded_date": FOUNDED}


from . import routes  # noqa: E402,F401
