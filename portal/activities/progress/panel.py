"""The dashboard panel: the organisation's monthly reports sent back by the secretariat, and
its published activities with no report for last month. Shown only when there is something."""
from datetime import timedelta

from ...account import panels
from . import queries
from .kind import month_label
from .rules import month_start, this_month

PANEL_SIZE = 10


def last_month():
    """The first day of the month before this one."""
    return month_start(this_month() - timedelta(days=1))


@panels.register
def progress_panel(user):
    """Members of an organisation (two queries); None for the secretariat, or when nothing
    needs doing."""
    if not user.org_id or user.role != "member":
        return None
    month = last_month()
    sent_back = queries.sent_back(user.org_id, PANEL_SIZE)
    missing = queries.unreported(user.org_id, month, PANEL_SIZE)
    if not sent_back and not missing:
        return None
    rows = [{"report": r, "month": month_label(r.month), "title": r.activity.tr("title")}
            for r in sent_back]
    return "activities/progress/_dashboard_panel.html", {
        "sent_back": rows, "missing": missing, "month": month_label(month),
        "month_value": month.strftime("%Y-%m")}
