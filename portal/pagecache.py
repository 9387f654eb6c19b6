"""A short-lived, per-worker cache of public pages as anonymous visitors see them.

Public pages (home, charter) are read far more often than they change. For a visitor who is not
logged in and has nothing flashed, the rendered page is kept for ``PAGE_CACHE_SECONDS`` (30 s by
default), keyed by path, query string and language. Logged-in users, the secretariat editing
pages among them, always get a fresh page; the public sees an edit within the cache time.
"""
import time
from functools import wraps

from flask import current_app, request, session
from flask_login import current_user

from .i18n import language

_pages = {}
MAX_ENTRIES = 512


def cached_for_visitors(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        seconds = current_app.config.get("PAGE_CACHE_SECONDS", 30)
        if seconds <= 0 or request.method != "GET" or current_user.is_authenticated \
                or session.get("_flashes"):
            return view(*args, **kwargs)
        key = (request.full_path, language())
        now = time.monotonic()
        hit = _pages.get(key)
        if hit and hit[0] > now:
            return hit[1]
        response = view(*args, **kwargs)
        if isinstance(response, str):
            if len(_pages) >= MAX_ENTRIES:
                _pages.clear()
            _pages[key] = (now + seconds, response)
        return response

    return wrapper


def forget():
    """Drop every cached page (after an edit in this worker, and in tests)."""
    _pages.clear()
