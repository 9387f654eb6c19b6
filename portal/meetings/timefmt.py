"""Times of a meeting, in the meeting's own time zone with the zone named.

``format_meeting_time(dt, "Europe/Istanbul")`` → ``الجمعة ١ أيار ٢٠٢٦، ١٠:٠٠ (توقيت تركيا،
غرينتش+٠٣:٠٠)`` on Arabic pages, ``Friday 1 May 2026, 10:00 (Türkiye Time, GMT+03:00)`` in
English. The same helpers read the times the secretariat types (naive, in the meeting's zone).
"""
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_datetime, get_timezone_location
from flask_babel import gettext as _

from ..i18n import FORMAT_LOCALE, language, localize_digits

# The zones offered in the meeting form: the alliance's seat first, then where members meet.
ZONES = (
    "Europe/Istanbul", "Asia/Damascus", "Asia/Beirut", "Asia/Amman", "Asia/Baghdad",
    "Europe/Berlin", "Europe/Brussels", "Europe/Paris", "Europe/Zurich", "Europe/London",
    "America/New_York", "UTC",
)


def zone(name):
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def aware(value):
    """SQLite hands back naive datetimes (stored in UTC): make them aware."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def to_local(value, tz_name):
    return aware(value).astimezone(zone(tz_name)) if value is not None else None


def from_local(naive, tz_name):
    """A time typed in the meeting's zone → an aware UTC datetime."""
    if naive is None:
        return None
    return naive.replace(tzinfo=zone(tz_name)).astimezone(timezone.utc)


def start_of_local_day(value, tz_name):
    """Midnight (in the meeting's zone) of the day ``value`` falls on, as an aware datetime."""
    local = to_local(value, tz_name)
    return datetime.combine(local.date(), time(0), tzinfo=local.tzinfo)


def zone_label(tz_name, at=None):
    """The zone's name in the page's language and its offset at ``at`` (summer time counts):
    ``Türkiye Time, GMT+03:00``."""
    tz = zone(tz_name)
    locale = FORMAT_LOCALE[language()]
    offset = format_datetime(aware(at) or datetime.now(timezone.utc), "ZZZZ", tzinfo=tz,
                             locale=locale)
    if tz.key in ("UTC", "Etc/UTC"):
        return localize_digits("UTC")
    name = get_timezone_location(tz, locale=locale)
    return localize_digits(_("%(zone)s, %(offset)s", zone=name, offset=offset))


def _long_format():
    return "EEEE d MMMM y، HH:mm" if language() == "ar" else "EEEE d MMMM y, HH:mm"


def format_meeting_time(value, tz_name, fmt=None, with_zone=True):
    """A time in the meeting's zone, in the page's language, with the zone named."""
    if value is None:
        return ""
    fmt = fmt or _long_format()
    local = to_local(value, tz_name)
    text = format_datetime(local, fmt, tzinfo=local.tzinfo, locale=FORMAT_LOCALE[language()])
    if not with_zone:
        return localize_digits(text)
    return localize_digits(_("%(time)s (%(zone)s)", time=text, zone=zone_label(tz_name, value)))


def format_meeting_span(meeting):
    """Start and end: the end's time only when both fall on the same local day."""
    start = to_local(meeting.starts_at, meeting.timezone)
    end = to_local(meeting.ends_at, meeting.timezone)
    end_fmt = "HH:mm" if start.date() == end.date() else _long_format()
    return _("%(start)s – %(end)s (%(zone)s)",
             start=format_meeting_time(start, meeting.timezone, with_zone=False),
             end=format_meeting_time(end, meeting.timezone, fmt=end_fmt, with_zone=False),
             zone=zone_label(meeting.timezone, meeting.starts_at))


def local_input_value(value, tz_name):
    """The value of a ``datetime-local`` input for a stored time."""
    local = to_local(value, tz_name)
    return local.strftime("%Y-%m-%dT%H:%M") if local else ""


def day_after_tomorrow(now, tz_name):
    """Midnight at the end of tomorrow in the zone (reminders go out up to then)."""
    today = to_local(now, tz_name).date()
    return datetime.combine(today + timedelta(days=2), time(0), tzinfo=zone(tz_name))
