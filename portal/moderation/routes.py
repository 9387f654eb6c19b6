"""Moderation queue views."""
from . import bp  # noqa: F401
