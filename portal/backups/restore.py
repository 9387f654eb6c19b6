"""Restore a backup into an empty instance, then prove it came back whole.

In order: the manifest and every file are checked (a changed, missing or extra file stops
everything before anything is written); the instance must be empty (no table with rows, no
file in the upload folder), so a restore can never overwrite live data; the database is
restored, the uploads copied; then the restored database is checked (SQLite's integrity check;
the row count of every table equal to the manifest's; the same Alembic revision).
"""
from flask import current_app

from ..extensions import db
from . import BackupError, manifest, postgres, sqlite, uploads
from .backup import backend


def head_revision():
    """The newest Alembic revision this code knows (None without migrations)."""
    from alembic.script import ScriptDirectory

    directory = current_app.extensions["migrate"].directory
    return ScriptDirectory(directory).get_current_head()


def check_empty(engine, upload_root):
    """Refuse a target that holds data: a restore never mixes with or overwrites live data."""
    full = backend(engine).tables_with_rows(engine)
    problems = []
    if full:
        problems.append(f"the database has rows in {', '.join(full[:8])}"
                        + (" …" if len(full) > 8 else ""))
    if uploads.has_files(upload_root):
        problems.append(f"the upload folder {upload_root} holds files")
    if problems:
        raise BackupError("Restore needs an empty instance, and " + " and ".join(problems)
                          + ". Point DATABASE_URL at a new database (or a new SQLite file) and "
                          "UPLOAD_FOLDER at an empty folder, then run restore again.")


def restore_backup(folder):
    """Restore the backup in ``folder``; returns a summary (dict) of what was restored and
    checked. Raises BackupError, with nothing written, when the backup or target is wrong."""
    engine = db.engine
    upload_root = current_app.config["UPLOAD_FOLDER"]
    body = manifest.verify(folder)
    kind = body["database"].get("kind")
    module = backend(engine)
    if kind != engine.dialect.name:
        raise BackupError(f"This is a backup of a {kind} database; the portal is configured "
                          f"for {engine.dialect.name}. Restore it into the same kind.")
    if module is sqlite:
        sqlite.check_file(folder)
        restore_database = sqlite.restore
    else:
        pg_restore = postgres.check_tool(body["database"])

        def restore_database(engine, folder):
            return postgres.restore(engine, folder, pg_restore)

    check_empty(engine, upload_root)
    db.session.remove()
    checked, counts, revision = restore_database(engine, folder)
    files, size = uploads.copy_in(folder, body["files"], upload_root)
    engine.dispose()
    problems = []
    if checked != "ok":
        problems.append(f"integrity check: {checked}")
    differ = sorted(name for name in set(counts) | set(body["tables"])
                    if counts.get(name) != body["tables"].get(name))
    if differ:
        problems.append("row counts differ from the manifest in "
                        + ", ".join(f"{n} ({counts.get(n)} ≠ {body['tables'].get(n)})"
                                    for n in differ))
    if revision != body.get("revision"):
        problems.append(f"revision {revision} ≠ {body.get('revision')}")
    if problems:
        raise BackupError("The restored instance does not match the backup: "
                          + "; ".join(problems))
    return {"kind": kind, "created_at": body.get("created_at"), "revision": revision,
            "head": head_revision(), "tables": counts, "rows": sum(counts.values()),
            "integrity": checked, "files": files, "bytes": size}
