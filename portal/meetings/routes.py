"""Meeting views for members: the list, one meeting, registering and giving up a place."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import permissions
from ..extensions import db
from ..forms import ActionForm
from ..i18n import format_number
from ..models import User, utcnow
from ..models.meeting import CONFIRMED
from ..pagination import paginate
from ..permissions import member_required
from . import bp, queries, rules, services
from .forms import RegisterForm

REFUSALS = {
    "not_allowed": _l("You cannot register this person: only colleagues of your own "
                      "organisation."),
    "closed": _l("Registration for this meeting is not open."),
    "already": _l("Already registered for this meeting."),
    "already_cancelled": _l("This registration was already cancelled."),
    "over": _l("This meeting has started or was cancelled: the registration can no longer "
               "be changed."),
    "not_waiting": _l("This person is not on the waiting list any more."),
    "full": _l("The meeting is full. Raise the number of seats first."),
    "cancelled": _l("This meeting was cancelled and can no longer be changed."),
    "too_early": _l("This can only be done once the meeting has started."),
}


def refusal(reason):
    return REFUSALS.get(reason, REFUSALS["not_allowed"])


def _user():
    return current_user._get_current_object()


@bp.route("")
@member_required
def index():
    """Upcoming meetings (soonest first) or past ones, with seats left and one's own status."""
    when = "past" if request.args.get("when") == "past" else "upcoming"
    page = paginate(queries.meeting_list(_user(), when, utcnow()), size=20, scalars=False)
    return render_template("meetings/list.html", page=page, when=when)


@bp.route("/<int:meeting_id>")
@member_required
def detail(meeting_id):
    """One meeting: when (in its own zone), where, agenda, seats left overall and for one's
    organisation, one's registration or place on the waiting list, and the minutes for the
    organisations that took part."""
    user = _user()
    meeting = queries.meeting_or_404(meeting_id, user)
    now = utcnow()
    figures = queries.figures(meeting, user)
    register_form = RegisterForm()
    colleagues, org_registrations = [], []
    if user.is_org_admin and user.org_id and not permissions.is_secretariat(user):
        colleagues = queries.colleagues_to_register(meeting, user)
        register_form.set_colleagues(colleagues)
        org_registrations = queries.org_registrations(meeting, user.org_id)
    return render_template(
        "meetings/detail.html", meeting=meeting, figures=figures,
        window=rules.registration_window(meeting, now), register_form=register_form,
        colleagues=colleagues, org_registrations=org_registrations,
        sees_link=rules.sees_online_link(user, figures["registration"]),
        sees_minutes=permissions.is_secretariat(user) or figures["org_took_part"],
        may_leave=rules.may_leave(figures["registration"], meeting, now),
        before_start=rules.before_start(meeting, now))


@bp.route("/<int:meeting_id>/register", methods=["POST"])
@member_required
def register(meeting_id):
    """Register oneself, or (a focal point) a colleague: confirmed when a seat is free within
    the organisation's quota, otherwise on the waiting list with one's place shown."""
    user = _user()
    meeting = queries.meeting_or_404(meeting_id, user)
    form = RegisterForm()
    if not form.validate_on_submit():
        abort(400)
    person = user
    chosen = form.person_id()
    if form.person.data and chosen is None:
        abort(400)
    if chosen is not None and chosen != user.id:
        person = db.session.get(User, chosen)
        if person is None:
            abort(404)
    try:
        registration = services.register(user, meeting, person)
    except services.Refused as refused:
        if refused.reason == "not_allowed":
            abort(403)
        flash(refusal(refused.reason), "info" if refused.reason == "already" else "error")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    _flash_registered(registration, person, user)
    return redirect(url_for("meetings.detail", meeting_id=meeting.id))


def _flash_registered(registration, person, user):
    if registration.status == CONFIRMED:
        if person.id == user.id:
            flash(_("You are registered: your seat is confirmed."), "success")
        else:
            flash(_("%(name)s is registered: the seat is confirmed.", name=person.name), "success")
        return
    position = queries.figures(registration.meeting, person)["position"]
    if person.id == user.id:
        flash(_("The meeting is full for now: you are number %(n)s on the waiting list.",
                n=format_number(position)), "info")
    else:
        flash(_("The meeting is full for now: %(name)s is number %(n)s on the waiting list.",
                name=person.name, n=format_number(position)), "info")


@bp.route("/<int:meeting_id>/registrations/<int:registration_id>/cancel", methods=["POST"])
@member_required
def cancel_registration(meeting_id, registration_id):
    """Give up one's place (or leave the waiting list) until the meeting starts; a focal point
    may do so for colleagues, the secretariat for anyone. The seat goes to the first eligible
    person waiting, who is told by email."""
    user = _user()
    meeting = queries.meeting_or_404(meeting_id, user)
    registration = queries.registration_or_404(meeting, registration_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        services.cancel(user, registration)
    except services.Refused as refused:
        if refused.reason == "not_allowed":
            abort(403)
        flash(refusal(refused.reason), "error")
    else:
        flash(_("The registration has been cancelled."), "success")
    if permissions.is_secretariat(user):
        return redirect(url_for("meetings.registrations", meeting_id=meeting.id))
    return redirect(url_for("meetings.detail", meeting_id=meeting.id))
