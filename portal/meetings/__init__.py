"""Joint advocacy meetings: the secretariat convenes, members register within seats and quotas.

Members: ``routes`` (list, meeting, register, cancel) and ``calendars`` (.ics, personal feed).
The secretariat: ``manage``. Writes: ``services`` (seats and the waiting list), ``convening``
(meetings, attendance, minutes), ``feeds``, ``reminders``. Reads: ``queries``.
"""
from flask import Blueprint

bp = Blueprint("meetings", __name__, url_prefix="/meetings")

from . import calendars, manage, panel, routes, timefmt  # noqa: E402,F401

bp.add_app_template_filter(timefmt.format_meeting_time, "meeting_time")
bp.add_app_template_filter(timefmt.format_meeting_span, "meeting_span")
bp.add_app_template_global(timefmt.zone_label, "meeting_zone")
