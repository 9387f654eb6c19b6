"""The dashboard panel: the organisation's resources and where each stands in review, with the
secretariat's reasons and comments, those needing attention first."""
from ..account import panels
from ..models.base import current_language
from .labels import state_label
from .queries import dashboard_items

PANEL_SIZE = 10


@panels.register
def resources_panel(user):
    """Members of an organisation: their resources (one query). None for the secretariat,
    whose queue is the moderation page."""
    if not user.org_id:
        return None
    items = dashboard_items(user.org_id, PANEL_SIZE)
    rows = [{"item": item, "title": _title(item), "state": state_label(item),
             "pending_edit": item.has_pending_edit} for item in items[:PANEL_SIZE]]
    return "resources/_dashboard_panel.html", {"rows": rows, "more": len(items) > PANEL_SIZE}


def _title(item):
    """The title in the page's language, from the pending edit when there is one."""
    if item.proposal is None:
        return item.tr("title")
    lang = current_language()
    other = "en" if lang == "ar" else "ar"
    return item.proposal.get(f"title_{lang}") or item.proposal.get(f"title_{other}") or ""
