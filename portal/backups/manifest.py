"""``manifest.json``: what a backup holds, and the check that it is whole and unchanged.

::

    {"format": 1, "created_at": "2026-11-29T22:15:00Z", "revision": "0004_resources",
     "database": {"kind": "sqlite", "file": "database.sqlite3", ...},
     "tables": {"activity": 120, "audit_event": 480, ...},
     "files": {"database.sqlite3": {"size": 1234, "sha256": "…"},
               "uploads/logos/ab….png": {"size": 5678, "sha256": "…"}},
     "digest": "…"}

``digest`` is the SHA-256 of the rest of the manifest (canonical JSON): a manifest damaged or
edited by hand is refused. It is not a signature: whoever can write the backup can rewrite it
whole, so keep backups where the portal's own server cannot change them.
"""
import hashlib
import json
import os
import posixpath

from . import BackupError

NAME = "manifest.json"
FORMAT = 1
CHUNK = 1024 * 1024


def sha256_file(path):
    """(size, hexadecimal SHA-256) of a file."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def copy_hashed(source, target, mode=0o600):
    """Copy ``source`` to a new file ``target`` (refused if it exists), flushed to disk;
    returns the (size, SHA-256) of what was written."""
    digest = hashlib.sha256()
    size = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with open(source, "rb") as src, os.fdopen(fd, "wb") as out:
        while chunk := src.read(CHUNK):
            out.write(chunk)
            digest.update(chunk)
            size += len(chunk)
        out.flush()
        os.fsync(out.fileno())
    return size, digest.hexdigest()


def entry(path):
    size, sha = sha256_file(path)
    return {"size": size, "sha256": sha}


def _canonical(body):
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def write(folder, body):
    """Write the manifest (with its digest) into ``folder``, flushed to disk."""
    body = dict(body, format=FORMAT)
    body.pop("digest", None)
    body["digest"] = hashlib.sha256(_canonical(body)).hexdigest()
    fd = os.open(os.path.join(folder, NAME), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(body, fh, indent=2, sort_keys=True, ensure_ascii=False)
        fh.write("\n")
        fh.flush()
        os.fsync(fh.fileno())
    return body


def safe_name(name):
    """A file name from a manifest, checked: relative, normalised, inside the backup."""
    if (not isinstance(name, str) or not name or name.startswith("/") or "\\" in name
            or "\x00" in name or posixpath.normpath(name) != name
            or name.split("/")[0] in ("..", ".") or name == NAME):
        raise BackupError(f"The manifest names a file outside the backup: {name!r}.")
    return name


def read(folder):
    """The manifest of the backup in ``folder``, its digest checked."""
    path = os.path.join(folder, NAME)
    if not os.path.isfile(path):
        raise BackupError(f"{folder} holds no {NAME}: it is not a backup, or an unfinished one.")
    try:
        with open(path, encoding="utf-8") as fh:
            body = json.load(fh)
    except (OSError, ValueError) as exc:
        raise BackupError(f"{NAME} cannot be read ({exc}).") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise BackupError(f"{NAME} is not a manifest of format {FORMAT}.")
    stated = body.pop("digest", None)
    if stated != hashlib.sha256(_canonical(body)).hexdigest():
        raise BackupError(f"{NAME} was changed or damaged after the backup (its digest differs).")
    for key, kind in (("files", dict), ("tables", dict), ("database", dict)):
        if not isinstance(body.get(key), kind):
            raise BackupError(f"{NAME} has no {key!r}.")
    return body


def _files_on_disk(folder):
    found = set()
    for root, dirs, files in os.walk(folder):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            found.add(os.path.relpath(os.path.join(root, name), folder).replace(os.sep, "/"))
    found.discard(NAME)
    return found


def verify(folder):
    """Read the manifest and check every file: present, a plain file, of the stated size and
    SHA-256, and nothing else in the folder. Returns the manifest."""
    body = read(folder)
    files = body["files"]
    problems = []
    for name, stated in sorted(files.items()):
        path = os.path.join(folder, safe_name(name))
        if os.path.islink(path) or not os.path.isfile(path):
            problems.append(f"missing: {name}")
            continue
        if not isinstance(stated, dict) or entry(path) != {"size": stated.get("size"),
                                                          "sha256": stated.get("sha256")}:
            problems.append(f"changed: {name}")
    extra = sorted(_files_on_disk(folder) - set(files))
    problems += [f"not in the manifest: {name}" for name in extra]
    if body["database"].get("file") not in files:
        problems.append("the database file is not in the manifest")
    if problems:
        shown = "; ".join(problems[:10]) + ("; …" if len(problems) > 10 else "")
        raise BackupError(f"The backup in {folder} does not match its manifest, nothing was "
                          f"restored ({len(problems)} problem(s): {shown}).")
    return body
