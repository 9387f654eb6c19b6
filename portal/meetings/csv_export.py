"""The registrations of a meeting as CSV: UTF-8 with a BOM (so spreadsheets read Arabic),
every cell that a spreadsheet would take for a formula neutralised."""
import csv
import io

from flask_babel import gettext as _

from .timefmt import to_local

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value):
    """A value a spreadsheet shows as text: ``=HYPERLINK(...)`` becomes ``'=HYPERLINK(...)``."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _status(registration):
    return {"confirmed": _("Confirmed"), "waiting": _("Waiting list"),
            "cancelled": _("Cancelled")}.get(registration.status, registration.status)


def _attended(registration):
    if registration.attended is None:
        return ""
    return _("Present") if registration.attended else _("Absent")


def _time(value, tz_name):
    local = to_local(value, tz_name)
    return local.strftime("%Y-%m-%d %H:%M") if local else ""


def registrations_csv(meeting, rows):
    """``rows``: (registration, waiting place) pairs, as ``queries.registrations_list`` gives."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([_("Organisation"), _("Name"), _("Email"), _("Status"),
                     _("Place on the waiting list"),
                     _("Registered (%(zone)s)", zone=meeting.timezone),
                     _("Registered by"), _("Attendance")])
    for registration, position in rows:
        writer.writerow([safe_cell(v) for v in (
            registration.org.tr("name"), registration.user.name, registration.user.email,
            _status(registration), position or "",
            _time(registration.created_at, meeting.timezone),
            registration.registered_by.name if registration.registered_by else "",
            _attended(registration))])
    return out.getvalue().encode("utf-8")
