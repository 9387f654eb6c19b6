"""Reading the list's filters from the query string, shared by the list and the exports.

A value that names no known sector, area or organisation is ignored; a date that cannot be
read is shown with its error and not applied. Nothing here can fail the request.
"""
from flask import request
from flask_login import current_user

from .forms import ActivityFilterForm
from .. import areas as places
from .queries import Filters, active_orgs, sectors


def read_filters():
    """The filter form (with its choices and any errors) and the checked ``Filters``."""
    form = ActivityFilterForm()
    sector_rows, area_rows, orgs = sectors(), places.filter_rows(), active_orgs()
    area = places.resolve(request.args.get("area", ""), area_rows)
    if area is not None and area not in area_rows:
        area_rows.append(area)  # a sub-district named in the address: shown as chosen
    form.set_choices(sector_rows, area_rows, orgs)
    if not (current_user.is_authenticated and current_user.org_id):
        del form.mine
    form.validate()
    filters = Filters(
        sector_id=_id_of(sector_rows, "code", form.choice("sector")),
        area=area,
        org_id=_id_of(orgs, "slug", form.choice("org")),
        status=form.choice("status"),
        date_from=form.value("date_from"),
        date_to=form.value("date_to"),
        q=form.value("q") or "",
        mine=bool("mine" in form and form.mine.data),
        main_sector_only=request.args.get("main") == "1",
    )
    return form, filters


def _id_of(rows, attribute, value):
    if not value:
        return None
    return next((row.id for row in rows if getattr(row, attribute) == value), None)


def kept_args():
    """The query string without the page number and language: for export links."""
    return {key: value for key, value in request.args.items() if key not in ("page", "lang")}
