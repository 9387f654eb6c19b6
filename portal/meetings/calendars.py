"""Calendars: a meeting's .ics file, and each person's secret feed of confirmed meetings."""
from flask import Response, abort, flash, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..forms import ActionForm
from ..models import utcnow
from ..permissions import member_required, public
from ..urls import external_url
from . import bp, feeds, ics, queries, rules


def _calendar_response(body, filename):
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "private, no-cache"})


@bp.route("/<int:meeting_id>.ics")
@member_required
def meeting_ics(meeting_id):
    """The meeting for one's calendar (the online link only for confirmed participants)."""
    user = current_user._get_current_object()
    meeting = queries.meeting_or_404(meeting_id, user)
    registration = queries.figures(meeting, user)["registration"]
    body = ics.calendar([meeting], with_link=lambda m: rules.sees_online_link(user, registration))
    return _calendar_response(body, f"meeting-{meeting.id}.ics")


@bp.route("/calendar")
@member_required
def calendar_page():
    """How to follow one's confirmed meetings in a calendar app, and the button that makes
    (or replaces) the secret address."""
    return render_template("meetings/calendar.html", token=None,
                           has_feed=queries.has_feed(current_user), form=ActionForm())


@bp.route("/calendar/reset", methods=["POST"])
@member_required
def calendar_reset():
    """Make a new secret calendar address (shown once); the previous one stops working."""
    if not ActionForm().validate_on_submit():
        abort(400)
    token = feeds.reset_feed(current_user._get_current_object())
    flash(_("Your new calendar address is below. Copy it now: it is shown only once."), "success")
    return render_template("meetings/calendar.html", has_feed=True, form=ActionForm(),
                           feed_url=external_url("meetings.feed", token=token))


@bp.route("/feed/<token>.ics")
@public
def feed(token):
    """The secret calendar feed: the token owner's confirmed meetings, without logging in.

    Public by design (calendar apps cannot log in); it serves nobody's data but the owner's,
    and an unknown or replaced token is a 404.
    """
    user = feeds.feed_owner(token)
    if user is None:
        abort(404)
    meetings = queries.feed_meetings(user, utcnow())
    with force_locale(user.locale or "ar"):
        body = ics.calendar(meetings, with_link=lambda m: True,
                            name=_("Alliance meetings: %(name)s", name=user.name))
    response = _calendar_response(body, "alliance-meetings.ics")
    response.headers["Content-Disposition"] = 'inline; filename="alliance-meetings.ics"'
    response.headers["X-Robots-Tag"] = "noindex"
    return response
