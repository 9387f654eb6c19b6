"""Which months an activity's progress may be reported for: from the month it starts, to the
month it ends (when known), never a month that has not begun yet."""
from datetime import date

from flask_babel import lazy_gettext as _l


def month_start(day):
    return date(day.year, day.month, 1)


def this_month():
    return month_start(date.today())


def month_problem(activity, month):
    """A translated message when ``month`` (a first of the month) cannot be reported, else None."""
    if month > this_month():
        return _l("This month has not begun yet: report it once it has.")
    if month < month_start(activity.start_date):
        return _l("The activity started after this month.")
    if activity.end_date is not None and month > month_start(activity.end_date):
        return _l("The activity ended before this month.")
    return None


def is_published(item):
    """Approved and not archived: what others see (the rule of ``portal.visibility``)."""
    return bool(item.is_published and item.review_state != "archived")

