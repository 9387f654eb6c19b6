"""Make a backup: the database snapshot first, then the upload folder, then the manifest.

The backup is written into a hidden folder beside its destination and renamed into place once
the manifest is written, so a backup folder is either complete or absent (an interrupted run
leaves nothing that looks like a backup). Backups hold personal data: the folder is readable
by its owner only.
"""
import os
import shutil
import tempfile
from datetime import datetime, timezone

from flask import current_app

from ..extensions import db
from . import BackupError, manifest, postgres, sqlite, uploads

DATED_FORMAT = "%Y-%m-%dT%H%M%SZ"


def backend(engine):
    """The module that knows the configured database (sqlite or postgres)."""
    kind = engine.dialect.name
    if kind == "sqlite":
        return sqlite
    if kind == "postgresql":
        return postgres
    raise BackupError(f"Backups of {kind} databases are not supported.")


def destination(folder, dated, now):
    """Where the backup goes: ``folder`` itself (absent or empty), or with ``dated`` a new
    sub-folder named after the time (UTC), e.g. ``2026-11-29T221500Z``. Never inside the
    upload folder (the backup would copy itself)."""
    folder = os.path.abspath(folder)
    upload_root = os.path.realpath(current_app.config["UPLOAD_FOLDER"])
    real = os.path.realpath(folder)
    if real == upload_root or real.startswith(upload_root + os.sep):
        raise BackupError(f"{folder} is inside the upload folder ({upload_root}); "
                          f"keep backups elsewhere.")
    if dated:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        target = os.path.join(folder, now.strftime(DATED_FORMAT))
        if os.path.lexists(target):
            raise BackupError(f"{target} exists already; try again in a second.")
        return target
    if os.path.lexists(folder):
        if not os.path.isdir(folder):
            raise BackupError(f"{folder} exists and is not a folder.")
        if os.listdir(folder):
            raise BackupError(f"{folder} is not empty. Give a new or empty folder, or use "
                              f"--dated to write a new time-stamped folder inside it.")
    else:
        os.makedirs(os.path.dirname(folder), mode=0o700, exist_ok=True)
    return folder


def make_backup(folder, dated=False, now=None):
    """Back up the database and the upload folder; returns (the backup's folder, manifest)."""
    now = now or datetime.now(timezone.utc)
    target = destination(folder, dated, now)
    parent, name = os.path.split(target)
    staging = tempfile.mkdtemp(prefix=f".{name}.partial-", dir=parent)
    try:
        database, counts, revision = backend(db.engine).snapshot(db.engine, staging)
        files = {database["file"]: manifest.entry(os.path.join(staging, database["file"]))}
        files.update(uploads.copy_out(current_app.config["UPLOAD_FOLDER"], staging))
        body = manifest.write(staging, {
            "created_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "revision": revision,
            "database": database, "tables": counts, "files": files,
        })
        _fsync_tree(staging)
        os.rename(staging, target)   # replaces an empty folder, refuses a filled one
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _fsync_dir(parent)
    return target, body


def _fsync_dir(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root):
    for folder, _dirs, _files in os.walk(root):
        _fsync_dir(folder)
