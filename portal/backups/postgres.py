"""PostgreSQL: ``pg_dump --format=custom`` of one snapshot, and ``pg_restore`` back.

The counts of the manifest and the dump see the same data: a REPEATABLE READ, read-only
transaction exports its snapshot (``pg_export_snapshot()``), counts the rows, and stays open
while ``pg_dump --snapshot=…`` dumps exactly that snapshot. Writers are never blocked.

The connection settings come from ``DATABASE_URL`` and reach the tools as libpq environment
variables (``PGHOST``, ``PGUSER``, ``PGPASSWORD``…): nothing is put on a command line, where
other users of the machine could read it.
"""
import os
import re
import shutil
import subprocess

from psycopg.conninfo import make_conninfo
from sqlalchemy import inspect, text

from . import BackupError

FILE = "database.pgdump"
# libpq settings a DATABASE_URL may carry in its query string, and their environment variables.
QUERY_ENV = {
    "host": "PGHOST", "hostaddr": "PGHOSTADDR", "port": "PGPORT", "sslmode": "PGSSLMODE",
    "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY", "sslrootcert": "PGSSLROOTCERT",
    "sslcrl": "PGSSLCRL", "sslcompression": "PGSSLCOMPRESSION",
    "ssl_min_protocol_version": "PGSSLMINPROTOCOLVERSION", "gssencmode": "PGGSSENCMODE",
    "channel_binding": "PGCHANNELBINDING", "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME", "options": "PGOPTIONS", "passfile": "PGPASSFILE",
    "service": "PGSERVICE", "target_session_attrs": "PGTARGETSESSIONATTRS",
    "client_encoding": "PGCLIENTENCODING",
}
VERSION_RE = re.compile(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?")


def libpq_environment(url):
    """The environment for pg_dump/pg_restore: ours, plus the settings of ``url``."""
    env = dict(os.environ)
    for value, variable in ((url.host, "PGHOST"), (url.port, "PGPORT"),
                            (url.username, "PGUSER"), (url.password, "PGPASSWORD"),
                            (url.database, "PGDATABASE")):
        if value not in (None, ""):
            env[variable] = str(value)
    for key, value in url.query.items():
        if key not in QUERY_ENV:
            raise BackupError(f"DATABASE_URL has the setting {key!r}, which cannot be passed to "
                              f"pg_dump/pg_restore; set the matching PG* environment variable.")
        env[QUERY_ENV[key]] = value if isinstance(value, str) else value[-1]
    return env


def tool(name):
    """The path of ``pg_dump`` or ``pg_restore`` on PATH, and its major version."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found on PATH, so the PostgreSQL database cannot be "
            f"{'backed up' if name == 'pg_dump' else 'restored'}. Install the PostgreSQL client "
            f"tools of the server's major version (Debian/Ubuntu: apt install postgresql-client) "
            f"or put their folder first on PATH (e.g. PATH=/usr/lib/postgresql/16/bin:$PATH).")
    try:
        answer = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30)
        match = VERSION_RE.search(answer.stdout)
    except (OSError, subprocess.SubprocessError):
        match = None
    if match is None:
        raise BackupError(f"{path} --version did not say which PostgreSQL version it is.")
    return path, int(match.group(1))


def _major(version_num):
    return int(version_num) // 10000


def _run(command, env, what):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-2000:]
        raise BackupError(f"{what} failed (exit status {result.returncode}): {detail}")


def contents(conn):
    """({table: rows}, Alembic revision or None) in the connection's transaction."""
    counts = {}
    revision = None
    quote = conn.dialect.identifier_preparer.quote
    for name in sorted(inspect(conn).get_table_names()):
        if name == "alembic_version":
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            continue
        counts[name] = conn.execute(text(f"SELECT count(*) FROM {quote(name)}")).scalar()
    return counts, revision


def dump(pg_dump, path, env, snapshot_id):
    """``pg_dump`` of the exported snapshot into ``path`` (a step of its own, so that tests
    can write between the snapshot and the dump)."""
    _run([pg_dump, "--format=custom", "--no-password", f"--snapshot={snapshot_id}",
          f"--file={path}"], env, "pg_dump")


def snapshot(engine, folder):
    """Dump the database into ``folder/database.pgdump``; returns the manifest's database
    part, the counts and the revision, read in the dump's snapshot."""
    pg_dump, dump_major = tool("pg_dump")
    env = libpq_environment(engine.url)
    path = os.path.join(folder, FILE)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    with engine.connect().execution_options(isolation_level="REPEATABLE READ",
                                            postgresql_readonly=True) as conn:
        with conn.begin():
            server = conn.execute(text("SHOW server_version_num")).scalar()
            if dump_major < _major(server):
                raise BackupError(
                    f"{pg_dump} is version {dump_major}, older than the PostgreSQL server "
                    f"({_major(server)}); pg_dump cannot dump a newer server. Install "
                    f"postgresql-client-{_major(server)} or put its bin folder first on PATH.")
            snapshot_id = conn.execute(text("SELECT pg_export_snapshot()")).scalar()
            counts, revision = contents(conn)
            dump(pg_dump, path, env, snapshot_id)
    info = {"kind": "postgresql", "file": FILE, "server_version": int(server),
            "pg_dump_major": dump_major}
    return info, counts, revision


def tables_with_rows(engine):
    """Tables of the configured database that hold rows (alembic_version apart)."""
    with engine.connect() as conn:
        quote = conn.dialect.identifier_preparer.quote
        names = [n for n in inspect(conn).get_table_names() if n != "alembic_version"]
        return sorted(n for n in names
                      if conn.execute(text(f"SELECT EXISTS (SELECT 1 FROM {quote(n)})")).scalar())


def check_tool(manifest_database):
    """pg_restore is present and can read a dump made by the recorded pg_dump."""
    pg_restore, major = tool("pg_restore")
    made_by = manifest_database.get("pg_dump_major") or 0
    if major < made_by:
        raise BackupError(f"{pg_restore} is version {major}, older than the pg_dump ({made_by}) "
                          f"that made this backup, and cannot read it. Install "
                          f"postgresql-client-{made_by} or put its bin folder first on PATH.")
    return pg_restore


def restore(engine, folder, pg_restore):
    """``pg_restore`` the dump into the configured database, in one transaction (empty
    tables of the same names are replaced); returns (integrity, counts, revision)."""
    engine.dispose()
    env = libpq_environment(engine.url)
    _run([pg_restore, "--no-password", "--clean", "--if-exists", "--no-owner",
          "--no-privileges", "--single-transaction", "--exit-on-error",
          "--dbname=" + make_conninfo(dbname=engine.url.database),
          os.path.join(folder, FILE)], env, "pg_restore")
    with engine.connect() as conn:
        counts, revision = contents(conn)
    return "ok", counts, revision
