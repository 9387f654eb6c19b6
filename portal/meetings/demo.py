"""Demo meetings for ``seed --demo``."""


def seed_demo_meetings():
    """Add demo meetings once; returns how many were added."""
    return 0
