"""Never over capacity, never over quota, whatever the timing: real requests raced against a
real gunicorn with 4 workers (of 4 threads each: 16 requests served at once), on SQLite and
(with TEST_DATABASE_URL) PostgreSQL.

50 people press "register" at the same moment for the last 5 seats: exactly 5 are confirmed,
45 go to the waiting list, nobody gets an error. 50 people from 5 organisations race for a
meeting with 2 seats per organisation: exactly 2 per organisation. The 5 confirmed cancel while
10 newcomers register: the first 5 waiting get the seats. 10 people double-click: one
registration each. Run with ``-s`` to see the figures.
"""
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from http.cookiejar import CookieJar

import pytest

from portal import create_app
from portal.extensions import db
from portal.models import Meeting, Organisation, Registration, User, utcnow
from portal.security import hash_password
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.live_gunicorn import gunicorn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PG_URL = os.environ.get("TEST_DATABASE_URL", "")
SECRET_KEY = "race-test-secret-key-0123456789-abcdefghijklmnop"
# The real factory, with login limits that let 70 people log in from one address at once.
APP = ("portal:create_app({'LOGIN_LIMITS': '10000 per minute', "
       "'LOGIN_ACCOUNT_LIMITS': '10000 per minute'})")
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """One person's browser: their own cookie jar, no redirects followed."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()),
                                                  NoRedirect())

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def csrf(self, path):
        status, html = self.request(path)
        assert status == 200, (path, status)
        return CSRF_RE.search(html).group(1)

    def login(self, email):
        status, _ = self.request("/login", {"email": email, "password": PASSWORD, "next": "",
                                            "csrf_token": self.csrf("/login")})
        assert status == 302, (email, status)
        self.token = self.csrf("/meetings")   # the session's CSRF token, for every form


def _driver_url(url):
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """A fresh database, built by the migrations (``flask db upgrade``)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/race.db"
        drop = None
    else:
        if not PG_URL:
            pytest.skip("TEST_DATABASE_URL is not set")
        import psycopg

        base = PG_URL.replace("postgresql+psycopg://", "postgresql://")
        name = base.rsplit("/", 1)[1].split("?")[0] + "_race"
        url = base.rsplit("/", 1)[0] + "/" + name

        def drop():
            with psycopg.connect(base, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        drop()
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY=SECRET_KEY)
    subprocess.run([sys.executable, "-m", "flask", "--app", "portal", "db", "upgrade"],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    yield request.param, url
    if drop:
        drop()


@pytest.fixture
def people(database):
    """Seven organisations: 5 with 10 racers each, one whose 5 staff hold seats already, one
    with 10 double-clickers; and the meetings they race for."""
    _name, url = database
    app = create_app(dict(TEST_CONFIG, SQLALCHEMY_DATABASE_URI=_driver_url(url)))
    with app.app_context():
        password = hash_password(PASSWORD)
        orgs = [Organisation(slug=f"race-{i}", name_ar=f"منظمة {i}", name_en=f"Org {i}")
                for i in range(7)]
        db.session.add_all(orgs)
        users = {}
        for i, org in enumerate(orgs):
            users[i] = [User(email=f"r{i}-{j}@race.example", name=f"R {i}-{j}", org=org,
                             password_hash=password, locale="ar")
                        for j in range(5 if i == 5 else 10)]
            db.session.add_all(users[i])
        start = utcnow() + timedelta(days=3)
        common = dict(title_ar="سباق", title_en="Race", state="open", format="in_person",
                      venue="Gaziantep", starts_at=start, ends_at=start + timedelta(hours=2))
        last_five = Meeting(seats=10, **common)
        quota = Meeting(seats=50, org_quota=2, **common)
        clicks = Meeting(seats=100, **common)
        db.session.add_all([last_five, quota, clicks])
        db.session.flush()
        for n, holder in enumerate(users[5], start=1):    # 5 of the 10 seats are taken
            db.session.add(Registration(meeting_id=last_five.id, user_id=holder.id,
                                        org_id=holder.org_id, status="confirmed",
                                        queue_number=n, confirmed_at=utcnow()))
        last_five.queue_serial = 5
        db.session.commit()
        racers = [u.email for i in range(5) for u in users[i]]
        clickers = [u.email for u in users[6]]
        ids = (last_five.id, quota.id, clicks.id)
    yield app, racers, clickers, ids
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def server(database, people):
    _name, url = database
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY=SECRET_KEY, MAIL_SERVER="",
               PORTAL_ENV="development")
    with gunicorn(APP, env, "-w", "4", "--threads", "4", "--log-level", "warning",
                  ready="/login") as base:
        yield base


def _logged_in(base, emails):
    def one(email):
        visitor = Visitor(base)
        visitor.login(email)
        return visitor

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(one, emails))


def _fire(jobs):
    """Every (visitor, path, form) POSTed at the same moment; the answers' status codes."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def fire(index):
        visitor, path, data = jobs[index]
        barrier.wait()
        try:
            results[index] = visitor.request(path, data)[0]
        except Exception as exc:  # a refused or dropped connection counts as an error
            results[index] = repr(exc)

    threads = [threading.Thread(target=fire, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def _race(visitors, meeting_id, clicks=1):
    """Everybody (each ``clicks`` times) POSTs the registration at the same moment."""
    path = f"/meetings/{meeting_id}/register"
    return _fire([(v, path, {"csrf_token": v.token}) for v in visitors for _ in range(clicks)])


def _figures(app, meeting_id, emails):
    with app.app_context():
        rows = db.session.execute(
            db.select(User.email, User.org_id, Registration.status, Registration.id,
                      Registration.queue_number)
            .join(Registration, Registration.user_id == User.id)
            .where(Registration.meeting_id == meeting_id)).all()
    mine = [r for r in rows if r.email in set(emails)]
    return rows, mine


def test_fifty_people_race_for_the_last_five_seats(database, people, server):
    name, _url = database
    app, racers, clickers, (last_five, quota, clicks) = people
    started = time.monotonic()
    visitors = _logged_in(server, racers + clickers)
    racing, clicking = visitors[:50], visitors[50:]

    results = _race(racing, last_five)
    rows, mine = _figures(app, last_five, racers)
    confirmed = sum(1 for r in mine if r.status == "confirmed")
    waiting = sum(1 for r in mine if r.status == "waiting")
    errors = [r for r in results if r != 302]
    print(f"\n[race {name}] last 5 seats: attempts={len(results)} confirmed={confirmed} "
          f"waiting={waiting} errors={len(errors)}")
    assert errors == []
    assert (confirmed, waiting) == (5, 45)
    assert sum(1 for r in rows if r.status == "confirmed") == 10      # the seats, no more

    # The 5 confirmed give up their seats while 10 newcomers register, all at once: the seats
    # go to the first 5 waiting, in order; no newcomer slips into a seat freed for a moment.
    by_email = {v_email: v for v_email, v in zip(racers, racing)}
    first_waiting = sorted((r for r in mine if r.status == "waiting"),
                           key=lambda r: r.queue_number)[:5]
    leaving = [r for r in mine if r.status == "confirmed"]
    jobs = [(by_email[r.email], f"/meetings/{last_five}/registrations/{r.id}/cancel",
             {"csrf_token": by_email[r.email].token}) for r in leaving]
    jobs += [(v, f"/meetings/{last_five}/register", {"csrf_token": v.token}) for v in clicking]
    results = _fire(jobs)
    rows, _mine = _figures(app, last_five, racers)
    status = {r.email: r.status for r in rows}
    errors = [r for r in results if r != 302]
    print(f"[race {name}] 5 cancellations and 10 registrations at once: "
          f"confirmed={sum(1 for r in rows if r.status == 'confirmed')} "
          f"promoted in order={sum(1 for r in first_waiting if status[r.email] == 'confirmed')} "
          f"newcomers waiting={sum(1 for e in clickers if status[e] == 'waiting')} "
          f"errors={len(errors)}")
    assert errors == []
    assert sum(1 for r in rows if r.status == "confirmed") == 10
    assert all(status[r.email] == "confirmed" for r in first_waiting)
    assert all(status[e] == "waiting" for e in clickers)

    results = _race(racing, quota)
    _rows, mine = _figures(app, quota, racers)
    per_org = {}
    for r in mine:
        if r.status == "confirmed":
            per_org[r.org_id] = per_org.get(r.org_id, 0) + 1
    errors = [r for r in results if r != 302]
    print(f"[race {name}] quota of 2 per organisation: attempts={len(results)} "
          f"confirmed={sum(per_org.values())} per organisation={sorted(per_org.values())} "
          f"waiting={sum(1 for r in mine if r.status == 'waiting')} errors={len(errors)}")
    assert errors == []
    assert sorted(per_org.values()) == [2, 2, 2, 2, 2]
    assert len(mine) == 50

    results = _race(clicking, clicks, clicks=2)
    _rows, mine = _figures(app, clicks, clickers)
    errors = [r for r in results if r != 302]
    print(f"[race {name}] double clicks: posts={len(results)} registrations={len(mine)} "
          f"errors={len(errors)} ({time.monotonic() - started:.1f} s)")
    assert errors == []
    assert len(mine) == 10 and {r.email for r in mine} == set(clickers)
