"""The browser suite: Debian's Chromium driven through Playwright, against a live portal.

One Chromium and one live server serve the whole session; each test gets a fresh browser
context (no cookies), in Arabic by default as the alliance's readers see it.

Without /usr/bin/chromium the tests are skipped (install it with
``apt-get install -y chromium fonts-noto-core``); with REQUIRE_BROWSER=1 (as in CI) they fail.
"""
import os
import threading

import pytest

from portal import create_app
from portal.extensions import db
from portal.models import Area, Organisation, Sector, User
from portal.security import hash_password
from portal.seeding import seed_pages, seed_reference
from tests.conftest import PASSWORD, TEST_CONFIG

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
INSTALL_HINT = "install it with: apt-get install -y chromium fonts-noto-core"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARTIFACTS = os.path.join(ROOT, "test-artifacts")

MEMBER_EMAIL = "member@browser.example"
ORG_SLUG = "browser-test-org"


def _unavailable(reason):
    """Skip (a developer's machine) or fail (CI sets REQUIRE_BROWSER=1)."""
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    if not os.path.exists(CHROMIUM):
        _unavailable(f"Chromium is not installed at {CHROMIUM}; {INSTALL_HINT}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed for the chromium tests: pip install -e '.[test]'")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class LiveServer:
    def __init__(self, app, url):
        self.app = app
        self.url = url
        self.email = MEMBER_EMAIL
        self.password = PASSWORD
        self.org_slug = ORG_SLUG

    def __call__(self, path="/"):
        return self.url + path


def _seed_member():
    sectors = db.session.scalars(db.select(Sector).order_by(Sector.position).limit(2)).all()
    areas = db.session.scalars(
        db.select(Area).where(Area.kind == "governorate").order_by(Area.position).limit(2)
    ).all()
    org = Organisation(
        slug=ORG_SLUG, name_ar="جمعية الاختبار للإغاثة", name_en="Test Relief Association",
        acronym="TRA", website="https://tra.example.org",
        description_ar="منظمة للاختبار **فقط**.",
        description_en="An organisation for **testing** only.",
        sectors=sectors, areas=areas,
    )
    db.session.add(org)
    db.session.add(User(email=MEMBER_EMAIL, name="عضو الاختبار", org=org, role="member",
                        locale="ar", password_hash=hash_password(PASSWORD)))
    db.session.commit()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The portal on a temporary SQLite file, served by Werkzeug on a free local port.

    CSRF and rate limiting stay on (with generous limits); SERVER_NAME is not set, so the
    portal answers on 127.0.0.1:<port> as a browser addresses it.
    """
    from werkzeug.serving import make_server

    folder = tmp_path_factory.mktemp("live")
    config = {k: v for k, v in TEST_CONFIG.items() if k not in ("SERVER_NAME", "TESTING")}
    config.update(
        SQLALCHEMY_DATABASE_URI="sqlite:///" + str(folder / "browser.db"),
        UPLOAD_FOLDER=str(folder / "uploads"),
        RATELIMIT_STORAGE_URI="memory://",
    )
    app = create_app(config)
    with app.app_context():
        db.create_all()
        seed_reference()
        seed_pages()
        _seed_member()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-portal", daemon=True)
    thread.start()
    try:
        yield LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def context(browser):
    """A fresh browser context (no cookies) whose browser asks for Arabic."""
    ctx = browser.new_context(locale="ar-SY", viewport={"width": 1280, "height": 800})
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, live_server):
    return context.new_page()


@pytest.fixture(scope="session")
def artifacts():
    os.makedirs(ARTIFACTS, exist_ok=True)
    return ARTIFACTS


# --- meetings: a secretariat account and two staff of one organisation (additive) ----------

MEETING_SECRETARIAT_EMAIL = "secretariat.meetings@browser.example"
MEETING_ORG_SLUG = "browser-meetings-org"
MEETING_MEMBER_EMAILS = ("first@meetings.browser.example", "second@meetings.browser.example")


@pytest.fixture
def meeting_people(live_server):
    """In the live portal: a secretariat account and two staff of one organisation, all
    reading Arabic (made once, their language set back to Arabic for each test). Returns their
    emails (the password is ``live_server.password``)."""
    from types import SimpleNamespace

    with live_server.app.app_context():
        org = db.session.scalar(db.select(Organisation).where(Organisation.slug == MEETING_ORG_SLUG))
        if org is None:
            org = Organisation(slug=MEETING_ORG_SLUG, name_ar="جمعية اجتماعات الاختبار",
                               name_en="Meetings Test Society", acronym="MTS")
            db.session.add(org)
        wanted = [(MEETING_SECRETARIAT_EMAIL, "أمانة الاجتماعات", "secretariat", None)]
        wanted += [(email, f"مشارك {i}", "member", org)
                   for i, email in enumerate(MEETING_MEMBER_EMAILS, start=1)]
        for email, name, role, user_org in wanted:
            user = db.session.scalar(db.select(User).where(User.email == email))
            if user is None:
                user = User(email=email, name=name, role=role, org=user_org,
                            password_hash=hash_password(PASSWORD))
                db.session.add(user)
            user.locale = "ar"
        db.session.commit()
    return SimpleNamespace(secretariat=MEETING_SECRETARIAT_EMAIL, first=MEETING_MEMBER_EMAILS[0],
                           second=MEETING_MEMBER_EMAILS[1])
