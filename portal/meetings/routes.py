"""Meeting views."""
from flask import render_template

from ..permissions import member_required
from . import bp


@bp.route("")
@member_required
def index():
    """Upcoming and past meetings (placeholder until the feature lands)."""
    return render_template("meetings/list.html")
