"""Helpers for the backup tests (no tests here): a writer thread that uses the real
services, a second empty instance to restore into, files for the upload folder."""
import io
import os
import threading

import pytest

from portal import create_app
from portal.activities import services as activity_services
from portal.activities.kind import snapshot
from portal.backups import postgres
from portal.extensions import db
from portal.meetings import services as meeting_services
from portal.models import Meeting, User
from portal.resources.storage import get_storage
from portal.security import hash_password
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.test_meetings_support import make_meeting  # noqa: F401

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
ARABIC = "تقرير الاستجابة الشتوية\n".encode() * 50


class Writer(threading.Thread):
    """Creates activities and registers people for a meeting through the services, one
    commit at a time, until stopped; remembers each commit in order."""

    def __init__(self, app, member_id, people_ids, meeting_id, content):
        super().__init__(daemon=True)
        self.app, self.member_id, self.people_ids = app, member_id, people_ids
        self.meeting_id, self.content = meeting_id, content
        self.committed = []          # ("activity" | "registration", id), in commit order
        self.stopping = threading.Event()
        self.changed = threading.Condition()
        self.error = None

    def _done(self, kind, row_id):
        with self.changed:
            self.committed.append((kind, row_id))
            self.changed.notify_all()

    def run(self):
        try:
            with self.app.app_context():
                member = db.session.get(User, self.member_id)
                meeting = db.session.get(Meeting, self.meeting_id)
                for n, person_id in enumerate(self.people_ids):
                    if self.stopping.is_set():
                        break
                    item = activity_services.create(member, dict(self.content,
                                                                 title_en=f"Written {n}"))
                    self._done("activity", item.id)
                    person = db.session.get(User, person_id)
                    registration = meeting_services.register(person, meeting, person)
                    self._done("registration", registration.id)
                db.session.remove()
        except Exception as exc:  # reported by the test
            self.error = exc
            with self.changed:
                self.changed.notify_all()

    def wait_for(self, total, timeout=20):
        """Until ``total`` commits are done."""
        with self.changed:
            assert self.changed.wait_for(lambda: len(self.committed) >= total or self.error,
                                         timeout), "the writer is stuck"
        assert self.error is None, self.error

    def stop(self):
        self.stopping.set()
        self.join(timeout=30)
        assert self.error is None, self.error


@pytest.fixture
def fresh(tmp_path):
    """``fresh(name)``: a second, empty instance (a new SQLite file or a new PostgreSQL
    database named test_…_<name>, and an empty upload folder)."""
    made = []

    def make(name="restored"):
        if PG_URL:
            import psycopg

            base = PG_URL.replace("postgresql+psycopg://", "postgresql://")
            database = base.rsplit("/", 1)[1].split("?")[0] + "_" + name
            with psycopg.connect(base, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{database}"')
            server = base.split("://", 1)[1].rsplit("/", 1)[0]
            url = f"postgresql+psycopg://{server}/{database}"
            made.append((base, database))
        else:
            url = f"sqlite:///{tmp_path}/{name}.db"
        return create_app(dict(TEST_CONFIG, SQLALCHEMY_DATABASE_URI=url,
                               UPLOAD_FOLDER=str(tmp_path / f"{name}-uploads")))

    yield make
    if made:
        import psycopg

        for base, database in made:
            with psycopg.connect(base, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def write_uploads(app):
    """A logo, a binary document and an Arabic text document (through the real storage), and
    a file three folders deep; returns {relative name: bytes}."""
    from portal import logos

    root = app.config["UPLOAD_FOLDER"]
    logo, _mime = logos.save(io.BytesIO(PNG))
    key = get_storage().save(io.BytesIO(bytes(range(256)) * 40 + b"\x00\xff" * 100))
    text_key = get_storage().save(io.BytesIO(ARABIC))
    nested = os.path.join(root, "archive", "2026", "11")
    os.makedirs(nested)
    with open(os.path.join(nested, "notes.bin"), "wb") as fh:
        fh.write(os.urandom(5000))
    assert logo and key and text_key
    return tree(root)


def restore_into(instance, folder):
    """``flask restore`` run by the other instance (its own app context: the CLI would
    otherwise use the test's)."""
    with instance.app_context():
        result = instance.test_cli_runner().invoke(args=["restore", folder])
        db.session.remove()
        db.engine.dispose()
    return result


def tree(root):
    """{relative name: bytes} of every file under ``root``."""
    found = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, "rb") as fh:
                found[os.path.relpath(path, root)] = fh.read()
    return found


def table_counts():
    """{table: rows} of the current app's database (alembic_version apart)."""
    with db.engine.connect() as conn:
        return postgres.contents(conn)[0] if db.engine.dialect.name == "postgresql" else {
            name: conn.execute(db.text(f'SELECT count(*) FROM "{name}"')).scalar()
            for name in db.inspect(conn).get_table_names() if name != "alembic_version"}


@pytest.fixture
def busy_portal(app, make_org, make_user, make_activity, make_meeting):
    """An organisation with 80 staff, a meeting of 6 seats, a focal point writing activities,
    and files in the upload folder."""
    org = make_org()
    member = make_user(org=org, org_admin=True)
    content = snapshot(make_activity(org=org, state="draft"))
    password = hash_password(PASSWORD)
    people = [User(email=f"staff{n}@busy.example", name=f"Staff {n}", org=org,
                   password_hash=password) for n in range(80)]
    db.session.add_all(people)
    meeting = make_meeting(seats=6)
    db.session.commit()
    return {"member": member, "content": content, "people": [p.id for p in people],
            "meeting": meeting, "files": write_uploads(app)}
