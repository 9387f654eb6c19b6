"""The upload folder (``UPLOAD_FOLDER``: logos, documents): copied into ``uploads/`` of a
backup after the database snapshot, so every file the snapshot refers to is there, and copied
back on restore.

Symbolic links are not followed, and half-written uploads (``.upload-*``, see
``portal/resources/storage.py``) are left out.
"""
import logging
import os
import secrets

from . import BackupError
from .manifest import copy_hashed

PREFIX = "uploads/"
log = logging.getLogger("portal.backups")


def _walk(root):
    """Relative (``/``-separated) names of the plain files under ``root``."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            if name.startswith(".upload-"):
                continue
            if os.path.islink(path) or not os.path.isfile(path):
                log.warning("backup: %s is not a plain file; left out", path)
                continue
            yield os.path.relpath(path, root).replace(os.sep, "/")


def has_files(root):
    """Whether the upload folder holds any file (empty folders do not count)."""
    return os.path.isdir(root) and any(True for _ in _walk(root))


def copy_out(root, backup_folder):
    """Copy the upload folder into ``backup_folder/uploads``; the manifest's entries."""
    entries = {}
    if not os.path.isdir(root):
        return entries
    for name in _walk(root):
        target = os.path.join(backup_folder, PREFIX, name)
        os.makedirs(os.path.dirname(target), mode=0o700, exist_ok=True)
        try:
            size, sha = copy_hashed(os.path.join(root, name), target)
        except FileNotFoundError:  # deleted since the folder was listed
            if os.path.exists(target):
                os.unlink(target)
            continue
        entries[PREFIX + name] = {"size": size, "sha256": sha}
    return entries


def copy_in(backup_folder, files, root):
    """Copy the backup's ``uploads/`` files (as listed in the manifest) into ``root``; each
    file appears whole (written aside, then renamed) and is checked against the manifest.
    Returns (files, bytes)."""
    count = total = 0
    for name, stated in sorted(files.items()):
        if not name.startswith(PREFIX):
            continue
        relative = name[len(PREFIX):]
        target = os.path.join(root, *relative.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        temporary = os.path.join(os.path.dirname(target), f".restore-{secrets.token_hex(8)}")
        try:
            # Created as the portal creates its uploads (the umask decides who may read).
            size, sha = copy_hashed(os.path.join(backup_folder, *name.split("/")), temporary,
                                    mode=0o666)
            if (size, sha) != (stated["size"], stated["sha256"]):
                raise BackupError(f"{name} changed while it was being restored.")
            os.replace(temporary, target)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        count += 1
        total += size
    return count, total

