"""Pagination without COUNT(*): one query per page, fetching one row more than shown."""
from flask import abort, current_app, request

from .extensions import db
from .i18n import ascii_digits


class Pagination:
    def __init__(self, items, number, size, has_next):
        self.items = items
        self.number = number
        self.size = size
        self.has_prev = number > 1
        self.has_next = has_next

    def args(self, number):
        """The current query string with another page number (filters kept)."""
        args = {k: v for k, v in request.args.items() if k not in ("page", "lang")}
        args["page"] = number
        return args

    def __iter__(self):
        return iter(self.items)


MAX_PAGE = 100_000


def page_number():
    """The requested page, 1 when unreadable; beyond MAX_PAGE there is nothing to show → 404."""
    try:
        number = max(1, int(ascii_digits(request.args.get("page", "1"))))
    except ValueError:
        return 1
    if number > MAX_PAGE:
        abort(404)
    return number


def paginate(select, size=None, scalars=True):
    """Run ``select`` for the requested page (``?page=``)."""
    size = size or current_app.config["PAGE_SIZE"]
    number = page_number()
    query = select.limit(size + 1).offset((number - 1) * size)
    rows = db.session.scalars(query).all() if scalars else db.session.execute(query).all()
    return Pagination(rows[:size], number, size, len(rows) > size)
