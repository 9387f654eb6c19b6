"""Fixtures: a fresh app and database per test (SQLite, or PostgreSQL via TEST_DATABASE_URL),
maker fixtures, and helpers that post forms with their real CSRF token."""
import itertools
import os
import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import event

from portal import create_app
from portal.extensions import db
from portal.models import Organisation, User
from portal.security import hash_password
from portal.seeding import seed_pages, seed_reference

PASSWORD = "correct horse battery staple"
PG_URL = os.environ.get("TEST_DATABASE_URL", "")
_pg_schema_ready = False
_counter = itertools.count(1)


def _database_url(tmp_path):
    if PG_URL:
        url = PG_URL
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        return url
    return "sqlite:///" + str(tmp_path / "test.db")


def _fresh_schema():
    global _pg_schema_ready
    if not PG_URL:
        db.create_all()
        return
    if not _pg_schema_ready:
        db.drop_all()
        db.create_all()
        _pg_schema_ready = True
        return
    names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    db.session.execute(db.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    db.session.commit()


TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
    "ARGON2_TIME_COST": 1,
    "ARGON2_MEMORY_COST": 1024,
    "ARGON2_PARALLELISM": 1,
    "MAIL_SERVER": "",
    "SERVER_NAME": "portal.test",
    "PAGE_CACHE_SECONDS": 0,  # tests/test_page_cache.py turns it on
    # Generous limits for most tests; tests/test_rate_limits.py uses the real ones.
    "LOGIN_LIMITS": "1000 per minute",
    "LOGIN_ACCOUNT_LIMITS": "1000 per minute",
    "VOLUNTEER_LIMITS": "1000 per minute",
    "RESET_LIMITS": "1000 per minute",
}


@pytest.fixture
def app_config(tmp_path):
    """Override entries in a test with ``app_config.update(...)`` before using ``app``."""
    config = dict(TEST_CONFIG)
    config["SQLALCHEMY_DATABASE_URI"] = _database_url(tmp_path)
    config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    return config


class FreshContextClient(FlaskClient):
    """Each request runs in its own app context, like a real server: no ``g`` or session
    shared with the test or with other requests. The test's session is expired afterwards so
    that it sees what the request wrote."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def app(app_config):
    from portal.public.services import forget_figures

    forget_figures()
    app = create_app(app_config)
    app.test_client_class = FreshContextClient
    with app.app_context():
        _fresh_schema()
        seed_reference()
        seed_pages()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_org(app):
    def make(**kw):
        n = next(_counter)
        kw.setdefault("slug", f"org-{n}")
        kw.setdefault("name_ar", f"منظمة {n}")
        kw.setdefault("name_en", f"Organisation {n}")
        org = Organisation(**kw)
        db.session.add(org)
        db.session.commit()
        return org

    return make


@pytest.fixture
def make_user(app, make_org):
    def make(role="member", org=None, org_admin=False, password=PASSWORD, **kw):
        n = next(_counter)
        kw.setdefault("email", f"user{n}@example.org")
        kw.setdefault("name", f"User {n}")
        if role == "member" and org is None:
            org = make_org()
        user = User(role=role, org=org if role == "member" else None, is_org_admin=org_admin,
                    password_hash=hash_password(password), **kw)
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_activity(app, make_org, make_user):
    """An activity; ``state="approved"`` (default) publishes it, as a moderator's approval would."""
    from datetime import date

    from portal.models import Activity, Area, Sector
    from portal.search import index

    def make(org=None, state="approved", sector="HEALTH", areas=("SY07",), visibility="public",
             start=date(2026, 1, 1), end=None, **kw):
        org = org or make_org()
        sector_row = db.session.scalar(db.select(Sector).where(Sector.code == sector))
        area_rows = db.session.scalars(db.select(Area).where(Area.code.in_(areas))).all()
        kw.setdefault("title_ar", f"نشاط {next(_counter)}")
        kw.setdefault("title_en", f"Activity {next(_counter)}")
        activity = Activity(org_id=org.id, primary_sector=sector_row, sectors=[sector_row],
                            areas=list(area_rows), visibility=visibility, start_date=start,
                            end_date=end, review_state=state, is_published=(state == "approved"), **kw)
        db.session.add(activity)
        db.session.flush()
        index("activity", activity.id, activity.title_ar, activity.title_en,
              activity.description_ar, activity.description_en)
        db.session.commit()
        return activity

    return make


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_from(client, url):
    response = client.get(url)
    match = CSRF_RE.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {url} ({response.status_code})"
    return match.group(1)


def post_form(client, url, data=None, form_url=None, **kw):
    """POST like a browser: take the CSRF token from the page that holds the form."""
    data = dict(data or {})
    data.setdefault("csrf_token", csrf_from(client, form_url or url))
    return client.post(url, data=data, **kw)


def login(client, user_or_email, password=PASSWORD, remember=False, next_url=""):
    email = getattr(user_or_email, "email", user_or_email)
    data = {"email": email, "password": password, "next": next_url}
    if remember:
        data["remember"] = "y"
    return post_form(client, "/login", data)


def logout(client):
    return post_form(client, "/logout", form_url="/dashboard")


@pytest.fixture
def count_queries(app):
    """``with count_queries() as q: ...`` then ``q.count``: SQL statements run inside."""

    class Counter:
        def __init__(self):
            self.count = 0
            self.statements = []

        def __enter__(self):
            event.listen(db.engine, "before_cursor_execute", self._hit)
            return self

        def __exit__(self, *exc):
            event.remove(db.engine, "before_cursor_execute", self._hit)

        def _hit(self, conn, cursor, statement, *args):
            self.count += 1
            self.statements.append(statement)

    return Counter


from tests.clock import clock  # noqa: E402,F401  (a movable clock: sessions, two-factor login)
