"""The secretariat convenes: create and edit meetings, cancel them, see and export the
registrations by organisation, confirm from the waiting list, mark attendance, write minutes."""
from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..forms import ActionForm
from ..i18n import format_number
from ..models import utcnow
from ..pagination import paginate
from ..permissions import secretariat_required
from . import bp, convening, queries, rules, services
from .csv_export import registrations_csv
from .forms import CancelMeetingForm, MeetingForm, MinutesForm, id_list
from .routes import refusal


def _user():
    return current_user._get_current_object()


def _problem_message(problem):
    if problem.field == "seats":
        return _("%(n)s people are confirmed already: there cannot be fewer seats.",
                 n=format_number(problem.n))
    if problem.field == "org_quota":
        return _("An organisation has %(n)s people confirmed already: the seats per "
                 "organisation cannot be fewer.", n=format_number(problem.n))
    return _("People are registered: the meeting cannot go back to draft. Cancel it instead.")


@bp.route("/new", methods=["GET", "POST"])
@secretariat_required
def new():
    """Convene a meeting: titles, agenda, kind, format, place or link, times in a chosen zone,
    seats and quota, registration window and state (a draft is seen by the secretariat only)."""
    form = MeetingForm()
    if form.validate_on_submit():
        meeting = convening.create_meeting(_user(), form.values())
        flash(_("The meeting has been saved."), "success")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return render_template("meetings/form.html", form=form, meeting=None)


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
@secretariat_required
def edit(meeting_id):
    """Edit a meeting. More seats (or a larger quota) confirm waiting people in order; a new
    time or place is mailed to confirmed participants."""
    meeting = queries.meeting_or_404(meeting_id, _user())
    if meeting.is_cancelled:
        flash(refusal("cancelled"), "error")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    form = MeetingForm.for_meeting(meeting)
    if form.validate_on_submit():
        try:
            changed = convening.update_meeting(_user(), meeting, form.values())
        except convening.MeetingProblem as problem:
            form[problem.field].errors.append(_problem_message(problem))
        except services.Refused as refused:
            flash(refusal(refused.reason), "error")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id))
        else:
            flash(_("The meeting has been saved.") if changed else
                  _("Nothing was changed, so nothing was saved."), "success" if changed else "info")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return render_template("meetings/form.html", form=form, meeting=meeting)


@bp.route("/<int:meeting_id>/cancel", methods=["GET", "POST"])
@secretariat_required
def cancel_meeting(meeting_id):
    """Cancel a meeting (after a confirmation page): everyone registered is told by email."""
    meeting = queries.meeting_or_404(meeting_id, _user())
    form = CancelMeetingForm()
    if form.validate_on_submit():
        try:
            told = convening.cancel_meeting(_user(), meeting, (form.message.data or "").strip())
        except services.Refused as refused:
            flash(refusal(refused.reason), "error")
        else:
            flash(_("The meeting has been cancelled; %(n)s people were told by email.",
                    n=format_number(told)), "success")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    figures = queries.figures(meeting, _user())
    return render_template("meetings/cancel.html", form=form, meeting=meeting, figures=figures)


@bp.route("/<int:meeting_id>/registrations")
@secretariat_required
def registrations(meeting_id):
    """Registrations grouped by organisation, with waiting-list places; from the meeting's
    day on, a form to mark who attended."""
    meeting = queries.meeting_or_404(meeting_id, _user())
    page = paginate(queries.registrations_list(meeting), size=50, scalars=False)
    now = utcnow()
    summary = queries.org_summary(meeting)
    org_confirmed = {org.id: confirmed for org, confirmed, _waiting, _present in summary}
    seats_left = max(0, meeting.seats - sum(org_confirmed.values()))
    return render_template("meetings/registrations.html", meeting=meeting, page=page,
                           summary=summary, seats_left=seats_left, org_confirmed=org_confirmed,
                           attendance_open=rules.attendance_open(meeting, now),
                           may_change=rules.before_start(meeting, now))


@bp.route("/<int:meeting_id>/registrations.csv")
@secretariat_required
def registrations_export(meeting_id):
    """All registrations as CSV (UTF-8 with BOM, for spreadsheets; safe against formulas)."""
    meeting = queries.meeting_or_404(meeting_id, _user())
    rows = db.session.execute(queries.registrations_list(meeting)).all()
    return Response(registrations_csv(meeting, rows), mimetype="text/csv",
                    headers={"Content-Disposition":
                             f'attachment; filename="meeting-{meeting.id}-registrations.csv"',
                             "Cache-Control": "no-store"})


@bp.route("/<int:meeting_id>/registrations/<int:registration_id>/confirm", methods=["POST"])
@secretariat_required
def confirm(meeting_id, registration_id):
    """Confirm someone from the waiting list by hand, into a free seat (past the quota if
    need be); they are told by email."""
    meeting = queries.meeting_or_404(meeting_id, _user())
    registration = queries.registration_or_404(meeting, registration_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        services.confirm_by_hand(_user(), registration)
    except services.Refused as refused:
        flash(refusal(refused.reason), "error")
    else:
        flash(_("%(name)s is confirmed and has been told by email.",
                name=registration.user.name), "success")
    return redirect(url_for("meetings.registrations", meeting_id=meeting.id))


@bp.route("/<int:meeting_id>/attendance", methods=["POST"])
@secretariat_required
def attendance(meeting_id):
    """Save who attended among the confirmed people shown on the page."""
    meeting = queries.meeting_or_404(meeting_id, _user())
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        changed = convening.mark_attendance(_user(), meeting, id_list("shown"), id_list("present"))
    except services.Refused as refused:
        flash(refusal(refused.reason), "error")
    else:
        flash(_("Attendance saved (%(n)s changes).", n=format_number(changed)), "success")
    return redirect(url_for("meetings.registrations", meeting_id=meeting.id))


@bp.route("/<int:meeting_id>/minutes", methods=["GET", "POST"])
@secretariat_required
def minutes(meeting_id):
    """Write the minutes or action points (Markdown) once the meeting has started; the
    organisations that took part read them on the meeting's page."""
    meeting = queries.meeting_or_404(meeting_id, _user())
    form = MinutesForm(obj=meeting)
    is_open = rules.minutes_open(meeting, utcnow())
    if is_open and form.validate_on_submit():
        saved = convening.save_minutes(_user(), meeting, form.minutes_ar.data, form.minutes_en.data)
        flash(_("The minutes have been saved.") if saved else
              _("Nothing was changed, so nothing was saved."), "success" if saved else "info")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return render_template("meetings/minutes.html", form=form, meeting=meeting, is_open=is_open)
