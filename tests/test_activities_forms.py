"""The activity form: clear messages on bad input, every typed value kept, Arabic-Indic digits
read, and Markdown sanitised when shown."""
import re

import pytest

from portal.extensions import db
from tests.conftest import login
from tests.test_activities_lifecycle import create


@pytest.fixture
def staff(client, make_user):
    user = make_user(locale="en")
    login(client, user)
    return user


def _rejected(client, message, **overrides):
    response, item = create(client, **overrides)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and item is None
    assert "Please correct the marked fields." in html and message in html, html[-3000:]
    return html


def test_the_form_shows_every_field(client, staff):
    html = client.get("/activities/new?lang=en").get_data(as_text=True)
    for text in ("Title in Arabic", "Main sector", "Further sectors", "Areas", "Idleb", "Türkiye",
                 "Start date", "End date", "People targeted", "People reached", "Girls",
                 "Members only", "Save draft", "Save and submit", "Check for overlaps"):
        assert text in html, text
    assert 'inputmode="numeric"' in html


def test_at_least_one_title(client, staff):
    html = _rejected(client, "Give a title in Arabic or in English (or both).", title_ar="", title_en="",
                     description_en="Kept **text**")
    assert "Kept **text**" in html
    response, item = create(client, title_ar="", title_en="English only")
    assert item is not None and item.title_ar == "" and item.title_en == "English only"


def test_parts_may_not_exceed_the_total(client, staff):
    html = _rejected(client, "Women, men, girls and boys add up to 1,200: more than the total of 1,000.",
                     targeted_total="1000", targeted_women="600", targeted_men="600",
                     targeted_girls="", targeted_boys="", title_en="Kept title")
    assert 'value="Kept title"' in html and 'value="600"' in html
    assert re.search(r'<input checked id="areas-\d+" name="areas" type="checkbox" value="SY07">', html)
    assert re.search(r'<input checked id="sectors-\d+" name="sectors" type="checkbox" value="PROTECTION">', html)
    assert re.search(r'<option selected value="EDUCATION">', html)


def test_numbers_in_messages_use_arabic_digits_on_arabic_pages(client, make_user):
    login(client, make_user(locale="ar"))
    response, item = create(client, targeted_total="100", targeted_women="101", targeted_men="",
                            targeted_girls="", targeted_boys="")
    html = response.get_data(as_text=True)
    assert item is None and "١٠١" in html and "١٠٠" in html


def test_arabic_indic_digits_in_numbers_and_dates(client, staff):
    response, item = create(client, targeted_total="١٬٢٠٠", targeted_women="٣٠٠", targeted_men="۲۰۰",
                            targeted_girls="", targeted_boys="", start_date="٢٠٢٦-٠٤-٠١",
                            end_date="۲۰۲۶-۱۲-۳۱")
    assert response.status_code == 302
    assert (item.targeted_total, item.targeted_women, item.targeted_men) == (1200, 300, 200)
    assert item.start_date.isoformat() == "2026-04-01" and item.end_date.isoformat() == "2026-12-31"


def test_an_empty_total_is_the_sum_of_the_parts(client, staff):
    _, item = create(client, targeted_total="", reached_total="", reached_women="10", reached_boys="5")
    assert item.targeted_total == 1000 and item.reached_total == 15


BAD_INPUT = [
    ({"end_date": "2026-01-01"}, "The end date is before the start date."),
    ({"start_date": ""}, "This field is required."),
    ({"start_date": "01/03/2026"}, "Enter a date as year-month-day"),
    ({"areas": []}, "Choose at least one area."),
    ({"areas": ["XX99"]}, "Choose at least one area."),
    ({"primary_sector": ""}, "Choose the main sector."),
    ({"primary_sector": "NOPE"}, "Choose the main sector."),
    ({"status": "approved"}, "Choose a status from the list."),
    ({"visibility": "everyone"}, "Choose who may see it."),
    ({"targeted_men": "many"}, "Enter a whole number."),
    ({"targeted_men": "-5"}, "Enter a number from 0 to 100,000,000."),
    ({"reached_total": "1000000000000"}, "Enter a number from 0 to 100,000,000."),
    ({"title_en": "x" * 301}, "This is too long."),
]


def test_bad_input_is_explained_and_typed_values_kept(client, staff):
    for overrides, message in BAD_INPUT:
        html = _rejected(client, message, **overrides)
        assert 'value="Rehabilitation of Hope school"' in html or "x" * 301 in html, overrides
        assert "ترميم **الصفوف**" in html, overrides


def test_a_bad_start_date_gets_one_message(client, staff):
    html = _rejected(client, "Enter a date as year-month-day", start_date="soon")
    assert "This field is required." not in html


def test_unknown_further_sectors_are_dropped(client, staff):
    _, item = create(client, sectors=["NOPE", "HEALTH"])
    assert sorted(s.code for s in item.sectors) == ["EDUCATION", "HEALTH"]


def test_markdown_is_sanitised(client, staff):
    _, item = create(client, description_en="**Bold** <script>alert(1)</script> [x](javascript:alert(1))")
    html = client.get(f"/activities/{item.id}?lang=en").get_data(as_text=True)
    assert "<strong>Bold</strong>" in html and "<script>alert" not in html
    assert "javascript:" not in html


def test_users_without_an_organisation_cannot_post(client, make_user):
    login(client, make_user(role="secretariat"))
    assert client.get("/activities/new").status_code == 403
    assert db.session.scalar(db.select(db.func.count()).select_from(db.text("activity"))) == 0


def test_control_characters_do_not_break_saving(client, staff):
    response, item = create(client, title_en="Clinic\x00 one", description_en="Text\x00")
    assert response.status_code == 302 and item.title_en == "Clinic one"
    assert client.get("/activities?q=%00clinic&lang=en").status_code == 200
