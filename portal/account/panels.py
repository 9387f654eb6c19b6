"""Dashboard panels contributed by features (activities, meetings...).

A feature registers a function ``panel(user) -> (template, context) | None``; the dashboard
renders each returned template with its context, in registration order.
"""
PANELS = []


def register(panel):
    PANELS.append(panel)
    return panel


def render_for(user):
    """The (template, context) pairs to show ``user``."""
    shown = []
    for panel in PANELS:
        result = panel(user)
        if result is not None:
            shown.append(result)
    return shown
