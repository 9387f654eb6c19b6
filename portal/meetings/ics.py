"""iCalendar (RFC 5545) files: one meeting, or a person's feed of confirmed meetings.

Times are written in the meeting's own zone (``DTSTART;TZID=Europe/Istanbul``) with its
VTIMEZONE; the UID never changes and SEQUENCE rises with every edit, so a calendar replaces
its copy; a cancelled meeting says STATUS:CANCELLED.
"""
from datetime import timedelta

from flask_babel import gettext as _
from icalendar import Calendar, Event

from ..models import utcnow
from ..urls import external_url
from ..models.meeting import CANCELLED, DRAFT
from .timefmt import aware, to_local

PRODID = "-//Syrian NGO Alliance//Alliance portal//EN"
UID_DOMAIN = "meetings.alliance-portal"


def event_uid(meeting):
    return f"{meeting.uid}@{UID_DOMAIN}"


def _location(meeting, with_link):
    parts = [meeting.venue] if meeting.format != "online" and meeting.venue else []
    if meeting.format != "in_person":
        parts.append(meeting.online_url if with_link and meeting.online_url else _("Online"))
    return " · ".join(p for p in parts if p)


def _description(meeting, with_link, page_url):
    lines = [meeting.tr("agenda")] if meeting.tr("agenda") else []
    if meeting.format != "in_person":
        if with_link and meeting.online_url:
            lines.append(_("Online link: %(url)s", url=meeting.online_url))
        else:
            lines.append(_("The online link is shown to confirmed participants on the portal."))
    lines.append(page_url)
    return "\n\n".join(lines)


def _event(meeting, with_link, stamp):
    page_url = external_url("meetings.detail", meeting_id=meeting.id)
    event = Event()
    event.add("uid", event_uid(meeting))
    event.add("dtstamp", stamp)
    event.add("sequence", meeting.sequence)
    event.add("created", aware(meeting.created_at))
    event.add("last-modified", aware(meeting.updated_at))
    event.add("dtstart", to_local(meeting.starts_at, meeting.timezone))
    event.add("dtend", to_local(meeting.ends_at, meeting.timezone))
    event.add("summary", meeting.tr("title"))
    event.add("description", _description(meeting, with_link, page_url))
    location = _location(meeting, with_link)
    if location:
        event.add("location", location)
    event.add("url", page_url)
    if meeting.state == CANCELLED:
        event.add("status", "CANCELLED")
    elif meeting.state == DRAFT:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    return event


def calendar(meetings, with_link=lambda meeting: False, name=None):
    """The calendar text (bytes) holding ``meetings``; ``with_link(meeting)`` says whether the
    reader may see its online link."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    stamp = utcnow().replace(microsecond=0)
    for meeting in meetings:
        cal.add_component(_event(meeting, with_link(meeting), stamp))
    if meetings:
        first = min(to_local(m.starts_at, m.timezone) for m in meetings).date()
        last = max(to_local(m.ends_at, m.timezone) for m in meetings).date()
        cal.add_missing_timezones(first_date=first - timedelta(days=366),
                                  last_date=last + timedelta(days=366))
    return cal.to_ical()
