"""Server-side sessions: logout ends this device, idle timeouts and lifetimes by role, "keep me
logged in" for members only, the list of devices, and the rotations that end every session."""
from datetime import timedelta

from portal.extensions import db
from portal.members import services as member_services
from portal.models import AuditEvent, OutboxMail, UserSession
from tests.conftest import PASSWORD, login, logout, post_form


def _second_device(app):
    return app.test_client()


def test_logout_ends_this_device_only(app, client, make_user):
    """Decision: logging out is per device (as everywhere else); "log out all others" on the
    account security page ends the rest."""
    user = make_user()
    other = _second_device(app)
    login(client, user)
    login(other, user)
    logout(client)
    assert client.get("/dashboard").status_code == 302
    assert other.get("/dashboard").status_code == 200


def test_a_logged_out_session_cookie_cannot_be_replayed(app, client, make_user):
    user = make_user()
    login(client, user)
    stolen = client.get_cookie("session", domain="portal.test").value
    logout(client)
    thief = _second_device(app)
    thief.set_cookie("session", stolen, domain="portal.test")
    assert thief.get("/dashboard").status_code == 302


def test_log_out_all_other_devices(app, client, make_user):
    user = make_user()
    other, third = _second_device(app), _second_device(app)
    for c in (client, other, third):
        login(c, user)
    response = post_form(client, "/account/security/sessions/end-others", form_url="/account/security")
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 200
    assert other.get("/dashboard").status_code == 302
    assert third.get("/dashboard").status_code == 302
    assert db.session.scalar(db.select(AuditEvent.action).order_by(AuditEvent.id.desc())) \
        == "session.revoked_others"


def test_security_page_lists_devices_and_logs_out_one(app, client, make_user):
    user = make_user()
    phone = _second_device(app)
    login(client, user)
    phone_ua = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"
    post_form(phone, "/login", {"email": user.email, "password": PASSWORD},
              headers={"User-Agent": phone_ua}, environ_base={"REMOTE_ADDR": "203.0.113.77"})
    html = client.get("/account/security?lang=en").get_data(as_text=True)
    assert "Chrome · Android" in html
    assert "203.0.113.0/24" in html and "203.0.113.77" not in html
    assert "this device" in html
    phone_session = db.session.scalar(db.select(UserSession).where(UserSession.device == "Chrome · Android"))
    response = post_form(client, f"/account/security/sessions/{phone_session.id}/end",
                         form_url="/account/security")
    assert response.status_code == 302
    assert phone.get("/dashboard", headers={"User-Agent": phone_ua}).status_code == 302
    assert client.get("/dashboard").status_code == 200


def test_nobody_can_end_someone_elses_session(app, client, make_user):
    victim, attacker = make_user(), make_user()
    victim_client = _second_device(app)
    login(victim_client, victim)
    login(client, attacker)
    victim_session = db.session.scalar(db.select(UserSession).where(UserSession.user_id == victim.id))
    response = post_form(client, f"/account/security/sessions/{victim_session.id}/end",
                         form_url="/account/security")
    assert response.status_code == 404
    assert victim_client.get("/dashboard").status_code == 200


def test_session_ending_needs_post_with_csrf(client, make_user):
    user = make_user()
    login(client, user)
    assert client.post("/account/security/sessions/end-others").status_code == 400
    assert client.get("/account/security/sessions/end-others").status_code == 405


def test_ip_prefix_for_ipv6_is_a_slash_48(app):
    from portal.auth.sessions import ip_prefix

    assert ip_prefix("2001:db8:abcd:12::1") == "2001:db8:abcd::/48"
    assert ip_prefix("::ffff:192.0.2.9") == "192.0.2.0/24"
    assert ip_prefix("not an address") == ""


def test_member_session_ends_after_12_idle_hours(client, make_user, clock):
    user = make_user()
    login(client, user)
    clock.move(hours=11)
    assert client.get("/dashboard").status_code == 200  # seen: the idle time starts again
    clock.move(hours=11, minutes=50)
    assert client.get("/dashboard").status_code == 200
    clock.move(hours=12, minutes=1)
    assert client.get("/dashboard").status_code == 302


def test_secretariat_session_ends_after_2_idle_hours(client, make_user, clock):
    user = make_user(role="secretariat")
    login(client, user)
    clock.move(hours=1, minutes=50)
    assert client.get("/secretariat/").status_code == 200
    clock.move(hours=2, minutes=1)
    assert client.get("/secretariat/").status_code == 302


def test_secretariat_session_ends_after_12_hours_even_when_busy(client, make_user, clock):
    user = make_user(role="secretariat")
    login(client, user, remember=True)
    for _ in range(11):
        clock.move(hours=1)
        assert client.get("/secretariat/").status_code == 200
    clock.move(hours=1, minutes=1)
    assert client.get("/secretariat/").status_code == 302


def test_member_session_without_keep_me_logged_in_lasts_a_day(client, make_user, clock):
    user = make_user()
    login(client, user)
    for _ in range(23):
        clock.move(hours=1)
        assert client.get("/dashboard").status_code == 200
    clock.move(hours=1, minutes=1)
    assert client.get("/dashboard").status_code == 302


def test_keep_me_logged_in_lasts_14_days_for_members(client, make_user, clock):
    user = make_user()
    response = login(client, user, remember=True)
    header = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")][0]
    assert "Expires=" in header and "HttpOnly" in header and "SameSite=Lax" in header
    for _ in range(13):
        clock.move(hours=11)
        assert client.get("/dashboard").status_code == 200
    clock.move(days=14)
    assert client.get("/dashboard").status_code == 302


def test_keep_me_logged_in_is_not_honoured_for_the_secretariat(client, make_user):
    user = make_user(role="secretariat")
    response = login(client, user, remember=True)
    header = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")][0]
    assert "Expires=" not in header  # a browser-session cookie
    record = db.session.scalar(db.select(UserSession).where(UserSession.user_id == user.id))
    assert not record.remember
    assert record.expires_at - record.created_at == timedelta(hours=12)


def test_last_seen_is_written_at_most_every_few_minutes(client, make_user, clock, count_queries):
    user = make_user()
    login(client, user)
    client.get("/dashboard")
    with count_queries() as q:
        client.get("/account/security")
    assert not [s for s in q.statements if s.lstrip().upper().startswith("UPDATE USER_SESSION")]
    clock.move(minutes=6)
    with count_queries() as q:
        client.get("/account/security")
    assert [s for s in q.statements if s.lstrip().upper().startswith("UPDATE USER_SESSION")]


def test_password_change_ends_other_sessions_but_keeps_this_one(app, client, make_user):
    user = make_user()
    other = _second_device(app)
    login(client, user)
    login(other, user)
    response = post_form(client, "/account/password", {
        "current": PASSWORD, "password": "a brand new passphrase 42", "confirm": "a brand new passphrase 42"})
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 200
    assert other.get("/dashboard").status_code == 302
    logout(client)
    assert login(client, user, password="a brand new passphrase 42").status_code == 302


def test_password_change_needs_the_current_password(client, make_user):
    user = make_user()
    login(client, user)
    response = post_form(client, "/account/password?lang=en", {
        "current": "not my password!!", "password": "a brand new passphrase 42",
        "confirm": "a brand new passphrase 42"}, form_url="/account/password?lang=en")
    assert response.status_code == 200
    assert "The current password is not right." in response.get_data(as_text=True)
    logout(client)
    assert login(client, user).status_code == 302


def test_deactivating_a_user_ends_their_sessions(app, client, make_user):
    focal = make_user(org_admin=True)
    staff = make_user(org=focal.org)
    login(client, staff)
    member_services.set_active(focal, staff, False)
    assert client.get("/dashboard").status_code == 302


def test_role_change_ends_every_session(app, client, make_user, make_org):
    boss = make_user(role="secretariat")
    staff = make_user()
    login(client, staff)
    member_services.change_role(boss, staff, "member", make_org())
    assert client.get("/dashboard").status_code == 302


def test_session_cookie_is_httponly_and_lax(client, make_user):
    user = make_user()
    response = login(client, user)
    header = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")][0]
    assert "HttpOnly" in header and "SameSite=Lax" in header


def test_cookie_holds_a_random_key_whose_hash_is_stored(app, client, make_user):
    from portal.security import token_hash

    user = make_user()
    login(client, user)
    with client.session_transaction() as session:
        key = session["_user_id"]
    assert key not in (str(user.id), user.session_token)
    record = db.session.scalar(db.select(UserSession).where(UserSession.user_id == user.id))
    assert record.key_hash == token_hash(key) and key not in record.key_hash


def test_login_from_a_new_device_mails_the_user(app, client, make_user):
    user = make_user(locale="en")
    login(client, user)  # the first login ever: nothing to compare with
    logout(client)
    login(client, user)  # the same browser again
    assert db.session.scalar(db.select(db.func.count(OutboxMail.id))) == 0
    laptop = _second_device(app)
    post_form(laptop, "/login", {"email": user.email, "password": PASSWORD},
              headers={"User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"},
              environ_base={"REMOTE_ADDR": "198.51.100.23"})
    mail = db.session.scalar(db.select(OutboxMail))
    assert mail.recipient == user.email and mail.kind == "new_device_login"
    assert "Firefox · Windows" in mail.body and "198.51.100.0/24" in mail.body
    assert "change your password" in mail.body and "/account/security" in mail.body


def test_new_device_mail_is_in_the_users_language(app, client, make_user):
    user = make_user(locale="ar")
    login(client, user)
    login(_second_device(app), user)
    mail = db.session.scalar(db.select(OutboxMail))
    assert "جهاز" in mail.subject + mail.body
    assert any("٠" <= ch <= "٩" for ch in mail.body)
