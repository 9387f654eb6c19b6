"""Two-factor login in a real browser: the secretariat enrols TOTP (codes computed with pyotp
from the key shown next to the QR code), logs out, logs in with password and code, and uses a
recovery code once (a second use is refused). Elements are found by name, id or role."""
import re
import time

import pyotp
import pytest

from portal.extensions import db
from portal.models import User
from portal.security import hash_password

pytestmark = pytest.mark.browser

EMAIL = "secretariat.2fa@browser.example"


@pytest.fixture
def secretariat(live_server):
    """A secretariat account without a second factor (made once, reset for each test)."""
    with live_server.app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == EMAIL))
        if user is None:
            user = User(email=EMAIL, name="أمانة الاختبار", role="secretariat", locale="ar",
                        password_hash=hash_password(live_server.password))
            db.session.add(user)
        user.totp_secret = user.totp_enabled_at = None
        user.totp_last_step = 0
        db.session.commit()
    return EMAIL


def log_in_with_password(page, live_server, email):
    page.goto(live_server("/login"))
    form = page.locator("main form")
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password]").fill(live_server.password)
    form.locator("button[type=submit]").click()


def enter_code(page, code):
    form = page.locator("main form")
    form.locator("input[name=code]").fill(code)
    form.locator("button[type=submit]").click()


def log_out(page):
    page.locator("header form[action='/logout'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))


def test_secretariat_enrols_logs_in_with_a_code_and_a_recovery_code_once(page, live_server,
                                                                         secretariat):
    violations = []
    page.on("console", lambda msg: violations.append(msg.text)
            if "Content Security Policy" in msg.text else None)

    log_in_with_password(page, live_server, secretariat)
    page.wait_for_url(re.compile(r"/dashboard$"))

    # Enrol: the QR code is inline SVG; the key is shown as text beside it.
    page.goto(live_server("/account/security"))
    page.locator("main a[href='/account/security/two-factor']").click()
    page.wait_for_url(re.compile(r"/account/security/two-factor$"))
    assert page.locator("main figure.qr svg").is_visible()
    secret = page.locator("#totp-secret").inner_text().strip()
    totp = pyotp.TOTP(secret)
    enter_code(page, totp.now())
    codes = [c.strip() for c in page.locator("main .recovery-codes code").all_inner_texts()]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert violations == []

    # The codes are shown once: the security page does not repeat them.
    page.goto(live_server("/account/security"))
    assert codes[0] not in page.content()
    log_out(page)

    # Password, then a code (the next time step: the enrolment code cannot be replayed).
    log_in_with_password(page, live_server, secretariat)
    page.wait_for_url(re.compile(r"/login/code$"))
    enter_code(page, totp.at(time.time() + 30))
    page.wait_for_url(re.compile(r"/dashboard$"))
    log_out(page)

    # A recovery code works once...
    log_in_with_password(page, live_server, secretariat)
    page.wait_for_url(re.compile(r"/login/code$"))
    enter_code(page, codes[0])
    page.wait_for_url(re.compile(r"/dashboard$"))
    log_out(page)

    # ...and is refused the second time.
    log_in_with_password(page, live_server, secretariat)
    page.wait_for_url(re.compile(r"/login/code$"))
    enter_code(page, codes[0])
    page.wait_for_load_state()
    assert re.search(r"/login/code$", page.url), page.url
    assert page.locator("main input[name=code][aria-invalid=true]").count() == 1
    response = page.goto(live_server("/dashboard"))
    assert "/login" in page.url and response.status == 200
