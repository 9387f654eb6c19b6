"""The 4W coordination view: who does what where, for a period."""
from urllib.parse import urlencode

from babel.numbers import get_group_symbol
from flask import render_template, url_for
from flask_login import current_user
from markupsafe import Markup

from ..i18n import FORMAT_LOCALE, format_number, language, localize_digits
from ..pagecache import cached_for_visitors
from ..permissions import public
from . import bp, cache, queries
from .forms import PeriodForm, period


@bp.route("")
@public
@cached_for_visitors
def matrix():
    """Sectors × governorates (and neighbouring countries) for a period (``from``, ``to``; the
    current year by default): in each cell the organisations, activities and people reached,
    with gaps and possible overlaps marked. Each cell links to the matching activity list.
    Members see every approved activity; the public only the public ones."""
    form = PeriodForm()
    start, end = period(form)
    audience = "members" if current_user.is_authenticated else "public"

    def render():
        return render_template(
            "coordination/_table.html", matrix=queries.matrix(current_user, start, end),
            list_url=url_for("activities.index"), count=_integer_format(),
            period_query=urlencode({"from": start.isoformat(), "to": end.isoformat()}))

    table = cache.table((audience, language(), start, end), render)
    return render_template("coordination/matrix.html", form=form, table=Markup(table),
                           start=start, end=end)


def _integer_format():
    """``|num`` for whole numbers, without Babel's cost for each of the matrix's many cells
    (the same text: the locale groups digits with "," and Arabic pages use Arabic-Indic digits)."""
    if get_group_symbol(FORMAT_LOCALE[language()]) != ",":
        return format_number
    return lambda n: localize_digits(f"{n:,}")
