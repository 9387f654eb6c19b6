"""The matrix's choices, read from the query string: the period (``?from=2026-01-01&to=2026-12-31``)
and the level of places (``?level=2&in=SY07``: the districts of Idleb)."""
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, ValidationError
from wtforms.validators import Optional

from ..forms import options
from ..secretariat.forms import FilterForm, LocalDateField

LEVELS = {"1": _l("Governorates"), "2": _l("Districts of one governorate")}


class PeriodForm(FilterForm):
    """The period: from and to, both days included; the current year by default."""

    date_from = LocalDateField(_l("From"), name="from", validators=[Optional()])
    date_to = LocalDateField(_l("To"), name="to", validators=[Optional()])
    level = SelectField(_l("Places"), default="1", validate_choice=False, choices=options(LEVELS.items()))
    within = SelectField(_l("Governorate"), name="in", validate_choice=False, choices=[])

    def set_governorates(self, governorates):
        self.within.choices = options([("", _l("Choose…"))] + [(g.code, g.tr("name")) for g in governorates])

    def validate_within(self, field):
        if self.level.data == "2" and field.data not in {c.value for c in field.choices if c.value}:
            raise ValidationError(_l("Choose a governorate to see its districts."))

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date is before the start date."))


def period(form, today=None):
    """The (start, end) days the form asks for; the current year for what is missing or wrong.

    A field with an error is shown with its message and not applied."""
    today = today or date.today()
    form.validate()
    start = None if form.date_from.errors else form.date_from.data
    end = None if form.date_to.errors else form.date_to.data
    start = start or (date(end.year, 1, 1) if end else date(today.year, 1, 1))
    end = end or date(start.year, 12, 31)
    if end < start:
        end = date(start.year, 12, 31)
    return start, end
