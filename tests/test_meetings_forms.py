"""The secretariat's meeting form: bad input answered on the same page, translated, with what
was typed kept; never a 500. Edits that notify people."""
from datetime import timedelta

import pytest

from portal.extensions import db
from portal.meetings import services
from portal.models import Meeting, utcnow
from tests.conftest import login, post_form
from tests.test_meetings_support import audit_actions, mails_to, make_meeting  # noqa: F401

GOOD = {
    "title_ar": "اجتماع المناصرة مع المانحين", "title_en": "", "agenda_ar": "## البنود\n- التمويل",
    "agenda_en": "", "kind": "advocacy", "format": "in_person", "venue": "غازي عينتاب",
    "online_url": "", "timezone": "Europe/Istanbul", "starts_at": "2031-05-01T10:00",
    "ends_at": "2031-05-01T12:30", "seats": "٢٠", "org_quota": "2",
    "registration_opens_at": "", "registration_closes_at": "2031-04-30T18:00", "state": "open",
}


@pytest.fixture
def secretariat(client, make_user):
    user = make_user(role="secretariat", locale="ar")
    login(client, user)
    return user


def test_create_a_meeting_in_arabic_with_arabic_digits(client, secretariat):
    response = post_form(client, "/meetings/new", GOOD)
    assert response.status_code == 302
    meeting = db.session.scalars(db.select(Meeting)).one()
    assert meeting.seats == 20 and meeting.org_quota == 2 and meeting.state == "open"
    # 10:00 in Istanbul (UTC+3) is 07:00 UTC.
    assert meeting.starts_at.replace(tzinfo=None).isoformat() == "2031-05-01T07:00:00"
    assert meeting.timezone == "Europe/Istanbul"
    assert audit_actions() == ["meeting.created"]
    page = client.get(f"/meetings/{meeting.id}?lang=ar").get_data(as_text=True)
    assert "١٠:٠٠" in page and "توقيت تركيا" in page


@pytest.mark.parametrize("changes, field", [
    ({"title_ar": ""}, "title_en"),
    ({"seats": "lots"}, "seats"),
    ({"seats": "0"}, "seats"),
    ({"seats": "99999999999999999999999"}, "seats"),
    ({"org_quota": "30"}, "org_quota"),
    ({"starts_at": "tomorrow"}, "starts_at"),
    ({"starts_at": "0001-01-01T10:00"}, "starts_at"),
    ({"starts_at": ""}, "starts_at"),
    ({"ends_at": "2031-05-01T09:00"}, "ends_at"),
    ({"venue": ""}, "venue"),
    ({"format": "online"}, "online_url"),
    ({"online_url": "javascript:alert(1)", "format": "hybrid"}, "online_url"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"kind": "party"}, "kind"),
    ({"state": "cancelled"}, "state"),
    ({"registration_closes_at": "2031-05-02T10:00"}, "registration_closes_at"),
    ({"registration_opens_at": "2031-05-01T11:00"}, "registration_opens_at"),
    ({"title_ar": "ا" * 301}, "title_ar"),
])
def test_bad_input_is_explained_on_the_same_page(client, secretariat, changes, field):
    data = dict(GOOD, **changes)
    response = post_form(client, "/meetings/new?lang=ar", data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'id="{field}-error"' in html, field
    assert "يرجى تصحيح الحقول المشار إليها." in html
    assert 'value="غازي عينتاب"' in html or changes.get("venue") == ""   # input kept
    assert db.session.scalar(db.select(db.func.count(Meeting.id))) == 0


def test_arabic_error_messages(client, secretariat):
    html = post_form(client, "/meetings/new?lang=ar", dict(GOOD, starts_at="", seats="x")).get_data(as_text=True)
    assert "هذا الحقل مطلوب." in html and "أدخل عدداً صحيحاً." in html


def test_garbage_posts_never_answer_500(client, secretariat, make_meeting):
    meeting = make_meeting()
    for url in ("/meetings/new", f"/meetings/{meeting.id}/edit", f"/meetings/{meeting.id}/cancel",
                f"/meetings/{meeting.id}/minutes", f"/meetings/{meeting.id}/register",
                f"/meetings/{meeting.id}/attendance", "/meetings/calendar/reset"):
        for data in ({}, {"seats": "\x00", "starts_at": "٢٠٣١-٠٥-٠١T١٠:٠٠", "person": "x" * 50},
                     {"shown": ["1", "x", "99999999999999999999"], "present": "-1"}):
            response = post_form(client, url, data, form_url=f"/meetings/{meeting.id}")
            assert response.status_code < 500, (url, data)


def test_editing_seats_below_confirmed_is_refused_with_the_input_kept(client, secretariat, make_meeting, make_user):
    meeting = make_meeting(seats=3)
    people = [make_user() for _ in range(2)]
    for person in people:
        services.register(person, meeting, person)
    data = _form_of(client, meeting, seats="1", venue="قاعة جديدة")
    response = post_form(client, f"/meetings/{meeting.id}/edit", data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="seats-error"' in html and 'value="قاعة جديدة"' in html
    db.session.expire_all()
    assert meeting.seats == 3 and meeting.venue == "Gaziantep"


def test_changing_time_or_place_mails_confirmed_participants(client, secretariat, make_meeting, make_user):
    meeting = make_meeting(seats=1)
    confirmed, waiting = make_user(locale="en"), make_user()
    services.register(confirmed, meeting, confirmed)
    services.register(waiting, meeting, waiting)
    sequence = meeting.sequence
    post_form(client, f"/meetings/{meeting.id}/edit", _form_of(client, meeting, title_en="New title"))
    assert not mails_to(confirmed.email, "meeting_changed")
    post_form(client, f"/meetings/{meeting.id}/edit", _form_of(client, meeting, venue="Beirut"))
    (mail,) = mails_to(confirmed.email, "meeting_changed")
    assert "Beirut" in mail.body and mail.locale == "en"
    assert not mails_to(waiting.email, "meeting_changed")
    db.session.expire_all()
    assert meeting.sequence == sequence + 2
    assert audit_actions().count("meeting.updated") == 2


def test_cancelling_a_meeting_mails_everyone_registered(client, secretariat, make_meeting, make_user):
    meeting = make_meeting(seats=1)
    people = [make_user() for _ in range(3)]
    for person in people:
        services.register(person, meeting, person)
    services.cancel(people[2], services_registration(meeting, people[2]))
    response = post_form(client, f"/meetings/{meeting.id}/cancel", {"message": "بسبب الظروف"})
    assert response.status_code == 302
    db.session.expire_all()
    assert meeting.state == "cancelled"
    for person in people[:2]:
        (mail,) = mails_to(person.email, "meeting_cancelled")
        assert "بسبب الظروف" in mail.body
    assert not mails_to(people[2].email, "meeting_cancelled")
    assert client.get(f"/meetings/{meeting.id}/edit").status_code == 302   # cancelled stays so
    with pytest.raises(services.Refused):
        services.register(people[2], meeting, people[2])


def test_minutes_only_after_the_start(client, secretariat, make_meeting):
    future = make_meeting()
    past = make_meeting(starts_at=utcnow() - timedelta(hours=3))
    response = post_form(client, f"/meetings/{future.id}/minutes", {"minutes_ar": "محضر"})
    assert response.status_code == 200
    db.session.expire_all()
    assert future.minutes_ar == ""
    response = post_form(client, f"/meetings/{past.id}/minutes", {"minutes_ar": "## محضر\n- بند"})
    assert response.status_code == 302
    db.session.expire_all()
    assert past.minutes_ar.startswith("## محضر")
    assert "meeting.minutes_saved" in audit_actions()


def _form_of(client, meeting, **changes):
    """The edit form's current values (as the page shows them), with changes."""
    import re

    html = client.get(f"/meetings/{meeting.id}/edit").get_data(as_text=True)
    data = {}
    for name, value in re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', html):
        data[name] = value
    for name in ("kind", "format", "timezone", "state"):
        data[name] = re.search(rf'<select[^>]*name="{name}".*?<option selected value="([^"]*)"', html, re.S).group(1)
    for name in ("agenda_ar", "agenda_en"):
        data[name] = getattr(meeting, name)
    data.pop("csrf_token", None)
    data.update(changes)
    return data


def services_registration(meeting, person):
    from portal.models import Registration

    return db.session.scalar(db.select(Registration).where(Registration.meeting_id == meeting.id,
                                                           Registration.user_id == person.id))


def test_huge_numbers_in_addresses_are_404(client, secretariat, make_meeting):
    meeting = make_meeting()
    huge = "9" * 30
    for url in (f"/meetings/{huge}", f"/meetings/{huge}.ics", f"/meetings/{huge}/edit",
                f"/meetings/{huge}/registrations", f"/meetings/{meeting.id}/registrations/{huge}/cancel"):
        response = client.get(url) if "cancel" not in url else post_form(
            client, url, form_url=f"/meetings/{meeting.id}")
        assert response.status_code == 404, url
