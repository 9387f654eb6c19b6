"""SQLite: a consistent copy of a live database, and its way back.

Copying the file of a database in write-ahead-log mode is not a backup: the latest
transactions live in ``portal.db-wal`` until a checkpoint, and a copy taken while someone
writes can be torn. SQLite's online backup API (``Connection.backup``) copies the pages as of
one read transaction, without stopping writers; the counts are then read from the copy itself.
Restoring goes through the same API (into the configured file), so SQLite takes its locks and
deals with the target's journal; nothing copies over a database file behind its back.
"""
import os
import sqlite3

from . import BackupError

FILE = "database.sqlite3"
BUSY_MS = 10000


def database_path(engine):
    path = engine.url.database
    if not path or path == ":memory:" or path.startswith("file:"):
        raise BackupError(f"Cannot back up the SQLite database {engine.url!r}: it is not a file.")
    return os.path.abspath(path)


def quote(name):
    return '"' + name.replace('"', '""') + '"'


def _connect(path, readonly=False):
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    else:
        conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")
    return conn


def _tables(conn):
    return [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]


def contents(conn):
    """({table: rows}, Alembic revision or None), alembic_version apart."""
    counts = {}
    revision = None
    for name in _tables(conn):
        if name == "alembic_version":
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
            continue
        counts[name] = conn.execute(f"SELECT count(*) FROM {quote(name)}").fetchone()[0]
    return counts, revision


def integrity(conn):
    """``ok``, or what PRAGMA integrity_check found wrong."""
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    return "ok" if rows == ["ok"] else "; ".join(rows[:5])


def snapshot(engine, folder):
    """Copy the live database into ``folder/database.sqlite3``; returns the manifest's
    database part, its counts and revision (read from the copy)."""
    source_path = database_path(engine)
    if not os.path.isfile(source_path):
        raise BackupError(f"There is no database at {source_path}.")
    target_path = os.path.join(folder, FILE)
    os.close(os.open(target_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    source = _connect(source_path)
    target = _connect(target_path)
    try:
        source.backup(target)                 # every page, as of one read transaction
        target.execute("PRAGMA journal_mode=DELETE")   # one self-contained file
        checked = integrity(target)
        if checked != "ok":
            raise BackupError(f"The copy of the database failed its integrity check: {checked}")
        counts, revision = contents(target)
    finally:
        source.close()
        target.close()
    with open(target_path, "rb+") as fh:
        os.fsync(fh.fileno())
    info = {"kind": "sqlite", "file": FILE, "sqlite_version": sqlite3.sqlite_version}
    return info, counts, revision


def tables_with_rows(engine):
    """Tables of the configured database that hold rows (alembic_version apart)."""
    path = database_path(engine)
    if not os.path.exists(path):
        return []
    conn = _connect(path, readonly=True)
    try:
        counts, _revision = contents(conn)
    finally:
        conn.close()
    return sorted(name for name, rows in counts.items() if rows)


def check_file(folder):
    """The backup's database file passes SQLite's integrity check (read-only)."""
    conn = _connect(os.path.join(folder, FILE), readonly=True)
    try:
        checked = integrity(conn)
    finally:
        conn.close()
    if checked != "ok":
        raise BackupError(f"The backup's database fails its integrity check: {checked}")


def restore(engine, folder):
    """Write the backup's database into the configured file; returns
    (integrity result, counts, revision) read from the restored database."""
    engine.dispose()
    path = database_path(engine)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    source = _connect(os.path.join(folder, FILE), readonly=True)
    target = _connect(path)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
        checked = integrity(target)
        counts, revision = contents(target)
    finally:
        source.close()
        target.close()
    return checked, counts, revision
