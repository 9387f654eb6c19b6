"""Secretariat views."""
from flask import render_template

from ..permissions import secretariat_required
from . import bp


@bp.route("/")
@secretariat_required
def index():
    """The secretariat's start page."""
    return render_template("secretariat/index.html")
