"""Backups that restore, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.

A backup is taken while a thread keeps registering people for a meeting and creating
activities through the real services; it is restored into a fresh instance (a new SQLite file,
a new PostgreSQL database): the integrity check passes, every row committed before the backup
began is there, rows written after the snapshot are not (the counts equal the manifest's), and
the uploads come back byte for byte. A backup is refused into a non-empty folder; a restore is
refused into an instance holding data, from a changed or incomplete backup, and without the
PostgreSQL tools.
"""
import json
import os
import shutil
import sqlite3
import stat

import pytest

from portal.activities import services as activity_services
from portal.backups import postgres, uploads
from portal.extensions import db
from portal.models import Activity, AuditEvent, Registration, User
from tests.conftest import login
from tests.test_backup_support import (PG_URL, PNG, Writer, busy_portal, fresh,  # noqa: F401
                                       make_meeting, restore_into, table_counts, tree,
                                       write_uploads)


def test_backup_while_writing_restores_every_committed_row(app, runner, busy_portal, fresh,
                                                           tmp_path, monkeypatch):
    writer = Writer(app, busy_portal["member"].id, busy_portal["people"],
                    busy_portal["meeting"].id, busy_portal["content"])
    after_snapshot = []

    def keep_writing(original):
        """Let the writer commit 4 more rows, then go on with the backup."""
        def step(*args, **kwargs):
            with writer.changed:
                seen = len(writer.committed)
            after_snapshot.append(seen)
            writer.wait_for(seen + 4)
            return original(*args, **kwargs)
        return step

    # Between the snapshot and the dump (PostgreSQL), and between the database and the uploads.
    monkeypatch.setattr(postgres, "dump", keep_writing(postgres.dump))
    monkeypatch.setattr(uploads, "copy_out", keep_writing(uploads.copy_out))
    email = busy_portal["member"].email
    writer.start()
    writer.wait_for(10)
    with writer.changed:
        before_backup = list(writer.committed)
    target = tmp_path / "backup"
    result = runner.invoke(args=["backup", str(target)])
    writer.stop()
    assert result.exit_code == 0, result.output
    assert f"Backup written to {target}" in result.output
    assert len(writer.committed) >= len(before_backup) + 4 * len(after_snapshot)

    body = json.loads((target / "manifest.json").read_text())
    assert body["database"]["kind"] == db.engine.dialect.name
    assert body["created_at"].endswith("Z") and "revision" in body
    assert set(body["files"]) == {body["database"]["file"]} | {
        "uploads/" + name.replace(os.sep, "/") for name in busy_portal["files"]}
    for name, stated in body["files"].items():
        data = (target / name).read_bytes()
        assert stated["size"] == len(data)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o700

    restored = fresh("restored")
    outcome = restore_into(restored, str(target))
    assert outcome.exit_code == 0, outcome.output
    assert "integrity ok" in outcome.output
    assert "every count equal to the manifest" in outcome.output

    with restored.app_context():
        assert table_counts() == body["tables"]
        if not PG_URL:
            path = db.engine.url.database
            with sqlite3.connect(path) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        activities = set(db.session.scalars(db.select(Activity.id)))
        registrations = set(db.session.scalars(db.select(Registration.id)))
        present = [(kind, row_id) for kind, row_id in writer.committed
                   if row_id in (activities if kind == "activity" else registrations)]
        # One snapshot: what the backup holds is exactly the writer's first N commits, every
        # one committed before the backup began among them, none written after the snapshot.
        assert present == writer.committed[:len(present)]
        assert len(present) >= len(before_backup)
        assert len(present) <= after_snapshot[0] + 1
        # Each row came back with the audit event of its own transaction.
        audited = set(db.session.execute(db.select(AuditEvent.action, AuditEvent.object_id)))
        for kind, row_id in present:
            action = "activity.created" if kind == "activity" else "meeting.registered"
            assert (action, str(row_id)) in audited
        confirmed = db.session.scalar(db.select(db.func.count(Registration.id))
                                      .where(Registration.status == "confirmed"))
        assert confirmed == min(6, sum(1 for kind, _ in present if kind == "registration"))
        # The restored instance goes on: new rows get new ids (sequences came back too).
        member = db.session.scalar(db.select(User).where(User.email == email))
        item = activity_services.create(member, dict(busy_portal["content"], title_en="After"))
        assert item.id > max(activities)
        db.session.remove()
        db.engine.dispose()

    assert tree(restored.config["UPLOAD_FOLDER"]) == busy_portal["files"]
    client = restored.test_client()
    assert login(client, email).status_code == 302
    with restored.app_context():
        db.engine.dispose()


def test_restore_into_an_empty_schema(app, runner, make_user, fresh, tmp_path):
    """A target built by ``db upgrade`` (tables, no rows) is empty enough."""
    email = make_user().email
    runner.invoke(args=["backup", str(tmp_path / "b")])
    restored = fresh("schema")
    with restored.app_context():
        db.create_all()
        db.engine.dispose()
    outcome = restore_into(restored, str(tmp_path / "b"))
    assert outcome.exit_code == 0, outcome.output
    with restored.app_context():
        assert db.session.scalar(db.select(User.email)) == email
        db.session.remove()
        db.engine.dispose()


def test_backup_refuses_a_folder_that_holds_files(app, runner, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    refused = runner.invoke(args=["backup", str(folder)])
    assert refused.exit_code != 0 and "is not empty" in refused.output
    assert os.listdir(folder) == ["keep.txt"]

    dated = runner.invoke(args=["backup", "--dated", str(folder)])
    assert dated.exit_code == 0, dated.output
    made = sorted(set(os.listdir(folder)) - {"keep.txt"})
    assert len(made) == 1 and made[0].endswith("Z")
    assert (folder / made[0] / "manifest.json").exists()

    empty = tmp_path / "empty"
    empty.mkdir()
    assert runner.invoke(args=["backup", str(empty)]).exit_code == 0
    assert (empty / "manifest.json").exists()

    inside = runner.invoke(args=["backup", os.path.join(app.config["UPLOAD_FOLDER"], "b")])
    assert inside.exit_code != 0 and "inside the upload folder" in inside.output


def test_restore_refuses_an_instance_that_holds_data(app, runner, fresh, tmp_path):
    backup = tmp_path / "b"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0

    into_itself = runner.invoke(args=["restore", str(backup)])   # seeded sectors, pages…
    assert into_itself.exit_code != 0
    assert "Restore needs an empty instance" in into_itself.output
    assert "sector" in into_itself.output

    restored = fresh("uploads_full")
    os.makedirs(os.path.join(restored.config["UPLOAD_FOLDER"], "logos"))
    with open(os.path.join(restored.config["UPLOAD_FOLDER"], "logos", "old.png"), "wb") as fh:
        fh.write(PNG)
    refused = restore_into(restored, str(backup))
    assert refused.exit_code != 0 and "the upload folder" in refused.output
    with restored.app_context():
        assert not any(table_counts().values())
        db.engine.dispose()


def _change_a_byte(backup):
    path = next(p for p in (backup / "uploads").rglob("*") if p.is_file())
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    return "changed: uploads/"


def _edit_the_counts(backup):
    body = json.loads((backup / "manifest.json").read_text())
    body["tables"]["sector"] += 1
    (backup / "manifest.json").write_text(json.dumps(body))
    return "digest differs"


def _drop_a_file(backup):
    path = next(p for p in (backup / "uploads").rglob("*") if p.is_file())
    path.unlink()
    return "missing: uploads/"


def _add_a_file(backup):
    (backup / "uploads" / "logos" / "planted.png").write_bytes(PNG)
    return "not in the manifest: uploads/logos/planted.png"


def _damage_the_database(backup):
    body = json.loads((backup / "manifest.json").read_text())
    path = backup / body["database"]["file"]
    with open(path, "r+b") as fh:
        fh.seek(os.path.getsize(path) - 10)
        fh.write(b"\x00" * 10)
    return f"changed: {body['database']['file']}"


def _remove_the_manifest(backup):
    (backup / "manifest.json").unlink()
    return "holds no manifest.json"


@pytest.mark.parametrize("tamper", [_change_a_byte, _edit_the_counts, _drop_a_file, _add_a_file,
                                    _damage_the_database, _remove_the_manifest])
def test_restore_refuses_a_changed_or_incomplete_backup(app, runner, fresh, tmp_path, tamper):
    write_uploads(app)
    backup = tmp_path / "b"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    expected = tamper(backup)
    restored = fresh("tampered")
    refused = restore_into(restored, str(backup))
    assert refused.exit_code != 0
    assert expected in refused.output
    assert not os.path.exists(restored.config["UPLOAD_FOLDER"]) or not tree(
        restored.config["UPLOAD_FOLDER"])
    with restored.app_context():
        assert not any(table_counts().values())
        db.engine.dispose()


def _tools_folder(tmp_path, **scripts):
    folder = tmp_path / "bin"
    folder.mkdir()
    for name, text in scripts.items():
        path = folder / name
        path.write_text("#!/bin/sh\n" + text + "\n")
        path.chmod(0o755)
    return str(folder)


def _needs_postgresql():
    if not PG_URL:
        pytest.skip("the PostgreSQL tools matter only with TEST_DATABASE_URL")


def test_backup_says_when_pg_dump_is_missing(app, runner, tmp_path, monkeypatch):
    _needs_postgresql()
    monkeypatch.setenv("PATH", _tools_folder(tmp_path))
    result = runner.invoke(args=["backup", str(tmp_path / "b")])
    assert result.exit_code != 0
    assert "pg_dump was not found on PATH" in result.output
    assert not (tmp_path / "b").exists()
    assert [p for p in os.listdir(tmp_path) if p.startswith(".b.partial")] == []


def test_backup_says_when_pg_dump_is_older_than_the_server(app, runner, tmp_path, monkeypatch):
    _needs_postgresql()
    monkeypatch.setenv("PATH", _tools_folder(
        tmp_path, pg_dump='echo "pg_dump (PostgreSQL) 9.6.24"'))
    result = runner.invoke(args=["backup", str(tmp_path / "b")])
    assert result.exit_code != 0
    assert "is version 9, older than the PostgreSQL server" in result.output
    assert not (tmp_path / "b").exists()


def test_restore_says_when_pg_restore_is_missing(app, runner, fresh, tmp_path, monkeypatch):
    _needs_postgresql()
    assert runner.invoke(args=["backup", str(tmp_path / "b")]).exit_code == 0
    restored = fresh("no_tools")
    monkeypatch.setenv("PATH", _tools_folder(tmp_path))
    result = restore_into(restored, str(tmp_path / "b"))
    assert result.exit_code != 0 and "pg_restore was not found on PATH" in result.output
    with restored.app_context():
        assert table_counts() == {}
        db.engine.dispose()


def test_the_password_never_reaches_a_command_line(monkeypatch):
    """The connection settings go to pg_dump as libpq environment variables."""
    from sqlalchemy.engine import make_url

    env = postgres.libpq_environment(make_url(
        "postgresql+psycopg://portal:s3cr%40t@db.internal:5433/portal?sslmode=require"))
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"], env["PGPASSWORD"], env["PGDATABASE"],
            env["PGSSLMODE"]) == ("db.internal", "5433", "portal", "s3cr@t", "portal", "require")
    seen = []
    monkeypatch.setattr(postgres.subprocess, "run",
                        lambda command, **kw: seen.append(command) or _Done())
    postgres.dump("/usr/bin/pg_dump", "/tmp/x.pgdump", env, "00000003-1")
    assert seen and not any("s3cr" in part or "db.internal" in part for part in seen[0])
    assert "--snapshot=00000003-1" in seen[0] and "--format=custom" in seen[0]


class _Done:
    returncode = 0
    stdout = stderr = ""


def test_backup_holds_no_plain_copy_of_a_busy_wal(app, runner, make_user, tmp_path):
    """SQLite: rows still in the write-ahead log (not yet in portal.db) are in the backup."""
    if PG_URL:
        pytest.skip("SQLite only")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        user = make_user()
        path = db.engine.url.database
        assert os.path.getsize(path + "-wal") > 0
        copy = tmp_path / "plain.db"
        shutil.copyfile(path, copy)
        with sqlite3.connect(copy) as plain:
            try:
                missing = plain.execute("SELECT count(*) FROM user_account").fetchone()[0]
            except sqlite3.OperationalError:   # not even the table is in the file yet
                missing = 0
        assert runner.invoke(args=["backup", str(tmp_path / "b")]).exit_code == 0
    with sqlite3.connect(tmp_path / "b" / "database.sqlite3") as backed_up:
        emails = [r[0] for r in backed_up.execute("SELECT email FROM user_account")]
    assert missing == 0 and emails == [user.email]
