"""Arabic first, English second: locale choice, direction, digits and dates."""
from datetime import date

from portal.extensions import db
from portal.forms import LocalizedIntegerField
from portal.i18n import ascii_digits
from tests.conftest import login


def _html_tag(response):
    html = response.get_data(as_text=True)
    return html[html.index("<html"):html.index(">", html.index("<html")) + 1]


def test_arabic_is_the_default(client):
    assert _html_tag(client.get("/")) == '<html lang="ar" dir="rtl">'


def test_accept_language_english(client):
    assert _html_tag(client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})) == '<html lang="en" dir="ltr">'


def test_switch_sets_a_cookie_that_beats_accept_language(client):
    client.get("/?lang=en")
    assert _html_tag(client.get("/charter", headers={"Accept-Language": "ar"})) == '<html lang="en" dir="ltr">'
    client.get("/?lang=ar")
    assert _html_tag(client.get("/charter", headers={"Accept-Language": "en"})) == '<html lang="ar" dir="rtl">'


def test_saved_preference_beats_the_cookie(app, client, make_user):
    user = make_user(locale="en")
    client.set_cookie("lang", "ar", domain="portal.test")
    login(client, user)
    assert _html_tag(client.get("/dashboard")) == '<html lang="en" dir="ltr">'


def test_switching_language_when_logged_in_saves_the_preference(app, client, make_user):
    user = make_user(locale="ar")
    login(client, user)
    client.get("/dashboard?lang=en")
    db.session.refresh(user)
    assert user.locale == "en"


def test_unknown_language_is_ignored(client):
    assert _html_tag(client.get("/?lang=fr")) == '<html lang="ar" dir="rtl">'


def test_arabic_dates_use_levantine_months_and_arabic_indic_digits(app):
    with app.app_context(), app.test_request_context("/?lang=ar"):
        app.preprocess_request()
        assert app.jinja_env.filters["date"](date(2014, 4, 2)) == "٢ نيسان ٢٠١٤"
        assert app.jinja_env.filters["num"](23) == "٢٣"
    with app.app_context(), app.test_request_context("/?lang=en"):
        app.preprocess_request()
        assert app.jinja_env.filters["date"](date(2014, 4, 2)) == "2 April 2014"


def test_footer_shows_the_founding_date_in_arabic(client):
    assert "٢ نيسان ٢٠١٤" in client.get("/").get_data(as_text=True)
    assert "2 April 2014" in client.get("/?lang=en").get_data(as_text=True)


def test_home_figures_use_arabic_indic_digits(client, make_org):
    for _ in range(3):
        make_org()
    html = client.get("/").get_data(as_text=True)
    assert "<strong>٣</strong>" in html


def test_digits_typed_in_arabic_are_read(app):
    assert ascii_digits("٢٠١٤") == "2014" and ascii_digits("۱۲") == "12"
    from flask_wtf import FlaskForm
    from werkzeug.datastructures import MultiDict

    class F(FlaskForm):
        class Meta:
            csrf = False
        n = LocalizedIntegerField()

    with app.test_request_context():
        assert F(formdata=MultiDict({"n": "١٢٣"})).n.data == 123
        assert F(formdata=MultiDict({"n": "۴۵"})).n.data == 45
        form = F(formdata=MultiDict({"n": "١٢x"}))
        assert not form.validate() and form.n.errors


def test_language_switch_keeps_the_page_and_its_filters(client):
    html = client.get("/members?page=2&q=حلب").get_data(as_text=True)
    assert 'href="/members?page=2&amp;q=%D8%AD%D9%84%D8%A8&amp;lang=en"' in html
