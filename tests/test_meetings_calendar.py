"""Calendars: the .ics of a meeting (parsed back with icalendar) and the secret feed."""
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from portal.extensions import db
from portal.meetings import convening, services
from portal.models import AuditEvent
from tests.conftest import login, post_form
from tests.test_meetings_support import make_meeting  # noqa: F401


def _event(response):
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    cal = Calendar.from_ical(response.get_data())
    (event,) = cal.walk("VEVENT")
    return cal, event


def _values(meeting, **changes):
    values = {f: getattr(meeting, f) for f in convening.FIELDS}
    values.update(changes)
    return values


def test_ics_has_the_meetings_zone_uid_and_sequence(client, make_user, make_meeting):
    start = datetime(2031, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    meeting = make_meeting(starts_at=start, ends_at=start + timedelta(hours=2),
                           timezone="Europe/Berlin", title_en="Berlin briefing")
    member = make_user(locale="en")
    login(client, member)
    cal, event = _event(client.get(f"/meetings/{meeting.id}.ics?lang=en"))
    assert event.decoded("dtstart") == start
    assert event["dtstart"].params["TZID"] == "Europe/Berlin"
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(event["summary"]) == "Berlin briefing"
    assert str(event["status"]) == "CONFIRMED"
    uid, sequence = str(event["uid"]), int(event["sequence"])
    assert "dtstamp" in event and str(cal["version"]) == "2.0" and "prodid" in cal

    secretariat = make_user(role="secretariat")
    convening.update_meeting(secretariat, meeting, _values(meeting, venue="Brussels"))
    _cal, updated = _event(client.get(f"/meetings/{meeting.id}.ics?lang=en"))
    assert str(updated["uid"]) == uid and int(updated["sequence"]) > sequence

    convening.cancel_meeting(secretariat, meeting)
    _cal, cancelled = _event(client.get(f"/meetings/{meeting.id}.ics?lang=en"))
    assert str(cancelled["uid"]) == uid and str(cancelled["status"]) == "CANCELLED"
    assert int(cancelled["sequence"]) > int(updated["sequence"])


def test_default_zone_is_istanbul_and_the_page_names_it(client, make_user, make_meeting):
    meeting = make_meeting(starts_at=datetime(2031, 7, 1, 7, 0, tzinfo=ZoneInfo("UTC")))
    assert meeting.timezone == "Europe/Istanbul"
    login(client, make_user())
    _cal, event = _event(client.get(f"/meetings/{meeting.id}.ics"))
    assert event.decoded("dtstart") == datetime(2031, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/Istanbul"))
    page = client.get(f"/meetings/{meeting.id}?lang=en").get_data(as_text=True)
    assert "10:00" in page and "Türkiye" in page and "GMT+03:00" in page


def _feed_url(client):
    html = post_form(client, "/meetings/calendar/reset", form_url="/meetings/calendar").get_data(as_text=True)
    return re.search(r'value="(http[^"]+/meetings/feed/[^"]+\.ics)"', html).group(1)


def test_feed_serves_the_owners_confirmed_meetings_without_login(app, client, make_user, make_meeting):
    owner, other = make_user(), make_user()
    mine = make_meeting(seats=1, title_en="Mine", format="online", venue="",
                        online_url="https://meet.example.org/mine")
    waiting = make_meeting(seats=1, title_en="Waiting one")
    theirs = make_meeting(title_en="Theirs")
    services.register(owner, mine, owner)
    services.register(other, waiting, other)
    services.register(owner, waiting, owner)
    services.register(other, theirs, other)
    login(client, owner)
    url = _feed_url(client)
    anonymous = app.test_client()
    response = anonymous.get(url)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    cal = Calendar.from_ical(response.get_data())
    assert [str(e["uid"]) for e in cal.walk("VEVENT")] == [mine.uid + "@meetings.alliance-portal"]
    assert "https://meet.example.org/mine" in response.get_data(as_text=True).replace("\r\n ", "")
    token = url.rsplit("/", 1)[1][:-4]
    stored = db.session.scalar(db.text("select token_hash from calendar_feed"))
    assert token not in stored          # only a hash is kept


def test_wrong_token_is_404_and_reset_invalidates_the_old_address(app, client, make_user):
    login(client, make_user())
    first = _feed_url(client)
    anonymous = app.test_client()
    assert anonymous.get(first).status_code == 200
    assert anonymous.get("/meetings/feed/not-a-real-token.ics").status_code == 404
    second = _feed_url(client)
    assert second != first
    assert anonymous.get(first).status_code == 404
    assert anonymous.get(second).status_code == 200
    actions = db.session.scalars(db.select(AuditEvent.action).where(
        AuditEvent.action.startswith("calendar_feed"))).all()
    assert actions == ["calendar_feed.created", "calendar_feed.reset"]


def test_feed_of_a_deactivated_user_is_gone(app, client, make_user):
    user = make_user()
    login(client, user)
    url = _feed_url(client)
    user.active = False
    db.session.commit()
    assert app.test_client().get(url).status_code == 404


def test_calendar_page_does_not_show_the_address_again(client, make_user):
    login(client, make_user())
    url = _feed_url(client)
    assert url not in client.get("/meetings/calendar").get_data(as_text=True)
