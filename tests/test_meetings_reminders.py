"""Reminders the day before: to confirmed participants, once, however often cron runs."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from portal.extensions import db
from portal.meetings import convening, services
from portal.meetings.reminders import send_reminders
from portal.models import utcnow
from tests.test_meetings_support import mails_to, make_meeting  # noqa: F401

IST = ZoneInfo("Europe/Istanbul")


def _tomorrow_at(hour):
    day = datetime.now(IST).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, tzinfo=IST)


def test_reminders_go_once_to_confirmed_participants(app, runner, make_meeting, make_user):
    meeting = make_meeting(seats=1, starts_at=_tomorrow_at(23))
    confirmed, waiting = make_user(locale="en"), make_user()
    services.register(confirmed, meeting, confirmed)
    services.register(waiting, meeting, waiting)
    first = runner.invoke(args=["meetings", "remind"])
    assert first.exit_code == 0, first.output
    assert "Reminders queued: 1." in first.output
    again = runner.invoke(args=["meetings", "remind"])
    assert "Reminders queued: 0." in again.output
    (mail,) = mails_to(confirmed.email, "meeting_reminder")
    assert mail.locale == "en" and "Advocacy meeting" in mail.subject
    assert f"/meetings/{meeting.id}" in mail.body
    assert not mails_to(waiting.email, "meeting_reminder")


def test_only_meetings_starting_by_the_end_of_tomorrow(app, make_meeting, make_user):
    person = make_user()
    later = make_meeting(starts_at=_tomorrow_at(10) + timedelta(days=1))
    started = make_meeting(starts_at=utcnow() - timedelta(minutes=10))
    cancelled = make_meeting(starts_at=_tomorrow_at(10))
    for meeting in (later, cancelled):
        services.register(person, meeting, person)
    started_registration = services.register(person, make_meeting(starts_at=_tomorrow_at(9)), person)
    started_registration.meeting.starts_at = started.starts_at
    db.session.commit()
    convening.cancel_meeting(make_user(role="secretariat"), cancelled)
    assert send_reminders() == 0


def test_a_meeting_moved_to_another_day_is_reminded_again(app, make_meeting, make_user):
    meeting = make_meeting(starts_at=_tomorrow_at(10))
    person = make_user()
    services.register(person, meeting, person)
    assert send_reminders() == 1
    values = {f: getattr(meeting, f) for f in convening.FIELDS}
    values["starts_at"] = _tomorrow_at(10) + timedelta(days=3)
    values["ends_at"] = values["starts_at"] + timedelta(hours=2)
    convening.update_meeting(make_user(role="secretariat"), meeting, values)
    assert send_reminders() == 0                       # not due yet
    later = (_tomorrow_at(10) + timedelta(days=2)).astimezone(timezone.utc)
    assert send_reminders(now=later) == 1              # the day before the new date
    assert send_reminders(now=later) == 0
    assert len(mails_to(person.email, "meeting_reminder")) == 2


def test_reminder_and_its_record_are_one_transaction(app, make_meeting, make_user):
    meeting = make_meeting(starts_at=_tomorrow_at(12))
    person = make_user()
    registration = services.register(person, meeting, person)
    send_reminders()
    db.session.expire_all()
    assert registration.reminded_at is not None
    assert len(mails_to(person.email, "meeting_reminder")) == 1
