"""A movable clock for the portal: ``clock.move(hours=3)``; ``clock.now()`` is the portal's now.

Use with ``from tests.clock import clock  # noqa: F401`` in a test module.
"""
from datetime import timedelta

import pytest


@pytest.fixture
def clock(monkeypatch):
    from portal.models import base

    real = base.utcnow

    class Clock:
        offset = timedelta()

        def now(self):
            return real() + self.offset

        def move(self, **kw):
            self.offset += timedelta(**kw)

    c = Clock()
    monkeypatch.setattr(base, "utcnow", c.now)
    return c
