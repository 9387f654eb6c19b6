"""Demo activities for ``seed --demo``."""


def seed_demo_activities():
    """Add demo activities once; returns how many were added."""
    return 0
