"""Backups that restore: ``flask --app portal backup DIR`` and ``flask --app portal restore DIR``.

A backup is a folder holding a consistent copy of the database (``database.sqlite3``, made
with SQLite's online backup API, or ``database.pgdump``, made by ``pg_dump --format=custom``
from an exported snapshot), a copy of the upload folder (``uploads/``) and ``manifest.json``,
written last: the time, the Alembic revision, the database kind, the row count of every table
(read in the same snapshot as the copy) and the size and SHA-256 of every file.

``manifest``  the manifest: write it, read it, check every file against it
``uploads``   the upload folder: copy it out and back in
``sqlite``    SQLite: snapshot, counts, restore, integrity check
``postgres``  PostgreSQL: pg_dump/pg_restore, snapshot, counts
``backup``    make a backup;  ``restore``: restore one into an empty instance
``cli``       the two commands
"""


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why and what to do."""
