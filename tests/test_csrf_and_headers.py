"""CSRF on every POST, and the security headers on every response."""
import pytest

from tests.conftest import login


def _posting_rules(app):
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            yield rule


def test_every_post_without_a_token_is_refused(app, client, make_user):
    secretariat = make_user(role="secretariat")
    login(client, secretariat)
    checked = 0
    for rule in _posting_rules(app):
        url = rule.rule
        for arg in rule.arguments:
            url = url.replace(f"<int:{arg}>", "1").replace(f"<{arg}>", "x").replace(f"<path:{arg}>", "x")
        response = client.post(url, data={"anything": "1"})
        assert response.status_code in (400, 404), f"{url} accepted a POST without a CSRF token"
        checked += 1
    assert checked >= 5


def test_login_without_token_is_refused(client, make_user):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": "correct horse battery staple"})
    assert response.status_code == 400
    assert client.get("/dashboard").status_code == 302


def test_token_from_another_session_is_refused(app, client, make_user):
    from tests.conftest import csrf_from

    user = make_user()
    token = csrf_from(app.test_client(), "/login")
    response = client.post("/login", data={"email": user.email, "password": "correct horse battery staple",
                                           "csrf_token": token})
    assert response.status_code == 400


@pytest.mark.parametrize("url", ["/", "/charter", "/login", "/nope", "/healthz"])
def test_security_headers(client, url):
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]


def test_pages_need_no_inline_script_or_style(client):
    for url in ("/", "/charter", "/volunteer", "/login", "/members"):
        html = client.get(url).get_data(as_text=True)
        assert "<script" not in html and "style=" not in html and "<style" not in html


def test_logged_in_pages_are_never_stored(client, make_user):
    login(client, make_user())
    for path in ("/dashboard", "/activities", "/"):
        assert "no-store" in client.get(path).headers.get("Cache-Control", ""), path


def test_the_stylesheet_is_not_marked_no_store_for_members(client, make_user):
    login(client, make_user())
    assert "no-store" not in client.get("/static/style.css").headers.get("Cache-Control", "")


def test_anonymous_public_pages_are_not_marked_no_store(client):
    assert "no-store" not in client.get("/charter").headers.get("Cache-Control", "")
