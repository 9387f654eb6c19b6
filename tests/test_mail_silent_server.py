"""A mail server that accepts connections and never answers does not stall the site: under
gunicorn (2 sync workers), /healthz answers in under 200 ms while password resets are requested."""
import http.cookiejar
import os
import re
import threading
import time
import urllib.parse
import urllib.request

from portal import create_app
from portal.extensions import db
from portal.models import OutboxMail, User
from portal.security import hash_password
from tests.conftest import TEST_CONFIG
from tests.live_gunicorn import gunicorn
from tests.mail_servers import silent_server  # noqa: F401 (fixture)

RESETS = 4


def _site_database(path):
    site = create_app(dict(TEST_CONFIG, SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}"))
    with site.app_context():
        db.create_all()
        for i in range(RESETS):
            db.session.add(User(email=f"reset{i}@example.org", name=f"Reset {i}", role="secretariat",
                                password_hash=hash_password("correct horse battery staple")))
        db.session.commit()
        db.engine.dispose()
    return site


def _get(opener, url, timeout=15):
    with opener.open(url, timeout=timeout) as response:
        return response.status, response.read().decode()


def test_a_silent_mail_server_does_not_stall_the_site(tmp_path, silent_server):
    path = tmp_path / "site.db"
    site = _site_database(path)
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{path}", PORTAL_ENV="development",
               SECRET_KEY="k" * 48, MAIL_SERVER="127.0.0.1", MAIL_PORT=str(silent_server.port),
               UPLOAD_FOLDER=str(tmp_path / "uploads"))
    with gunicorn("portal:create_app({'RESET_LIMITS': '100 per minute'})", env,
                  "-w", "2", "-k", "sync") as base:
        plain = urllib.request.build_opener()
        browser = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                          _get(browser, base + "/password/forgot")[1]).group(1)
        for _ in range(6):  # both workers load their templates before anything is timed
            data = urllib.parse.urlencode({"email": "nobody@example.org", "csrf_token": token})
            browser.open(base + "/password/forgot", data=data.encode(), timeout=30).read()
        posted = []

        def resets():
            """One person after another asks for a reset link (each mail goes to the silent server)."""
            for i in range(RESETS):
                data = urllib.parse.urlencode({"email": f"reset{i}@example.org", "csrf_token": token})
                started = time.monotonic()
                with browser.open(base + "/password/forgot", data=data.encode(), timeout=30) as response:
                    posted.append((response.status, time.monotonic() - started))

        threads = [threading.Thread(target=resets)]
        threads[0].start()
        timings = []
        until = time.monotonic() + 4  # longer than the budget of a send after a request
        while time.monotonic() < until:
            started = time.monotonic()
            try:
                status, _ = _get(plain, base + "/healthz", timeout=5)
            except OSError:
                status = "timeout"
            timings.append((status, round(time.monotonic() - started, 3)))
            time.sleep(0.05)
        for t in threads:
            t.join(30)
        slowest = max(seconds for _, seconds in timings)
        print(f"\n[silent server] /healthz: {len(timings)} requests, slowest {slowest * 1000:.0f} ms; "
              f"resets: {[round(s, 3) for _, s in posted]} s")
        assert all(status == 200 for status, _ in timings), timings
        assert slowest < 0.2, timings
        assert [status for status, _ in posted] == [200] * RESETS  # redirected to the login page
        assert max(seconds for _, seconds in posted) < 2, posted
    with site.app_context():  # nothing was lost: the mail waits for the worker
        rows = db.session.scalars(db.select(OutboxMail)).all()
        assert len(rows) == RESETS and all(m.sent_at is None for m in rows)
        db.engine.dispose()
