"""Where shared files are kept: an interface with the local folder as its default implementation.

Views and services only call :func:`get_storage` and the three methods below, so object storage
(for a deployment on several machines) can be added as another class without touching them:
set ``app.config["RESOURCE_STORAGE"]`` to a callable ``(app) -> storage``.

Keys are generated here (random hexadecimal); nothing from a request ever becomes a path.
"""
import os
import re
import secrets
import shutil
import tempfile

from flask import current_app

KEY_PATTERN = re.compile(r"^[0-9a-f]{32}$")


class Storage:
    """The interface: ``save(stream) -> key``, ``open(key) -> binary file``, ``delete(key)``."""

    def save(self, stream):
        raise NotImplementedError

    def open(self, key):
        raise NotImplementedError

    def delete(self, key):
        raise NotImplementedError


class LocalStorage(Storage):
    """Files under ``<root>/<first two characters of the key>/<key>``; ``root`` is outside
    ``static/`` (``UPLOAD_FOLDER``/resources by default), so the web server never serves them."""

    def __init__(self, root):
        self.root = os.path.abspath(root)

    def _path(self, key):
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            raise KeyError(key)
        return os.path.join(self.root, key[:2], key)

    def save(self, stream):
        """Copy ``stream`` (from its current position) into a new file; returns its key.
        The file appears complete or not at all (written aside, then renamed)."""
        key = secrets.token_hex(16)
        path = self._path(key)
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                shutil.copyfileobj(stream, out, 1024 * 1024)
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
        return key

    def open(self, key):
        """The stored file, opened for reading; ``KeyError`` when there is no such file."""
        try:
            return open(self._path(key), "rb")
        except FileNotFoundError:
            raise KeyError(key) from None

    def delete(self, key):
        try:
            os.unlink(self._path(key))
        except (FileNotFoundError, KeyError):
            pass


def local_storage(app):
    return LocalStorage(os.path.join(app.config["UPLOAD_FOLDER"], "resources"))


def get_storage():
    """The application's storage (made once per application)."""
    app = current_app._get_current_object()
    storage = app.extensions.get("resource_storage")
    if storage is None:
        factory = app.config.get("RESOURCE_STORAGE") or local_storage
        storage = app.extensions["resource_storage"] = factory(app)
    return storage
