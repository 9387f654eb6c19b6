from tests.conftest import login


def test_home_is_arabic_rtl_by_default(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html


def test_lang_switch_gives_english_ltr(client):
    html = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in html


def test_login_works(client, make_user):
    user = make_user()
    response = login(client, user)
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 200
