"""Activity views."""
from flask import render_template

from ..permissions import public
from . import bp


@bp.route("")
@public
def index():
    """The activity list (placeholder until the feature lands)."""
    return render_template("activities/list.html")
