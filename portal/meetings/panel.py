"""The dashboard panel: the user's upcoming meetings and places on waiting lists."""
from ..account.panels import register
from ..models import utcnow
from . import queries


@register
def meetings_panel(user):
    """Shown to members of organisations (the secretariat convenes, it does not register)."""
    if user.org_id is None:
        return None
    return "meetings/_dashboard_panel.html", {"rows": queries.upcoming_for(user, utcnow())}
