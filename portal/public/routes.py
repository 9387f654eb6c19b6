"""Home, charter, privacy notice, volunteering and the health check."""
from flask import abort, current_app, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import text

from ..extensions import db, limiter
from ..i18n import language
from ..pagecache import cached_for_visitors
from ..permissions import public
from . import FOUNDED, bp, services
from .forms import VolunteerForm


@bp.route("/")
@public
@cached_for_visitors
def home():
    """Who the alliance is, with live figures."""
    return render_template("public/home.html", page=services.page("home"),
                           figures=services.public_figures(), founded=FOUNDED)


@bp.route("/charter")
@public
@cached_for_visitors
def charter():
    """Vision, mission and values."""
    page = services.page("charter")
    if page is None:
        abort(404)
    return render_template("public/page.html", page=page)


@bp.route("/privacy")
@public
@cached_for_visitors
def privacy():
    """The privacy notice: what personal data the alliance holds, why, how long, and the
    rights of the people it is about."""
    page = services.page("privacy")
    if page is None:
        abort(404)
    return render_template("public/page.html", page=page)


@bp.route("/volunteer", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["VOLUNTEER_LIMITS"], methods=["POST"])
@public
def volunteer():
    """The volunteer form; what is typed stays in the form when something needs fixing."""
    form = VolunteerForm()
    if form.validate_on_submit():
        services.receive_volunteer(form, language())
        flash(_("Thank you! The secretariat will contact you."), "success")
        return redirect(url_for("public.volunteer_thanks"))
    return render_template("public/volunteer.html", form=form, page=services.page("volunteer"))


@bp.route("/volunteer/thanks")
@public
def volunteer_thanks():
    """Confirmation after sending the volunteer form."""
    return render_template("public/volunteer_thanks.html")


@bp.route("/healthz")
@public
def healthz():
    """200 with a small JSON body when the database answers, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means unhealthy
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
