"""The 4W coordination view: who does what where, for a period."""
from urllib.parse import urlencode

from babel.numbers import get_group_symbol
from flask import render_template, url_for
from flask_login import current_user
from markupsafe import Markup

from ..i18n import FORMAT_LOCALE, format_number, language, localize_digits
from ..pagecache import cached_for_visitors
from ..permissions import public
from .. import areas as places
from ..models.reference import GOVERNORATE
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
    governorates = [a for a in places.top_areas() if a.kind == GOVERNORATE]
    form.set_governorates(governorates)
    start, end = period(form)
    scope = None
    if form.level.data == "2" and not form.within.errors:
        scope = next((g for g in governorates if g.code == form.within.data), None)
    level = 2 if scope is not None else 1
    audience = "members" if current_user.is_authenticated else "public"

    def render():
        return render_template(
            "coordination/_table.html", matrix=queries.matrix(current_user, start, end, level, scope),
            list_url=url_for("activities.index"), count=_integer_format(),
            period_query=urlencode({"from": start.isoformat(), "to": end.isoformat()}))

    table = cache.table((audience, language(), start, end, level, scope and scope.code), render)
    return render_template("coordination/matrix.html", form=form, table=Markup(table),
                           start=start, end=end, scope=scope,
                           gazetteer_loaded=level == 1 or places.gazetteer_loaded())


def _integer_format():
    """``|num`` for whole numbers, without Babel's cost for each of the matrix's many cells
    (the same text: the locale groups digits with "," and Arabic pages use Arabic-Indic digits)."""
    if get_group_symbol(FORMAT_LOCALE[language()]) != ",":
        return format_number
    return lambda n: localize_digits(f"{n:,}")
