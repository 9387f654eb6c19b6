"""Monthly progress views, on the activities blueprint: an activity's months, one report, and
the organisation's forms to report a month and to correct one.

Who sees the activity (``portal.visibility``) sees its approved reports; its organisation and
the secretariat also see the others, with their review state. Only the staff of the activity's
organisation report or correct (403 for others who see the activity, 404 for the rest).
"""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...models.moderation import ARCHIVED
from ...pagecache import cached_for_visitors
from ...permissions import member_required, public
from ...visibility import may_edit
from .. import bp
from ..reached import has_approved_reports, reached_of
from ..routes import _insider, _visible_or_404
from . import queries, services
from .forms import ProgressForm, parse_month
from .kind import month_label, snapshot
from .rules import is_published


def _open(activity):
    """Progress can be reported: the activity is published and not archived."""
    return is_published(activity) and activity.review_state != ARCHIVED


def _report_or_404(report_id):
    """A report whose activity the user sees; a report not approved only for insiders."""
    report = queries.get(report_id)
    if report is None:
        abort(404)
    activity = _visible_or_404(report.activity_id)
    if not is_published(report) and not _insider(activity):
        abort(404)
    return report, activity


def _version(form):
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return None


@bp.route("/<int:id>/progress")
@public
@cached_for_visitors
def progress(id):
    """The activity's months: approved reports for everyone; its organisation and the
    secretariat also see the reports awaiting review or sent back, with their state."""
    activity = _visible_or_404(id)
    insider = _insider(activity)
    return render_template("activities/progress/list.html", item=activity, insider=insider,
                           reports=queries.reports(activity.id, everything=insider),
                           reached=reached_of(activity.id),
                           from_reports=has_approved_reports(activity.id),
                           can_report=may_edit(activity, current_user) and _open(activity))


@bp.route("/progress/<int:id>")
@public
@cached_for_visitors
def progress_report(id):
    """One month: the approved figures, and for insiders the state, the secretariat's comment
    and a correction awaiting approval."""
    report, activity = _report_or_404(id)
    insider = _insider(activity)
    pending = report.proposal if insider and report.has_pending_edit else None
    return render_template("activities/progress/report.html", report=report, item=activity,
                           insider=insider, pending=pending,
                           editable=may_edit(activity, current_user) and _open(activity))


@bp.route("/<int:id>/progress/new", methods=["GET", "POST"])
@member_required
def progress_new(id):
    """Report a month of one's own organisation's published activity; it goes to the
    secretariat for review. A month already reported points to its correction form."""
    activity = _visible_or_404(id)
    if not may_edit(activity, current_user):
        abort(403)
    if not _open(activity):
        flash(_("Progress can be reported once the activity is approved, and not after it is "
                "archived."), "error")
        return redirect(url_for("activities.detail", id=activity.id))
    form = ProgressForm(activity=activity)
    if not form.is_submitted():
        form.month.data = parse_month(request.args.get("month", ""))  # from the dashboard's link
    existing = None
    if form.validate_on_submit():
        try:
            report = services.create(activity, current_user._get_current_object(), form.month.data,
                                     form.figures())
        except services.MonthTaken as taken:
            existing = taken.existing
        except services.BadMonth as bad:
            form.month.errors.append(str(bad.message))
        else:
            flash(_("The report for %(month)s has been sent to the secretariat for review.",
                    month=month_label(report.month)), "success")
            return redirect(url_for(".progress", id=activity.id))
    elif form.is_submitted() and form.month.data and not form.month.errors:
        existing = services.report_for(activity.id, form.month.data)  # say it now, not after the fix
    if existing is not None and not form.month.errors:
        form.month.errors.append(_("%(month)s is already reported. Correct that report instead.",
                                   month=month_label(existing.month)))
    return render_template("activities/progress/form.html", form=form, item=activity, report=None,
                           existing=existing)


@bp.route("/progress/<int:id>/edit", methods=["GET", "POST"])
@member_required
def progress_edit(id):
    """Correct a month's figures or note. An approved report keeps its approved figures visible
    until the secretariat approves the correction."""
    report, activity = _report_or_404(id)
    if not may_edit(activity, current_user):
        abort(403)
    if not _open(activity):
        flash(_("The progress of an archived activity cannot be changed."), "error")
        return redirect(url_for(".progress_report", id=report.id))
    form = ProgressForm(activity=activity, fixed_month=True)
    status = 200
    if not form.is_submitted():
        form.fill(report.proposal if report.proposal is not None else snapshot(report))
        form.version.data = str(report.lock_version)
    elif form.validate():
        try:
            changed = services.update(report, current_user._get_current_object(), form.figures(),
                                      seen_version=_version(form))
        except services.Conflict:
            flash(_("Someone else changed this report while you were editing it. Your figures "
                    "are kept below: open the report again to see their changes before "
                    "saving."), "error")
            status = 409
        else:
            if changed:
                flash(_("The correction has been sent to the secretariat for review."), "success")
            else:
                flash(_("Nothing was changed: the approved figures stay as they are."), "info")
            return redirect(url_for(".progress_report", id=report.id))
    return render_template("activities/progress/form.html", form=form, item=activity, report=report,
                           existing=None), status



@bp.context_processor
def _progress_labels():
    """Month names for the progress templates and the activity page."""
    return {"month_label": month_label}
