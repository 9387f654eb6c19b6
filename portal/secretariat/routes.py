"""The secretariat's start page."""
from flask import render_template

from ..permissions import secretariat_required
from . import bp, queries


@bp.route("/")
@secretariat_required
def index():
    """Links to every part of the secretariat area, with what is waiting: unsent mail and
    volunteer applications nobody has handled yet."""
    return render_template("secretariat/index.html", counts=queries.index_counts())
