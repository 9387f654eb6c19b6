"""The public volunteer form."""
from portal.extensions import db
from portal.models import VolunteerApplication
from tests.conftest import post_form

GOOD = {"name": "سامر الحموي", "email": "samer@example.org", "city": "غازي عينتاب",
        "skills": "ترجمة وتصميم", "availability": "عطلة نهاية الأسبوع", "hours_per_week": "٥",
        "message": "أحب المساعدة", "consent": "y"}


def _count():
    return db.session.scalar(db.select(db.func.count(VolunteerApplication.id)))


def test_application_is_stored(client):
    response = post_form(client, "/volunteer", GOOD)
    assert response.status_code == 302 and response.headers["Location"] == "/volunteer/thanks"
    application = db.session.scalar(db.select(VolunteerApplication))
    assert application.name == "سامر الحموي" and application.hours_per_week == 5
    assert application.consent_at is not None and application.locale == "ar"


def test_without_consent_nothing_is_stored_and_input_is_kept(client):
    data = dict(GOOD)
    del data["consent"]
    response = post_form(client, "/volunteer?lang=en", data, form_url="/volunteer?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and _count() == 0
    assert "We can only keep your application with your consent." in html
    for key in ("name", "email", "city", "availability"):
        assert f'value="{GOOD[key]}"' in html
    assert "ترجمة وتصميم" in html and "أحب المساعدة" in html and 'value="٥"' in html


def test_a_way_to_reach_the_volunteer_is_required(client):
    data = dict(GOOD, email="", phone="")
    response = post_form(client, "/volunteer?lang=en", data, form_url="/volunteer?lang=en")
    assert "Give an email address or a phone number" in response.get_data(as_text=True)
    assert _count() == 0


def test_phone_is_enough(client):
    data = dict(GOOD, email="", phone="+90 555 000 0000")
    assert post_form(client, "/volunteer", data).status_code == 302
    assert _count() == 1


def test_honeypot_drops_bots_silently(client):
    response = post_form(client, "/volunteer", dict(GOOD, website="http://spam.example"))
    assert response.status_code == 302
    assert _count() == 0


def test_bad_hours_get_a_message(client):
    response = post_form(client, "/volunteer?lang=en", dict(GOOD, hours_per_week="many"),
                         form_url="/volunteer?lang=en")
    assert "Enter a whole number." in response.get_data(as_text=True)
    assert _count() == 0


def test_applications_are_never_public(client):
    post_form(client, "/volunteer", GOOD)
    for url in ("/", "/members", "/charter", "/volunteer", "/volunteer/thanks"):
        assert "samer@example.org" not in client.get(url).get_data(as_text=True)
