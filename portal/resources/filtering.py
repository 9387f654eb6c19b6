"""Reading the list's filters from the query string.

A value that names no known category, sector, area, organisation or language is ignored; a
year that cannot be read is shown with its error and not applied. Nothing here can fail the
request.
"""
from flask_login import current_user

from ..permissions import is_secretariat

from .forms import ResourceFilterForm
from .queries import Filters, active_orgs, areas, sectors


def read_filters():
    """The filter form (with its choices and any errors) and the checked ``Filters``."""
    form = ResourceFilterForm()
    sector_rows, area_rows, orgs = sectors(), areas(), active_orgs()
    form.set_choices(sector_rows, area_rows, orgs)
    if not (current_user.is_authenticated and current_user.org_id):
        del form.mine
    if not is_secretariat(current_user):
        del form.waiting
    form.validate()
    filters = Filters(
        category=form.choice("category"),
        sector_id=_id_of(sector_rows, "code", form.choice("sector")),
        area_id=_id_of(area_rows, "code", form.choice("area")),
        org_id=_id_of(orgs, "slug", form.choice("org")),
        language=form.choice("language"),
        year=form.value("year"),
        q=form.value("q") or "",
        mine=bool("mine" in form and form.mine.data),
        waiting=bool("waiting" in form and form.waiting.data),
    )
    return form, filters


def _id_of(rows, attribute, value):
    if not value:
        return None
    return next((row.id for row in rows if getattr(row, attribute) == value), None)
