"""Logging in and out, and where the login sends people."""
import pytest

from portal.extensions import db
from portal.models import AuditEvent
from tests.conftest import PASSWORD, login, logout, post_form


def test_login_and_logout(client, make_user):
    user = make_user()
    assert login(client, user).headers["Location"] == "/dashboard"
    assert user.name in client.get("/dashboard").get_data(as_text=True)
    response = logout(client)
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 302


def test_unknown_email_and_wrong_password_get_the_same_answer(client, make_user):
    user = make_user()
    wrong = login(client, user, password="not the password at all")
    unknown = login(client, "nobody@example.org", password="not the password at all")
    assert wrong.status_code == unknown.status_code == 200
    def page(response, email):
        html = response.get_data(as_text=True).replace(email, "EMAIL")
        return html.split('name="csrf_token"')[0]

    assert page(wrong, user.email) == page(unknown, "nobody@example.org")
    assert client.get("/dashboard").status_code == 302


def test_failed_login_keeps_the_email_typed(client, make_user):
    user = make_user()
    html = login(client, user, password="wrong password 123").get_data(as_text=True)
    assert f'value="{user.email}"' in html


def test_login_is_case_insensitive_on_email(client, make_user):
    make_user(email="focal.point@example.org")
    assert login(client, "FOCAL.point@example.ORG").status_code == 302


def test_logins_are_audited(app, client, make_user):
    user = make_user()
    login(client, user, password="wrong password 123")
    login(client, user)
    actions = [e.action for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == ["login.failed", "login.succeeded"]


def test_deactivated_user_cannot_log_in(client, make_user):
    user = make_user(active=False)
    assert login(client, user).status_code == 200
    assert client.get("/dashboard").status_code == 302


def test_user_of_deactivated_org_cannot_log_in(client, make_user, make_org):
    org = make_org(active=False)
    user = make_user(org=org)
    assert login(client, user).status_code == 200


@pytest.mark.parametrize("target", [
    "//evil.example", "/\\evil.example", "javascript:alert(1)", "https://evil.example/x",
    "http:/evil.example", " //evil.example", "/\t/evil.example", "\\\\evil.example",
])
def test_next_never_leads_off_site(client, make_user, target):
    user = make_user()
    response = login(client, user, next_url=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"


def test_next_leads_to_a_local_page(client, make_user):
    user = make_user()
    response = login(client, user, next_url="/members?page=2")
    assert response.headers["Location"] == "/members?page=2"


def test_login_page_redirects_with_next_to_where_the_user_was_going(client):
    response = client.get("/account/password")
    assert response.status_code == 302
    assert "/login?next=" in response.headers["Location"]


def test_logout_needs_post_with_csrf(client, make_user):
    user = make_user()
    login(client, user)
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400  # no CSRF token
    assert client.get("/dashboard").status_code == 200


def test_wrong_password_message_is_shown(client, make_user):
    user = make_user()
    response = post_form(client, "/login?lang=en", {"email": user.email, "password": "wrong one here"},
                         form_url="/login?lang=en")
    assert "The email or password is not right." in response.get_data(as_text=True)
    assert PASSWORD not in response.get_data(as_text=True)
