"""Volunteer applications (personal data, for the secretariat only): list, read, mark handled,
export as CSV, delete."""
import csv
import io
from datetime import timezone
from zoneinfo import ZoneInfo

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..forms import ActionForm
from ..pagination import paginate
from ..permissions import recent_auth_required, secretariat_required
from . import bp, queries, services
from .forms import VolunteerFilterForm

# A cell starting with one of these would be run as a formula by a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@bp.route("/volunteers")
@secretariat_required
def volunteers():
    """Applications, newest first; all of them, or only those handled or not handled yet."""
    form = VolunteerFilterForm()
    status = form.choice("status")
    page = paginate(queries.volunteers_query(status))
    return render_template("secretariat/volunteers.html", page=page, form=form, status=status)


@bp.route("/volunteers/<int:application_id>")
@secretariat_required
def volunteer(application_id):
    """One application in full, with the buttons to mark it handled or delete it."""
    application = queries.volunteer_or_404(application_id)
    return render_template("secretariat/volunteer.html", application=application)


@bp.route("/volunteers/<int:application_id>/handled", methods=["POST"])
@secretariat_required
def volunteer_handled(application_id):
    """Mark an application as dealt with (who and when are recorded)."""
    application = queries.volunteer_or_404(application_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if services.mark_handled(current_user, application):
        flash(_("The application has been marked as handled."), "success")
    else:
        flash(_("This application had already been handled."), "info")
    return redirect(url_for("secretariat.volunteer", application_id=application.id))


@bp.route("/volunteers/<int:application_id>/delete", methods=["GET", "POST"])
@secretariat_required
@recent_auth_required
def volunteer_delete(application_id):
    """Ask for confirmation, then erase an application for good."""
    application = queries.volunteer_or_404(application_id)
    form = ActionForm()
    if form.validate_on_submit():
        services.delete_application(current_user, application)
        flash(_("The application has been deleted."), "success")
        return redirect(url_for("secretariat.volunteers"))
    return render_template("secretariat/volunteer_delete.html", application=application)


def _cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _when(value, zone):
    if value is None:
        return ""
    local = value.replace(tzinfo=value.tzinfo or timezone.utc).astimezone(zone)
    return local.strftime("%Y-%m-%d %H:%M")


@bp.route("/volunteers/export.csv")
@secretariat_required
@recent_auth_required
def volunteers_export():
    """The applications (all, or those of the chosen filter) as a CSV file that Excel opens
    with Arabic intact."""
    status = VolunteerFilterForm().choice("status")
    zone = ZoneInfo(current_app.config.get("DISPLAY_TIMEZONE", "UTC"))
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([_("Received"), _("Name"), _("Email"), _("Phone"), _("City"), _("Skills"),
                     _("Availability"), _("Hours per week"), _("Message"), _("Language"),
                     _("Handled")])
    for a in db.session.scalars(queries.volunteers_query(status)):
        writer.writerow([_cell(v) for v in (
            _when(a.created_at, zone), a.name, a.email, a.phone, a.city, a.skills, a.availability,
            a.hours_per_week, a.message, a.locale, _when(a.handled_at, zone))])
    name = "volunteers-%s.csv" % (status or "all")
    return Response(out.getvalue().encode("utf-8"), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={name}",
                             "Cache-Control": "no-store"})
