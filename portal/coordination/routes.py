"""Coordination views."""
from flask import render_template

from ..permissions import public
from . import bp


@bp.route("")
@public
def matrix():
    """The 4W matrix (placeholder until the feature lands)."""
    return render_template("coordination/matrix.html")
