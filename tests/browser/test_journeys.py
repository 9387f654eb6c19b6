"""What people do on the portal, in a real browser. Elements are found by name, id, role or
hreflang, never by visible text: the text is translated."""
import re

import pytest

from portal.extensions import db
from portal.models import User, VolunteerApplication

pytestmark = pytest.mark.browser


def html_lang_dir(page):
    html = page.locator("html")
    return html.get_attribute("lang"), html.get_attribute("dir")


def saved_language(live_server, language=None):
    """The member's saved language (set it first when ``language`` is given)."""
    with live_server.app.app_context():
        user = db.session.scalars(db.select(User).where(User.email == live_server.email)).one()
        if language:
            user.locale = language
            db.session.commit()
        return user.locale


def test_member_logs_in_in_arabic_switches_to_english_and_logs_out(page, live_server):
    saved_language(live_server, "ar")
    page.goto(live_server("/login"))
    assert html_lang_dir(page) == ("ar", "rtl")
    form = page.locator("main form")
    form.locator("input[name=email]").fill(live_server.email)
    form.locator("input[name=password]").fill(live_server.password)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/dashboard$"))
    assert html_lang_dir(page) == ("ar", "rtl")
    assert page.locator("main h1").count() == 1

    page.locator("header a[hreflang=en]").click()
    page.wait_for_url(re.compile(r"/dashboard\?lang=en$"))
    assert html_lang_dir(page) == ("en", "ltr")
    assert page.locator("header a[hreflang=ar]").count() == 1
    assert saved_language(live_server) == "en"  # the choice is kept with the account

    page.locator("header form[action='/logout'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.locator("header form[action='/logout']").count() == 0
    assert page.locator("header a[href='/login']").count() == 1

    response = page.goto(live_server("/dashboard"))
    assert re.search(r"/login(\?|$)", page.url), page.url
    assert response.status == 200
    assert page.locator("main input[name=password]").count() == 1


def test_charter_has_a_title_and_the_five_values(page, live_server):
    response = page.goto(live_server("/charter"))
    assert response.status == 200
    assert page.locator("main h1").count() == 1
    assert page.locator("main h2").count() >= 3  # vision, mission, values
    # trust, solidarity, effectiveness, participation, equality
    assert page.locator("main h3").count() >= 5


def test_volunteer_form_keeps_what_was_typed_after_an_error(page, live_server):
    typed = {
        "name": "ريم الحلبي",
        "email": "reem@example.org",
        "phone": "+90 555 000 00 00",
        "city": "غازي عينتاب",
        "skills": "إسعافات أولية\nترجمة عربي – إنكليزي",
        "availability": "عطلة نهاية الأسبوع",
        "hours_per_week": "٥",
        "message": "أستطيع البدء في حزيران.",
    }
    page.goto(live_server("/volunteer"))
    assert html_lang_dir(page) == ("ar", "rtl")
    form = page.locator("main form[method=post]")
    for name, value in typed.items():
        if name == "hours_per_week":
            # Typed key by key, as a person does: a number box would drop the Arabic digit.
            form.locator(f"[name={name}]").press_sequentially(value)
        else:
            form.locator(f"[name={name}]").fill(value)
    assert form.locator("[name=hours_per_week]").input_value() == typed["hours_per_week"]
    assert not form.locator("input[name=consent]").is_checked()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()

    # Refused: the error is shown, tied to the checkbox, and nothing typed is lost.
    assert re.search(r"/volunteer$", page.url), page.url
    assert page.locator("main [role=alert]").count() >= 1
    consent = form.locator("input[name=consent]")
    assert consent.get_attribute("aria-invalid") == "true"
    assert page.locator("#consent-error").is_visible()
    assert "consent-error" in (consent.get_attribute("aria-describedby") or "")
    for name, value in typed.items():
        assert form.locator(f"[name={name}]").input_value() == value, name
    assert form.locator("[aria-invalid=true]").count() == 1  # only the consent box

    consent.check()
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/volunteer/thanks$"))
    assert page.locator("main h1").count() == 1
    assert page.locator("main [role=status]").count() >= 1  # the "thank you" flash

    with live_server.app.app_context():
        stored = db.session.scalars(
            db.select(VolunteerApplication).where(VolunteerApplication.email == typed["email"])
        ).one()
        assert stored.name == typed["name"]
        assert stored.hours_per_week == 5
        assert stored.locale == "ar"
        assert stored.consent_at is not None
