"""Two-factor login with TOTP: enrolment, the login step, recovery codes, replay, disabling,
and who must enrol."""
import re
from datetime import timedelta

import pyotp

from portal.extensions import db
from portal.models import AuditEvent, RecoveryCode
from tests.conftest import PASSWORD, csrf_from, login, logout, post_form


def _actions():
    return [e.action for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]


def _code(secret, clock, steps=0):
    return pyotp.TOTP(secret).at(clock.now() + timedelta(seconds=30 * steps))


def enrol(client, clock):
    """Enrol the logged-in user; returns (secret, recovery codes)."""
    page = client.get("/account/security/two-factor?lang=en")
    html = page.get_data(as_text=True)
    secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', html).group(1)
    response = post_form(client, "/account/security/two-factor?lang=en",
                         {"code": _code(secret, clock)}, form_url="/account/security/two-factor?lang=en")
    assert response.status_code == 200
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", response.get_data(as_text=True))
    return secret, codes


def test_enrolment_shows_an_inline_qr_code_and_the_key(client, make_user, clock):
    user = make_user()
    login(client, user)
    response = client.get("/account/security/two-factor")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<svg" in html and "<path" in html
    assert "http://" not in html.split("<svg", 1)[1].split("</svg>")[0].replace("http://www.w3.org", "")
    assert "style=" not in html  # the CSP forbids inline styles
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_enrol_then_log_in_with_password_and_code(client, make_user, clock):
    user = make_user()
    login(client, user)
    secret, codes = enrol(client, clock)
    assert len(codes) == 10 and len(set(codes)) == 10
    db.session.refresh(user)
    assert user.has_two_factor
    assert secret not in (user.totp_secret or "")  # encrypted at rest
    stored = db.session.scalars(db.select(RecoveryCode.code_hash)).all()
    assert len(stored) == 10 and not set(codes) & set(stored)
    assert "2fa.enabled" in _actions()
    logout(client)
    response = login(client, user)
    assert response.headers["Location"] == "/login/code"
    assert client.get("/dashboard").status_code == 302  # no session before the code
    clock.move(seconds=31)
    response = post_form(client, "/login/code", {"code": _code(secret, clock)})
    assert response.status_code == 302 and response.headers["Location"] == "/dashboard"
    assert client.get("/dashboard").status_code == 200


def test_recovery_codes_are_shown_only_once(client, make_user, clock):
    user = make_user()
    login(client, user)
    _, codes = enrol(client, clock)
    page = client.get("/account/security").get_data(as_text=True)
    assert codes[0] not in page
    assert client.get("/account/security/two-factor").status_code == 302


def test_a_recovery_code_works_once(app, client, make_user, clock):
    user = make_user()
    login(client, user)
    _, codes = enrol(client, clock)
    logout(client)
    login(client, user)
    response = post_form(client, "/login/code", {"code": codes[3].upper().replace("-", " ")})
    assert response.status_code == 302
    assert "2fa.recovery_code_used" in _actions()
    logout(client)
    login(client, user)
    response = post_form(client, "/login/code?lang=en", {"code": codes[3]}, form_url="/login/code?lang=en")
    assert response.status_code == 200
    assert "already been used" in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302


def test_a_code_cannot_be_replayed(client, make_user, clock):
    user = make_user()
    login(client, user)
    secret, _ = enrol(client, clock)
    logout(client)
    clock.move(seconds=60)
    login(client, user)
    code = _code(secret, clock)
    assert post_form(client, "/login/code", {"code": code}).status_code == 302
    logout(client)
    login(client, user)
    assert post_form(client, "/login/code", {"code": code}).status_code == 200  # same step: refused
    assert client.get("/dashboard").status_code == 302


def test_wrong_code_and_expired_step(client, make_user, clock):
    user = make_user()
    login(client, user)
    secret, _ = enrol(client, clock)
    logout(client)
    login(client, user)
    response = post_form(client, "/login/code?lang=en", {"code": "000000" if _code(secret, clock) != "000000" else "111111"},
                         form_url="/login/code?lang=en")
    assert "This code is not right" in response.get_data(as_text=True)
    clock.move(minutes=6)  # the password step is valid for 5 minutes
    response = client.get("/login/code")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_the_code_step_is_limited(client, make_user, clock):
    user = make_user()
    login(client, user)
    enrol(client, clock)
    logout(client)
    login(client, user)
    token = csrf_from(client, "/login/code")
    codes = [client.post("/login/code", data={"code": "12345%d" % i, "csrf_token": token}).status_code
             for i in range(6)]
    assert codes[:5] == [200] * 5
    assert codes[5] == 302  # after five wrong codes, back to the password


def test_arabic_digits_are_accepted_in_the_code(client, make_user, clock):
    user = make_user()
    login(client, user)
    secret, _ = enrol(client, clock)
    logout(client)
    clock.move(seconds=31)
    login(client, user)
    arabic = _code(secret, clock).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert post_form(client, "/login/code", {"code": arabic}).status_code == 302


def test_disable_needs_password_and_code(client, make_user, clock):
    user = make_user()
    login(client, user)
    secret, _ = enrol(client, clock)
    clock.move(seconds=31)
    response = post_form(client, "/account/security/two-factor/disable?lang=en",
                         {"password": "not my password", "code": _code(secret, clock)},
                         form_url="/account/security?lang=en")
    assert response.status_code == 400
    assert "The password is not right." in response.get_data(as_text=True)
    response = post_form(client, "/account/security/two-factor/disable?lang=en",
                         {"password": PASSWORD, "code": "999999"}, form_url="/account/security?lang=en")
    assert response.status_code == 400
    db.session.refresh(user)
    assert user.has_two_factor
    response = post_form(client, "/account/security/two-factor/disable",
                         {"password": PASSWORD, "code": _code(secret, clock)}, form_url="/account/security")
    assert response.status_code == 302
    db.session.refresh(user)
    assert not user.has_two_factor
    assert db.session.scalar(db.select(db.func.count(RecoveryCode.id))) == 0
    assert "2fa.disabled" in _actions()


def test_wrong_enrolment_code_is_refused(client, make_user, clock):
    user = make_user()
    login(client, user)
    client.get("/account/security/two-factor")
    response = post_form(client, "/account/security/two-factor?lang=en", {"code": "abc"},
                         form_url="/account/security/two-factor?lang=en")
    assert response.status_code == 200
    assert "This code is not right" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert not user.has_two_factor


def test_secretariat_must_enrol_in_production(app, client, make_user, clock):
    app.config["REQUIRE_2FA_SECRETARIAT"] = True
    boss = make_user(role="secretariat")
    login(client, boss)
    for url in ("/dashboard", "/secretariat/", "/members", "/"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"] == "/account/security", url
    assert client.get("/account/security").status_code == 200
    assert client.get("/static/style.css").status_code == 200
    enrol(client, clock)
    assert client.get("/secretariat/").status_code == 200
    assert logout(client).status_code == 302


def test_production_config_requires_it_by_default(monkeypatch, tmp_path):
    from portal.config import from_environment

    monkeypatch.setenv("PORTAL_ENV", "production")
    assert from_environment(str(tmp_path))["REQUIRE_2FA_SECRETARIAT"] is True
    monkeypatch.setenv("PORTAL_ENV", "development")
    assert from_environment(str(tmp_path))["REQUIRE_2FA_SECRETARIAT"] is False


def test_in_development_the_secretariat_sees_a_reminder(app, client, make_user):
    boss = make_user(role="secretariat")
    login(client, boss)
    html = client.get("/secretariat/?lang=en").get_data(as_text=True)
    assert "Protect the secretariat account with two-factor login" in html
    member = make_user()
    logout(client)
    login(client, member)
    assert "Protect the secretariat" not in client.get("/dashboard?lang=en").get_data(as_text=True)


def test_focal_point_requires_two_factor_for_their_staff(app, client, make_user, clock):
    focal = make_user(org_admin=True)
    staff = make_user(org=focal.org)
    outsider = make_user()
    login(client, focal)
    response = post_form(client, f"/members/{focal.org.slug}/two-factor?required=1",
                         form_url=f"/members/{focal.org.slug}/edit")
    assert response.status_code == 302
    db.session.refresh(focal.org)
    assert focal.org.require_2fa
    assert "org.2fa_required" in _actions()
    # the focal point themselves must now enrol too
    assert client.get("/dashboard").headers["Location"] == "/account/security"
    colleague = app.test_client()
    login(colleague, staff)
    assert colleague.get("/dashboard").headers["Location"] == "/account/security"
    other = app.test_client()
    login(other, outsider)
    assert other.get("/dashboard").status_code == 200


def test_staff_cannot_change_the_requirement(client, make_user):
    focal = make_user(org_admin=True)
    staff = make_user(org=focal.org)
    login(client, staff)
    response = post_form(client, f"/members/{focal.org.slug}/two-factor?required=1", form_url="/dashboard")
    assert response.status_code == 403
    db.session.refresh(focal.org)
    assert not focal.org.require_2fa


def test_the_secretariat_can_require_it_for_an_organisation(client, make_user, make_org):
    boss = make_user(role="secretariat")
    org = make_org()
    login(client, boss)
    page = f"/secretariat/orgs/{org.slug}/edit"
    assert f"/members/{org.slug}/two-factor?required=1" in client.get(page).get_data(as_text=True)
    response = post_form(client, f"/members/{org.slug}/two-factor?required=1&next={page}", form_url=page)
    assert response.headers["Location"] == page
    db.session.refresh(org)
    assert org.require_2fa
    response = post_form(client, f"/members/{org.slug}/two-factor?required=0&next={page}", form_url=page)
    db.session.refresh(org)
    assert not org.require_2fa
    assert "org.2fa_not_required" in _actions()


def test_wrong_codes_slow_the_account_down_like_wrong_passwords(app, client, make_user, clock):
    """Someone who knows the password cannot try codes at full speed."""
    user = make_user()
    login(client, user)
    secret, _ = enrol(client, clock)
    logout(client)
    wrong = "000000" if _code(secret, clock) != "000000" else "111111"
    for _ in range(2):
        login(client, user)
        token = csrf_from(client, "/login/code")
        for i in range(3):
            client.post("/login/code", data={"code": wrong, "csrf_token": token})
    assert login(client, user).status_code == 429  # the password step now waits
    clock.move(seconds=61)
    assert login(client, user).headers["Location"] == "/login/code"
    clock.move(seconds=31)
    assert post_form(client, "/login/code", {"code": _code(secret, clock)}).status_code == 302
