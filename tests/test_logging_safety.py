"""Logs an operator can trust: no forged lines from user input, and every refusal logged with
its path, user and address."""
import logging

from portal.logs import escape
from tests.conftest import login, post_form


def _messages(caplog):
    return [record.getMessage() for record in caplog.records]


def test_control_characters_in_logged_values_are_escaped(app, caplog):
    caplog.set_level(logging.INFO)
    logging.getLogger("portal.audit").info("%s by %s", "login.failed",
                                           "victim@example.org\nINFO:portal.audit:password.changed by admin")
    [message] = _messages(caplog)
    assert "\n" not in message
    assert "victim@example.org\\nINFO" in message


def test_escape_keeps_ordinary_text_and_marks_the_rest():
    assert escape("سلمى salma@example.org") == "سلمى salma@example.org"
    assert escape("a\r\nb\x1b[31mc\x00") == "a\\r\\nb\\x1b[31mc\\x00"
    assert escape(42) == 42


def test_a_403_is_logged_with_path_user_and_address(app, client, make_user, caplog):
    user = make_user()
    login(client, user)
    caplog.set_level(logging.INFO)
    assert client.get("/secretariat/").status_code == 403
    denial = [m for m in _messages(caplog) if "403" in m]
    assert denial, _messages(caplog)
    assert "/secretariat/" in denial[0] and f"user={user.id}" in denial[0] and "127.0.0.1" in denial[0]


def test_a_csrf_failure_is_logged_with_path_and_address(app, client, caplog):
    caplog.set_level(logging.INFO)
    response = client.post("/login", data={"email": "a@example.org", "password": "x"})
    assert response.status_code == 400
    denial = [m for m in _messages(caplog) if m.startswith("denied") and "CSRF" in m]
    assert denial, _messages(caplog)
    assert "/login" in denial[0] and "127.0.0.1" in denial[0] and "user=-" in denial[0]


def test_a_rate_limit_is_logged(app_config, request, caplog):
    app_config.update(LOGIN_LIMITS="1 per minute")
    app = request.getfixturevalue("app")
    client = app.test_client()
    caplog.set_level(logging.INFO)
    post_form(client, "/login", {"email": "a@example.org", "password": "wrong password"})
    assert post_form(client, "/login", {"email": "a@example.org", "password": "wrong"}).status_code == 429
    assert any("429" in m and "/login" in m for m in _messages(caplog))


def test_a_request_line_with_a_newline_stays_on_one_line(app, caplog):
    caplog.set_level(logging.INFO)
    logging.getLogger("werkzeug").info('"%s" %s %s', "GET /x\nINFO forged HTTP/1.1", 404, "-")
    [message] = _messages(caplog)
    assert "\n" not in message and "/x\\nINFO forged" in message
